"""Editing a published version is refused, by the actions and by the models underneath them."""

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.instruments import actions
from sikap.instruments.models import Element, Field
from sikap.instruments.tests.factories import standard

pytestmark = pytest.mark.django_db

MESSAGE = "Versi yang sudah terbit tidak dapat diubah; buat draf baru."


def refused(call):
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.messages == [MESSAGE]


def test_update_draft_refuses_a_published_version_and_changes_nothing(world):
    skm = standard("SKM")
    refused(lambda: actions.update_draft(world.admin, skm, title="Diubah"))
    skm.refresh_from_db()
    assert skm.title == "Survei Kepuasan Masyarakat (SKM)"
    assert not AuditEvent.objects.filter(action__startswith="instrument_version").exists()


def test_an_element_of_a_published_version_cannot_be_changed_added_or_deleted(world):
    skm = standard("SKM")
    u4 = skm.elements.get(code="U4")
    u4.name = "Diubah"
    refused(lambda: actions.save_element(world.admin, u4))
    refused(
        lambda: actions.save_element(world.admin, Element(version=skm, code="U10", name="x", question="?"))
    )
    refused(lambda: actions.delete_element(world.admin, skm.elements.get(code="U1")))
    assert skm.elements.count() == 9
    assert skm.elements.get(code="U4").name == "Biaya/Tarif"


def test_a_field_of_a_published_version_cannot_be_changed_or_deleted(world):
    skm = standard("SKM")
    age = skm.fields.get(code="age")
    age.max_value = 99
    refused(lambda: actions.save_field(world.admin, age))
    refused(lambda: actions.delete_field(world.admin, skm.fields.get(code="sex")))
    assert skm.fields.get(code="age").max_value == 120
    assert skm.fields.count() == 6


def test_the_models_refuse_a_raw_save_or_delete_too(world):
    skm = standard("SKM")
    element = skm.elements.get(code="U1")
    element.name = "Lewat jalan belakang"
    refused(element.save)
    refused(element.delete)
    refused(Field(version=skm, code="hobby", label="Hobi", kind="text").save)
    assert skm.elements.get(code="U1").name == "Persyaratan"


def test_retiring_keeps_it_immutable(world):
    skm = actions.retire_version(world.admin, standard("SKM"))
    assert skm.status == "retired"
    refused(lambda: actions.update_draft(world.admin, skm, title="Diubah"))


def test_only_a_published_version_can_be_retired(world):
    draft = actions.new_draft(world.admin, standard("SPAK"))
    with pytest.raises(ValidationError):
        actions.retire_version(world.admin, draft)
