"""Building a small instrument entirely through the builder's pages, then publishing and previewing it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.instruments.models import Element, Field, Instrument, InstrumentVersion
from sikap.instruments.tests.builder_helpers import create_instrument, element_post, field_post, points

pytestmark = pytest.mark.django_db


def test_an_admin_builds_translates_publishes_and_previews_an_instrument(world, login):
    client = login(world.admin)
    response = create_instrument(client)
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="UJI")
    assert instrument.method == "mean"

    response = client.post(reverse("builder:draft_create", args=["UJI"]))
    version = InstrumentVersion.objects.get(instrument=instrument)
    assert response.url == reverse("builder:version", args=[version.pk])
    assert version.status == InstrumentVersion.Status.DRAFT

    settings = {
        "title": "Survei layanan kantor",
        "title_en": "Office service survey",
        "regulation": "",
        "intro": "",
        "intro_en": "",
        "scale_min": "1",
        "scale_max": "4",
        "display": "stars",
        "method": "mean",
    }
    labels = points(["Buruk", "Cukup", "Baik", "Sangat baik"], ["Poor", "Fair", "Good", "Very good"])
    response = client.post(reverse("builder:version_edit", args=[version.pk]), settings | labels)
    assert response.status_code == 302, response.content.decode()[:2000]
    version.refresh_from_db()
    assert version.scale_labels == ["Buruk", "Cukup", "Baik", "Sangat baik"]
    assert version.scale_labels_en == ["Poor", "Fair", "Good", "Very good"]
    assert version.display == "stars"

    add_element = reverse("builder:element_create", args=[version.pk])
    own = points(["Lama", "Agak lama", "Cepat", "Sangat cepat"], ["Slow", "", "Fast", "Very fast"])
    assert client.post(add_element, element_post("L1", ask_importance="on") | own).status_code == 302
    assert client.post(add_element, element_post("L2", allow_na="on")).status_code == 302
    first, second = Element.objects.filter(version=version).order_by("order")
    assert (first.code, second.code) == ("L1", "L2")
    assert first.labels == ["Lama", "Agak lama", "Cepat", "Sangat cepat"]
    assert first.labels_en == ["Slow", "", "Fast", "Very fast"]
    assert first.ask_importance and second.allow_na and second.labels == []

    client.post(reverse("builder:part_move", args=[version.pk, "unsur", second.pk, "naik"]))
    assert list(Element.objects.filter(version=version).order_by("order").values_list("code", flat=True)) == [
        "L2",
        "L1",
    ]

    options = [
        {"value": "L", "label": "Laki-laki", "label_en": "Male", "synonyms": "laki, pria"},
        {"value": "P", "label": "Perempuan", "label_en": "Female", "synonyms": "wanita"},
        {"value": "", "label": "", "label_en": "", "synonyms": ""},
    ]
    data = field_post(
        code="sex", label="Jenis kelamin", label_en="Sex", kind="choice", breakdown="on", options=options
    )
    response = client.post(reverse("builder:field_create", args=[version.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    sex = Field.objects.get(version=version, code="sex")
    assert sex.choices == [["L", "Laki-laki"], ["P", "Perempuan"]]
    assert sex.choices_en == {"L": "Male", "P": "Female"}
    assert sex.synonyms == {"laki": "L", "pria": "L", "wanita": "P"}
    assert sex.breakdown

    bands = [{"upper": "30", "label": "< 30"}, {"upper": "", "label": "30 ke atas"}]
    data = field_post(code="age", label="Usia", kind="integer", min_value="15", max_value="99", bands=bands)
    assert client.post(reverse("builder:field_create", args=[version.pk]), data).status_code == 302
    assert Field.objects.get(version=version, code="age").bands == [[30, "< 30"], [None, "30 ke atas"]]
    data = field_post(code="saran", label="Saran", kind="long_text", section="feedback")
    assert client.post(reverse("builder:field_create", args=[version.pk]), data).status_code == 302

    page = client.get(reverse("builder:version", args=[version.pk])).content.decode()
    assert "Draf ini lengkap" in page
    assert client.get(reverse("builder:version_status", args=[version.pk, "terbitkan"])).status_code == 200
    response = client.post(reverse("builder:version_status", args=[version.pk, "terbitkan"]))
    version.refresh_from_db()
    assert version.status == InstrumentVersion.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="instrument_version.publish", object_id=str(version.pk)).exists()

    preview = client.get(reverse("builder:preview", args=[version.pk])).content.decode()
    assert "Pratinjau — jawaban tidak disimpan" in preview
    assert 'name="UJI-L1"' in preview and 'name="UJI-L1-imp"' in preview
    assert "Perempuan" in preview and 'name="age"' in preview and 'name="saran"' in preview
    assert "Sangat cepat" in preview  # the element's own label, on a star
    assert '<button type="submit" disabled>' in preview
    english = client.get(reverse("builder:preview", args=[version.pk]), {"lang": "en"}).content.decode()
    assert '<html lang="en">' in english and "Female" in english and "Very fast" in english
    assert client.post(reverse("builder:preview", args=[version.pk])).status_code == 405
