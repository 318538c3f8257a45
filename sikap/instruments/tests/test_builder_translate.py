"""Translating a version through the builder: allowed on published versions, audited, English only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.instruments import actions
from sikap.instruments.forms.translations import TranslationForm
from sikap.instruments.tests.factories import standard

pytestmark = pytest.mark.django_db


def _filled(version):
    form = TranslationForm(version=version)
    return {name: form.initial.get(name, "") for name in form.fields}


def test_a_published_version_gets_its_english_and_an_audit_row(world, login):
    skm = standard("SKM")
    element = skm.elements.order_by("order").first()
    spec = skm.fields.get(code="sex")
    data = _filled(skm)
    data[f"version-{skm.pk}-title_en"] = "Satisfaction survey"
    data[f"element-{element.pk}-question_en"] = "How were the requirements?"
    data[f"field-{spec.pk}-choices_en-1"] = "Woman"
    response = login(world.admin).post(reverse("builder:translate", args=[skm.pk]), data)
    assert response.status_code == 302
    skm.refresh_from_db()
    element.refresh_from_db()
    spec.refresh_from_db()
    assert skm.title_en == "Satisfaction survey" and skm.status == "published"
    assert element.question_en == "How were the requirements?"
    value = str(spec.choices[1][0])
    assert spec.choices_en[value] == "Woman"
    event = AuditEvent.objects.get(action="instrument_version.translate")
    assert event.actor == world.admin
    assert event.after[f"element:{element.pk}"] == {"question_en": "How were the requirements?"}


def test_the_page_shows_the_indonesian_beside_each_english_input(world, login):
    page = login(world.admin).get(reverse("builder:translate", args=[standard("SKM").pk])).content.decode()
    assert "Persyaratan" in page and 'lang="en"' in page


def test_the_action_refuses_anything_but_translation_fields(world):
    skm = standard("SKM")
    element = skm.elements.first()
    with pytest.raises(Exception, match="terjemahan"):
        actions.translate_version(world.admin, skm, {("element", element.pk): {"question": "Diubah?"}})
    with pytest.raises(Exception, match="terjemahan"):
        actions.translate_version(
            world.admin, skm, {("element", standard("SPKP").elements.first().pk): {"name_en": "X"}}
        )
    element.refresh_from_db()
    assert element.question != "Diubah?"
    assert not AuditEvent.objects.filter(action="instrument_version.translate").exists()


def test_an_unchanged_translation_writes_no_audit_row(world, login):
    skm = standard("SKM")
    login(world.admin).post(reverse("builder:translate", args=[skm.pk]), _filled(skm))
    assert not AuditEvent.objects.filter(action="instrument_version.translate").exists()
