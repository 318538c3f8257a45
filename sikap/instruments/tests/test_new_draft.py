import pytest

from sikap.audit.models import AuditEvent
from sikap.instruments import actions
from sikap.instruments.models import Element, InstrumentVersion
from sikap.instruments.tests.factories import standard

pytestmark = pytest.mark.django_db

ELEMENT_COLUMNS = ["code", "name", "question", "labels", "ask_importance", "weight", "order"]
FIELD_COLUMNS = ["code", "label", "kind", "section", "choices", "required", "min_value", "max_value", "order"]


def test_it_copies_settings_elements_and_fields_into_the_next_number(world):
    skm = standard("SKM")
    draft = actions.new_draft(world.admin, skm)
    assert draft.pk != skm.pk
    assert (draft.number, draft.status, draft.published_at) == (2, InstrumentVersion.Status.DRAFT, None)
    for name in [
        "title",
        "regulation",
        "intro",
        "scale_min",
        "scale_max",
        "display",
        "scale_labels",
        "scoring",
    ]:
        assert getattr(draft, name) == getattr(skm, name)
    assert list(draft.elements.values(*ELEMENT_COLUMNS)) == list(skm.elements.values(*ELEMENT_COLUMNS))
    assert list(draft.fields.values(*FIELD_COLUMNS)) == list(skm.fields.values(*FIELD_COLUMNS))
    assert AuditEvent.objects.get(action="instrument_version.new_draft").after["copied_from"] == skm.pk


def test_the_source_keeps_its_parts(world):
    skm = standard("SKM")
    actions.new_draft(world.admin, skm)
    assert skm.elements.count() == 9
    assert skm.fields.count() == 6


def test_the_draft_can_be_edited_and_published_as_version_2(world):
    draft = actions.new_draft(world.admin, standard("SKM"))
    actions.update_draft(world.admin, draft, title="SKM 2027")
    actions.save_element(
        world.admin, Element(version=draft, code="U10", name="Inovasi", question="?", order=10)
    )
    u9 = draft.elements.get(code="U9")
    u9.ask_importance = True
    actions.save_element(world.admin, u9)
    published = actions.publish_version(world.admin, draft)
    assert published.number == 2
    assert published.elements.count() == 10
    assert standard("SKM").elements.count() == 9
    assert not standard("SKM").elements.get(code="U9").ask_importance


def test_numbers_keep_climbing_from_the_latest_version(world):
    skm = standard("SKM")
    actions.new_draft(world.admin, skm)
    assert actions.new_draft(world.admin, skm).number == 3
