from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.instruments import actions
from sikap.instruments.models import Element, InstrumentVersion
from sikap.instruments.tests.factories import make_draft, standard

pytestmark = pytest.mark.django_db


def test_publishing_a_complete_draft_freezes_it_and_audits(world):
    draft = make_draft()
    published = actions.publish_version(world.admin, draft)
    assert published.status == InstrumentVersion.Status.PUBLISHED
    assert published.published_at is not None
    event = AuditEvent.objects.get(action="instrument_version.publish")
    assert event.actor == world.admin
    assert event.after["status"] == "published"


def test_a_version_without_elements_is_refused(world):
    draft = make_draft(elements=0)
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "paling sedikit satu unsur" in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert draft.status == InstrumentVersion.Status.DRAFT


def test_scale_labels_must_match_the_number_of_points(world):
    draft = make_draft(scale_min=1, scale_max=4, scale_labels=["Buruk", "Baik"])
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "Jumlah label skala (2)" in error.value.messages[0]


def test_element_labels_must_match_the_number_of_points(world):
    draft = make_draft()
    element = draft.elements.get(code="I1")
    element.labels = ["a", "b", "c"]
    actions.save_element(world.admin, element)
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "Unsur I1" in error.value.messages[0]


def test_weights_must_sum_to_one(world):
    draft = make_draft(elements=2)
    for element, weight in zip(draft.elements.all(), ["0.5", "0.4"], strict=True):
        element.weight = Decimal(weight)
        actions.save_element(world.admin, element)
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "Jumlah bobot unsur harus 1" in error.value.messages[0]


def test_ninths_written_with_six_decimals_count_as_one(world):
    draft = make_draft(elements=9)
    for element in draft.elements.all():
        element.weight = Decimal("0.111111")
        actions.save_element(world.admin, element)
    assert actions.publish_version(world.admin, draft).status == InstrumentVersion.Status.PUBLISHED


def test_weights_on_only_some_elements_are_refused(world):
    draft = make_draft(elements=2)
    element = Element.objects.get(version=draft, code="I1")
    element.weight = Decimal("1")
    actions.save_element(world.admin, element)
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "semua unsur" in error.value.messages[0]


def test_an_already_published_version_cannot_be_published_again(world):
    with pytest.raises(ValidationError):
        actions.publish_version(world.admin, standard("SKM"))
