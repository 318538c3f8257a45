"""The PEKPPP working pages: who reaches each page, evidence upload and download, the whole F-01 →
F-02 → clarification → finalise → validate → follow-up workflow through the views, hostile input."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.followup.models import FollowUpItem
from sikap.pekppp import actions
from sikap.pekppp.models import Evidence, Lokus, Recommendation, Score, SelfAssessment
from sikap.pekppp.tests.conftest import Evaluation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 bukti dukung"


def _url(e: Evaluation, page: str = "") -> str:
    return f"/pekppp/lokus/{e.lokus.pk}/{page}"


def test_the_section_index_lists_the_users_lokus(evaluation: Evaluation, login: Any) -> None:
    for user in (evaluation.world.operator, evaluation.evaluator, evaluation.pembina):
        page = login(user).get("/pekppp/")
        assert page.status_code == 200
        assert "Bidang KI Jawa Barat" in page.content.decode()
    page = login(evaluation.world.outsider).get("/pekppp/")
    assert "Bidang KI Jawa Barat" not in page.content.decode()


def test_the_evaluator_home_lists_its_assignments(evaluation: Evaluation, login: Any) -> None:
    page = login(evaluation.evaluator).get("/").content.decode()
    assert "Bidang KI Jawa Barat" in page and f"/pekppp/lokus/{evaluation.lokus.pk}/f02/a/" in page
    assert "Evaluasi PEKPPP" in page  # the menu section


def test_f01_is_for_the_units_writers_and_readable_by_its_evaluators(
    evaluation: Evaluation, login: Any
) -> None:
    assert login(evaluation.world.operator).get(_url(evaluation, "f01/")).status_code == 200
    assert login(evaluation.evaluator).get(_url(evaluation, "f01/")).status_code == 200
    assert login(evaluation.world.outsider).get(_url(evaluation, "f01/")).status_code == 404
    assert login(evaluation.world.leader).post(_url(evaluation, "f01/"), {"simpan": "1"}).status_code == 403
    assert login(evaluation.evaluator).post(_url(evaluation, "f01/"), {"simpan": "1"}).status_code == 403


def test_the_unit_fills_saves_and_submits_f01(evaluation: Evaluation, login: Any) -> None:
    client = login(evaluation.world.operator)
    data = {"q-7.a.T-jumlah_media": "3", "q-1.a.Ak-kondisi": "4", "q-10.b.As-kebijakan": "ya"}
    data |= {"q-10.b.As-kemudahan": ["24 jam", "Hari tambahan rutin", "bukan pilihan"]}
    client.post(_url(evaluation, "f01/"), data)
    sa = SelfAssessment.objects.get(lokus=evaluation.lokus)
    assert sa.status == "draft" and sa.answers["7.a.T"] == {"jumlah_media": 3}
    assert sa.answers["10.b.As"] == {"kebijakan": True, "kemudahan": ["Hari tambahan rutin", "24 jam"]}
    client.post(_url(evaluation, "f01/"), {**data, "kirim": "1"})
    assert sa.versions.count() == 1
    assert client.get(_url(evaluation, "f01/versi/1/")).status_code == 200


def test_evidence_upload_checks_type_and_size_and_download_is_access_checked(
    evaluation: Evaluation, login: Any, settings: Any
) -> None:
    client = login(evaluation.world.operator)
    indicator = evaluation.indicator(1)
    url = _url(evaluation, f"f01/bukti/{indicator.pk}/")
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(url, {"berkas": exe}, follow=True)
    assert "PDF, JPG atau PNG" in page.content.decode() and not Evidence.objects.exists()
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    page = client.post(url, {"berkas": big}, follow=True)
    assert "10 MB" in page.content.decode() and not Evidence.objects.exists()
    client.post(url, {"berkas": SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")})
    evidence = Evidence.objects.get()
    assert client.get(f"/pekppp/bukti/{evidence.pk}/").status_code == 200
    assert login(evaluation.evaluator).get(f"/pekppp/bukti/{evidence.pk}/").status_code == 200
    assert login(evaluation.evaluator2).get(f"/pekppp/bukti/{evidence.pk}/").status_code == 404  # aspect a
    assert login(evaluation.world.outsider).get(f"/pekppp/bukti/{evidence.pk}/").status_code == 404


def test_f02_is_for_the_assigned_aspect_only_and_never_for_the_unit(
    evaluation: Evaluation, login: Any
) -> None:
    assert login(evaluation.evaluator).get(_url(evaluation, "f02/a/")).status_code == 200
    assert login(evaluation.evaluator).get(_url(evaluation, "f02/c/")).status_code == 404
    assert login(evaluation.world.operator).get(_url(evaluation, "f02/a/")).status_code == 404
    assert login(evaluation.world.leader).get(_url(evaluation, "f02/a/")).status_code == 404
    assert login(evaluation.pembina).get(_url(evaluation, "f02/a/")).status_code == 200
    assert login(evaluation.evaluator).get(_url(evaluation, "f02/zz/")).status_code == 404
    indicator = evaluation.indicator(15)  # aspect c
    url = _url(evaluation, f"f02/c/nilai/{indicator.pk}/")
    assert login(evaluation.evaluator).post(url, {"nilai": "3"}).status_code == 404
    assert login(evaluation.pembina).post(url, {"nilai": "3"}).status_code == 403
    assert not Score.objects.exists()


def test_the_lokus_page_hides_evaluators_drafts_from_the_unit(evaluation: Evaluation, login: Any) -> None:
    actions.set_level(evaluation.evaluator, evaluation.lokus, evaluation.indicator(1), 2, note="RAHASIA-DRAF")
    actions.add_recommendation(
        evaluation.evaluator, evaluation.lokus, "REKOMENDASI-DRAF", datetime.date(2027, 6, 30)
    )
    page = login(evaluation.world.operator).get(_url(evaluation)).content.decode()
    assert "REKOMENDASI-DRAF" not in page and "/f02/" not in page
    assert login(evaluation.world.operator).get(_url(evaluation, "rekomendasi/")).status_code == 404
    assert login(evaluation.world.operator).get(_url(evaluation, "validasi/")).status_code == 403
    assert "REKOMENDASI-DRAF" in login(evaluation.evaluator).get(_url(evaluation)).content.decode()


def test_the_whole_workflow_through_the_pages(evaluation: Evaluation, login: Any) -> None:
    e, lokus = evaluation, evaluation.lokus
    login(e.world.operator).post(
        _url(e, "f01/"), {"q-7.a.T-jumlah_media": "3", "q-1.a.Ak-kondisi": "4", "kirim": "1"}
    )
    page = login(e.evaluator).get(_url(e, "f02/a/")).content.decode()
    assert 'class="suggested">3<' in page and 'class="suggested">4<' in page  # indicators 7 and 1
    seven = e.indicator(7)
    login(e.evaluator).post(_url(e, f"f02/a/klarifikasi/{seven.pk}/"), {"pertanyaan": "Media apa saja?"})
    assert SelfAssessment.objects.get(lokus=lokus).status == "revising"
    clarification = lokus.clarifications.get()
    login(e.world.operator).post(
        f"/pekppp/klarifikasi/{clarification.pk}/jawab/", {"jawaban": "Situs, IG, papan, radio"}
    )
    login(e.world.operator).post(
        _url(e, "f01/"), {"q-7.a.T-jumlah_media": "4", "q-1.a.Ak-kondisi": "4", "kirim": "1"}
    )
    assert SelfAssessment.objects.get(lokus=lokus).versions.count() == 2
    for indicator in lokus.indicators():
        who = e.evaluator if indicator.aspect.code in "ab" else e.evaluator2
        url = _url(e, f"f02/{indicator.aspect.code}/nilai/{indicator.pk}/")
        login(who).post(url, {"nilai": "4", "catatan": "sesuai bukti"})
    assert Score.objects.filter(lokus=lokus).count() == 30
    login(e.evaluator).post(
        _url(e, "rekomendasi/"), {"text": "Terbitkan SK standar", "aspect": "a", "deadline": "2027-06-30"}
    )
    login(e.evaluator).post(_url(e, "f02/a/final/"))
    login(e.evaluator).post(_url(e, "f02/b/final/"))
    for code in "cdef":
        login(e.evaluator2).post(_url(e, f"f02/{code}/final/"))
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.FINALISED
    assert login(e.validator).get(_url(e, "validasi/")).status_code == 200
    login(e.validator).post(_url(e, "validasi/"), {"alasan": "sesuai"})
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.VALIDATED
    item = FollowUpItem.objects.get(unit=e.world.division)
    assert (item.source, item.action, item.deadline) == (
        "pekppp",
        "Terbitkan SK standar",
        datetime.date(2027, 6, 30),
    )
    assert Recommendation.objects.get().followup_item == item
    assert (
        "Terbitkan SK standar" in login(e.world.operator).get(_url(e)).content.decode()
    )  # validated: the unit sees it


def test_the_next_cycle_f01_shows_last_cycles_recommendations_with_their_status(
    evaluation: Evaluation, login: Any
) -> None:
    e = evaluation
    actions.add_recommendation(e.evaluator, e.lokus, "Perbaiki maklumat", datetime.date(2027, 3, 1))
    for indicator in e.lokus.indicators():
        actions.set_level(None, e.lokus, indicator, 3)
    actions.finalise(None, e.lokus)
    actions.validate(e.validator, e.lokus)
    nxt = actions.create_cycle(e.world.admin, year=2027, scheme="mandiri")
    lokus = actions.add_lokus(e.world.admin, nxt, e.world.division)
    page = login(e.world.operator).get(f"/pekppp/lokus/{lokus.pk}/f01/").content.decode()
    assert "Perbaiki maklumat" in page and "Direncanakan" in page


@pytest.mark.parametrize(
    "data",
    [
        {"q-7.a.T-jumlah_media": "-1"},
        {"q-7.a.T-jumlah_media": "9" * 50},
        {"q-1.a.Ak-kondisi": "99"},
        {"q-1.a.Ak-kondisi": "<script>"},
        {"q-10.b.As-kebijakan": "mungkin"},
        {"q-99.z-x": "1", "kirim": "1"},
    ],
)
def test_hostile_f01_input_is_no_500(evaluation: Evaluation, login: Any, data: dict[str, str]) -> None:
    assert login(evaluation.world.operator).post(_url(evaluation, "f01/"), data).status_code == 302


def test_hostile_level_input_is_a_message(evaluation: Evaluation, login: Any) -> None:
    url = _url(evaluation, f"f02/a/nilai/{evaluation.indicator(1).pk}/")
    for value in ("6", "-1", "x", "", "10"):
        assert login(evaluation.evaluator).post(url, {"nilai": value}).status_code == 302
    assert not Score.objects.exists()
    assert (
        login(evaluation.evaluator).post(_url(evaluation, "f02/a/nilai/999999/"), {"nilai": "1"}).status_code
        == 404
    )
    assert login(evaluation.world.operator).get("/pekppp/lokus/999999/f01/").status_code == 404


def test_cycle_admin_for_the_pembina_only(evaluation: Evaluation, login: Any) -> None:
    pembina = login(evaluation.pembina)
    page = pembina.post(
        "/pekppp/siklus/baru/",
        {
            "year": "2028",
            "scheme": "nasional",
            "framework_version": evaluation.cycle.framework_version_id,
            "f03_policy": "zero",
            "f03_method": "item-mean",
        },
    )
    assert page.status_code == 302
    cycle = evaluation.cycle.__class__.objects.get(year=2028)
    assert (cycle.f03_policy, cycle.f03_method) == ("zero", "item-mean")
    pembina.post(
        f"/pekppp/siklus/{cycle.pk}/", {"unit": evaluation.world.division.code, "variant": "counter"}
    )
    lokus = cycle.lokus.get()
    pembina.post(
        f"/pekppp/lokus/{lokus.pk}/evaluator/", {"evaluator": evaluation.evaluator.pk, "aspects": ["a", "c"]}
    )
    assert lokus.assignments.get().aspects == ["a", "c"]
    assert login(evaluation.world.operator).get("/pekppp/siklus/baru/").status_code == 404
    assert login(evaluation.evaluator).get(f"/pekppp/lokus/{lokus.pk}/evaluator/").status_code == 403
