"""Hostile or careless input to the builder: a message on the page, nothing stored, never an error page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.instruments.models import Element, Field, InstrumentVersion
from sikap.instruments.tests.builder_helpers import element_post, field_post, points
from sikap.instruments.tests.factories import make_draft, standard

pytestmark = pytest.mark.django_db

HUGE = "9" * 40


@pytest.fixture
def client(world, login):
    return login(world.admin)


def _nothing_written(before: int) -> None:
    assert AuditEvent.objects.count() == before


def test_huge_numbers_are_refused_with_a_message(world, client):
    draft = make_draft()
    before = AuditEvent.objects.count()
    settings = {"title": "X", "scale_min": "1", "scale_max": HUGE, "display": "labels", "method": "mean"}
    response = client.post(reverse("builder:version_edit", args=[draft.pk]), settings)
    assert response.status_code == 200 and "error" in response.content.decode()
    data = element_post("X1", weight=HUGE)
    assert client.post(reverse("builder:element_create", args=[draft.pk]), data).status_code == 200
    data = field_post(
        code="umur", label="Umur", kind="integer", min_value=HUGE, bands=[{"upper": HUGE, "label": "x"}]
    )
    assert client.post(reverse("builder:field_create", args=[draft.pk]), data).status_code == 200
    _nothing_written(before)
    assert not Field.objects.filter(code="umur").exists()


def test_missing_row_management_data_is_a_message(world, client):
    draft = make_draft()
    before = AuditEvent.objects.count()
    data = {"code": "jk", "label": "JK", "kind": "choice", "section": "profile"}
    response = client.post(reverse("builder:field_create", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "Daftar baris tidak terkirim utuh" in response.content.decode()
    response = client.post(reverse("builder:field_create", args=[draft.pk]), data | {"more": "opt"})
    assert response.status_code == 200
    many = field_post(code="jk", label="JK", kind="choice") | {
        "opt-TOTAL_FORMS": HUGE,
        "band-TOTAL_FORMS": "-1",
    }
    assert client.post(reverse("builder:field_create", args=[draft.pk]), many).status_code == 200
    assert (
        client.post(reverse("builder:field_create", args=[draft.pk]), many | {"more": "opt"}).status_code
        == 200
    )
    _nothing_written(before)


def test_half_labelled_points_and_duplicate_codes_are_named(world, client):
    draft = make_draft()
    before = AuditEvent.objects.count()
    data = element_post("I1") | points(["Buruk", "", "Baik", ""])
    page = client.post(reverse("builder:element_create", args=[draft.pk]), data).content.decode()
    assert "Kode I1 sudah dipakai" in page
    assert "Beri label setiap titik skala" in page
    _nothing_written(before)


def test_bad_options_and_bands_are_named_and_not_stored(world, client):
    draft = make_draft()
    before = AuditEvent.objects.count()
    options = [
        {"value": "A", "label": "", "label_en": "", "synonyms": ""},
        {"value": "A", "label": "B", "label_en": "", "synonyms": ""},
    ]
    page = client.post(
        reverse("builder:field_create", args=[draft.pk]),
        field_post(code="pilih", label="P", kind="choice", options=options),
    ).content.decode()
    assert "Setiap pilihan perlu nilai dan label." in page
    bands = [{"upper": "50", "label": "tua"}, {"upper": "20", "label": "muda"}]
    page = client.post(
        reverse("builder:field_create", args=[draft.pk]),
        field_post(code="umur", label="Umur", kind="integer", bands=bands),
    ).content.decode()
    assert "batas kelompok harus naik" in page
    page = client.post(
        reverse("builder:field_create", args=[draft.pk]), field_post(code="service", label="S")
    ).content.decode()
    assert "dipakai formulir sendiri" in page
    _nothing_written(before)
    assert not draft.fields.exists()


def test_unknown_ids_and_another_versions_parts_are_not_found(world, client):
    draft = make_draft()
    other = make_draft("LAIN")
    foreign = other.elements.first()
    assert client.get(reverse("builder:version", args=[999999])).status_code == 404
    assert client.get(reverse("builder:element_edit", args=[draft.pk, foreign.pk])).status_code == 404
    url = reverse("builder:part_delete", args=[draft.pk, "unsur", foreign.pk])
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("builder:part_move", args=[draft.pk, "lain", foreign.pk, "naik"])).status_code
        == 404
    )
    assert client.post(reverse("builder:version_status", args=[draft.pk, "hapus"])).status_code == 404
    assert (
        client.post(reverse("builder:draft_create", args=["SKM"]), {"source": str(draft.pk)}).status_code
        == 404
    )
    assert client.post(reverse("builder:draft_create", args=["SKM"]), {"source": "x"}).status_code == 404
    assert Element.objects.filter(pk=foreign.pk).exists()


def test_a_published_version_refuses_every_change_but_translation(world, client):
    skm = standard("SKM")
    element = skm.elements.first()
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("builder:element_edit", args=[skm.pk, element.pk]), element_post("U1"), follow=True
    )
    assert "tidak dapat diubah" in response.content.decode()
    settings = {"title": "X", "scale_min": "1", "scale_max": "5", "display": "labels", "method": "ikm"}
    client.post(reverse("builder:version_edit", args=[skm.pk]), settings)
    client.post(reverse("builder:part_delete", args=[skm.pk, "unsur", element.pk]))
    client.post(reverse("builder:part_move", args=[skm.pk, "unsur", element.pk, "turun"]))
    client.post(reverse("builder:field_create", args=[skm.pk]), field_post(code="baru", label="Baru"))
    _nothing_written(before)
    skm.refresh_from_db()
    assert skm.scale_max == 4 and skm.title != "X" and skm.elements.count() == 9
    response = client.post(reverse("builder:version_status", args=[skm.pk, "terbitkan"]), follow=True)
    assert "Hanya versi draf" in response.content.decode()


def test_publishing_an_incomplete_draft_lists_what_is_missing(world, client):
    draft = make_draft(elements=0)
    page = client.get(reverse("builder:version_status", args=[draft.pk, "terbitkan"])).content.decode()
    assert "paling sedikit satu unsur" in page and "Ya, terbitkan" not in page
    response = client.post(reverse("builder:version_status", args=[draft.pk, "terbitkan"]), follow=True)
    assert "paling sedikit satu unsur" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == InstrumentVersion.Status.DRAFT


def test_errors_are_in_english_for_a_reader_who_chose_it(world, client):
    draft = make_draft()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    data = element_post("I1") | points(["Buruk", "", "", ""])
    page = client.post(reverse("builder:element_create", args=[draft.pk]), data).content.decode()
    assert "Code I1 is already used by another element of this version." in page
    assert "Label every point of the scale, or leave them all empty." in page
