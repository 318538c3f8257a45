"""A unit's report signer: set by those who may change the unit (audited), read by those who see it,
404 for outsiders and 403 on a write by read-only users; the NIP is 18 digits."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.reports.actions import set_signer
from sikap.reports.models import Signer
from sikap.reports.tests.official import NIP

pytestmark = pytest.mark.django_db


def page(unit) -> str:
    return f"/laporan/unit/{unit.code}/penanda-tangan/"


def data(**changes: str) -> dict[str, str]:
    return {
        "name": "Dr. Siti Rahma",
        "nip": NIP,
        "position": "Kepala Bidang KI",
        "place": "Bandung",
    } | changes


def test_an_operator_sets_the_signer_of_its_unit_and_it_is_audited(world, login):
    response = login(world.operator).post(page(world.division), data(nip="1975 0101 2000 03 1 001"))
    assert response.status_code == 302
    signer = Signer.objects.get(unit=world.division)
    assert (signer.name, signer.nip, signer.place) == ("Dr. Siti Rahma", NIP, "Bandung")
    event = AuditEvent.objects.get(action="reports.signer")
    assert event.actor == world.operator and event.after["nip"] == NIP


@pytest.mark.parametrize("nip", ["19750101200003100", "1975010120000310012", "19750101200003100X", ""])
def test_a_nip_that_is_not_18_digits_is_refused(world, login, nip):
    response = login(world.operator).post(page(world.division), data(nip=nip))
    assert response.status_code == 200 and not Signer.objects.exists()
    if nip:
        assert "NIP terdiri atas 18 angka" in response.content.decode()
    with pytest.raises(ValidationError):
        set_signer(world.operator, world.division, **data(nip=nip))
    assert not AuditEvent.objects.filter(action="reports.signer").exists()


def test_an_outsider_gets_404_and_a_read_only_leader_403_on_writes(world, login):
    assert login(world.outsider).get(page(world.division)).status_code == 404
    assert login(world.outsider).post(page(world.division), data()).status_code == 404
    leader = login(world.leader)
    assert leader.get(page(world.division)).status_code == 200
    assert leader.post(page(world.division), data()).status_code == 403
    assert not Signer.objects.exists()


def test_the_report_page_warns_when_no_signer_is_set_and_links_to_the_form(world, login):
    client = login(world.operator)
    html = client.get(f"/laporan/unit/{world.division.code}/").content.decode()
    assert "Penanda tangan laporan unit ini belum diisi" in html and page(world.division) in html
    set_signer(world.operator, world.division, **data())
    html = client.get(f"/laporan/unit/{world.division.code}/").content.decode()
    assert "belum diisi" not in html and "Dr. Siti Rahma" in html
