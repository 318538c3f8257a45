"""The ILK and integrity pages: access, k, the same numbers as `sikap indices --json`, follow-up items for
the providing unit, and query counts that do not grow with the units."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from sikap.accounts.models import Membership
from sikap.followup.models import FollowUpItem
from sikap.indices.tests.internal_helpers import answer, ilk_everywhere, set_headcount
from sikap.indices.tests.test_ilk_strata import _answered
from sikap.indices.tests.test_integrity_index import _answered as _integrity
from sikap.organisation.models import Unit
from sikap.testing.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def _json(*args: str) -> dict:
    out = io.StringIO()
    call_command("indices", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def _page(client, name: str, unit: Unit, period) -> str:
    response = client.get(reverse(name, args=[unit.code]), {"periode": period.pk})
    assert response.status_code == 200
    return response.content.decode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def idnum(value: float, places: int = 2) -> str:
    return f"{value:,.{places}f}".replace(",", "x").replace(".", ",").replace("x", ".")


@pytest.mark.parametrize("persona", ["admin", "kanwil_admin", "operator", "leader"])
def test_the_ilk_page_opens_for_those_who_see_the_unit(world, login, persona):
    campaign, _version = _answered(world)
    html = _page(login(getattr(world, persona)), "internal_results:ilk_unit", world.division, campaign.period)
    assert "Domain layanan menurut aspek" in html and "Perspektif" in html


@pytest.mark.parametrize("name", ["internal_results:ilk_unit", "internal_results:integrity_unit"])
def test_an_outsider_gets_404(world, login, name):
    _answered(world)
    response = login(world.outsider).get(reverse(name, args=[world.division.code]))
    assert response.status_code == 404


def test_a_unit_under_k_shows_no_number(world, login):
    campaign, _version = _answered(world)
    html = _page(login(world.admin), "internal_results:ilk_unit", world.other_division, campaign.period)
    text = _text(html)
    assert "Angka tidak ditampilkan: kurang dari 5 responden" in text
    # Three respondents answered 1 everywhere: neither 1,0000 nor 25,00 appears anywhere.
    assert "1,0000" not in text and "25,00" not in text and "1,00 " not in text
    assert 'class="score"' not in html


def test_a_units_numbers_equal_the_command(world, login):
    campaign, _version = _answered(world)
    data = _json("--instrument", "ILK", "--period", campaign.period.name, "--unit", world.division.code)
    text = _text(_page(login(world.admin), "internal_results:ilk_unit", world.division, campaign.period))
    assert f"{idnum(data['score'])} {data['grade']}" in text
    assert f"ILK skala 1-4: {idnum(data['index'], 4)}" in text
    assert "jumlah pegawai 50" in text


def test_a_kanwils_rollup_equals_the_command_and_shows_its_strata(world, login):
    campaign, _version = _answered(world)
    data = _json(
        "--instrument", "ILK", "--period", campaign.period.name, "--unit", world.ministry.code, "--subtree"
    )
    text = _text(_page(login(world.admin), "internal_results:ilk_unit", world.ministry, campaign.period))
    assert f"{idnum(data['score'])} {data['grade']}" in text
    assert f"{idnum(data['pooled']['index'], 4)} {idnum(data['pooled']['score'])} B" in text
    assert f"{idnum(data['plain_mean']['index'], 4)} {idnum(data['plain_mean']['score'])}" in text
    assert "mencakup 50,0 % jumlah pegawai" in text and "200 dari 400 pegawai" in text
    assert "rata-rata tertimbang jumlah pegawai" in text and "gabungan seluruh responden" in text
    assert "Bidang KI Bali 3 kurang dari 5 responden" in text
    assert "di bawah" in text  # the Kanwil office, 0,375 under the roll-up


def test_the_integrity_page_names_the_category_profile_and_the_weakest_first(world, login):
    campaign, _version = _integrity(world)
    data = _json(
        "--instrument", "INTEGRITAS", "--period", campaign.period.name, "--unit", world.division.code
    )
    text = _text(
        _page(login(world.leader), "internal_results:integrity_unit", world.division, campaign.period)
    )
    assert f"{idnum(data['score'])} {data['grade']} kategori menurut profil Itjen" in text
    found = [text.index(f" {code} ") for code in data["weakest"]]
    assert found == sorted(found)


def test_a_weak_domain_becomes_an_item_of_the_kanwil_that_serves_the_division(world, login):
    campaign, _version = _answered(world)
    client = login(world.kanwil_admin)
    url = reverse("internal_results:ilk_plan", args=[world.division.code])
    response = client.post(url, {"periode": campaign.period.pk, "domain": "KEP"})
    assert response.status_code == 302
    item = FollowUpItem.objects.get()
    assert (item.unit, item.element_code, item.public) == (world.kanwil, "ILK.KEP", False)
    assert item.element_name == "Kepegawaian" and float(item.element_mean) == 4.0
    client.post(url, {"periode": campaign.period.pk, "domain": "KEP"})
    assert FollowUpItem.objects.count() == 1  # the open item is not made twice


@pytest.mark.parametrize(
    ("period", "domain"),
    [
        ("abc", "KEP"),
        ("²", "KEP"),
        ("9" * 40, "KEP"),
        (None, "K\x00EP"),
        (None, "KEP\x1b"),
        (None, "x" * 999),
    ],
)
def test_a_hostile_period_or_domain_is_refused_without_a_500(world, login, period, domain):
    campaign, _version = _answered(world)
    client = login(world.kanwil_admin)
    url = reverse("internal_results:ilk_plan", args=[world.division.code])
    response = client.post(url, {"periode": period or campaign.period.pk, "domain": domain})
    assert response.status_code in (302, 404) and not FollowUpItem.objects.exists()


def test_the_division_operator_cannot_plan_for_the_kanwil(world, login):
    campaign, _version = _answered(world)
    url = reverse("internal_results:ilk_plan", args=[world.division.code])
    response = login(world.operator).post(url, {"periode": campaign.period.pk, "domain": "KEP"})
    assert response.status_code == 403 and not FollowUpItem.objects.exists()


def test_a_suppressed_unit_cannot_be_planned_from(world, login):
    campaign, _version = _answered(world)
    url = reverse("internal_results:ilk_plan", args=[world.other_division.code])
    login(world.admin).post(url, {"periode": campaign.period.pk, "domain": "KEP"})
    assert not FollowUpItem.objects.exists()


def test_the_ranking_is_for_those_who_oversee(world, login):
    campaign, _version = _answered(world)
    url = reverse("internal_results:ilk_ranking")
    assert login(world.operator).get(url).status_code == 404
    text = _text(login(world.leader).get(url, {"periode": campaign.period.pk}).content.decode())
    assert "Peringkat Kanwil" in text and "Kanwil Jawa Barat" in text
    assert "Kanwil Bali 3 kurang dari 5 responden per unit" in text
    assert "SD tertimbang" in text


def test_the_dashboard_links_to_the_ilk_page(world, login):
    campaign, _version = _answered(world)
    response = login(world.admin).get(
        reverse("dashboard_unit", args=[world.division.code]),
        {"periode": campaign.period.pk, "instrumen": "ILK"},
    )
    assert reverse("internal_results:ilk_unit", args=[world.division.code]) in response.content.decode()


def _more_kanwil(world, campaign, count: int) -> None:
    for i in range(count):
        kanwil = make_unit(f"kanwil-x{i}", parent=world.ministry, kind=Unit.Kind.KANWIL, name=f"Kanwil X{i}")
        division = make_unit(f"kanwil-x{i}-ki", parent=kanwil, name=f"Bidang KI X{i}")
        campaign.units.add(kanwil, division)
        for unit in (kanwil, division):
            set_headcount(unit, campaign.period, 30)
            for value in (2, 3, 3, 4, 4):
                answer(campaign, unit, ilk_everywhere(value), perspektif="pengguna")


@pytest.mark.parametrize(
    ("name", "code", "pinned"),
    [
        # A roll-up: the ministry's, its strata and its trend (one roll-up per period: one here).
        ("internal_results:ilk_unit", "kemenkum", 38),
        ("internal_results:ilk_unit", "kanwil-jabar-ki", 33),
        ("internal_results:ilk_ranking", "", 33),
    ],
)
def test_query_counts_do_not_grow_with_units(world, login, django_assert_max_num_queries, name, code, pinned):
    campaign, _version = _answered(world)
    client = login(world.admin)
    url = reverse(name, args=[code] if code else [])
    for extra in (0, 4):
        _more_kanwil(world, campaign, extra)
        with django_assert_max_num_queries(pinned):
            assert client.get(url, {"periode": campaign.period.pk}).status_code == 200


def test_a_leader_of_one_kanwil_sees_its_units_only(world, login):
    _answered(world)
    leader = make_user("pimpinan.jabar", (world.kanwil, Membership.Role.LEADER))
    client = login(leader)
    assert client.get(reverse("internal_results:ilk_unit", args=[world.other_kanwil.code])).status_code == 404
    response = client.get(reverse("internal_results:ilk"))
    assert response.status_code == 200 and "ILK Kanwil Jawa Barat" in response.content.decode()


def test_a_perspective_under_k_is_hidden_with_its_protector(world, login):
    campaign, _version = _answered(world)
    answer(campaign, world.division, ilk_everywhere(1), perspektif="pimpinan")
    text = _text(_page(login(world.admin), "internal_results:ilk_unit", world.division, campaign.period))
    assert "Pimpinan disembunyikan" in text and "Pengguna layanan disembunyikan" in text
    assert "Penyedia layanan — — 0 tidak dipakai" in text


def test_a_rollup_without_headcounts_says_so_rather_than_k(world, login):
    campaign, _version = _answered(world)
    from sikap.internal.models import Headcount

    Headcount.objects.all().delete()
    text = _text(_page(login(world.admin), "internal_results:ilk_unit", world.kanwil, campaign.period))
    assert "rata-rata tertimbang belum dapat dihitung" in text and "jumlah pegawai belum tercatat" in text
    assert "Angka tidak ditampilkan" not in text
