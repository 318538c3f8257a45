"""Parts of a draft version: its elements and its profile and feedback fields."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor
from sikap.instruments.actions.versions import _require_draft
from sikap.instruments.models import Element, Field, InstrumentVersion

ELEMENT_FIELDS = [
    *("version_id", "code", "name", "question", "labels", "ask_importance", "allow_na", "weight", "order"),
]
FIELD_FIELDS = [
    "version_id",
    "code",
    "label",
    "kind",
    "section",
    "choices",
    "required",
    "min_value",
    "max_value",
    "label_en",
    "choices_en",
    "synonyms",
    "bands",
    "breakdown",
    "breakdown_label",
    "breakdown_label_en",
    "order",
]


@transaction.atomic
def save_element(actor: Actor, element: Element) -> Element:
    """Add or change an element of a draft version."""
    return _save_part(actor, element, ELEMENT_FIELDS, "element")


@transaction.atomic
def delete_element(actor: Actor, element: Element) -> None:
    """Remove an element from a draft version."""
    _delete_part(actor, element, ELEMENT_FIELDS, "element")


@transaction.atomic
def save_field(actor: Actor, field: Field) -> Field:
    """Add or change a profile or feedback field of a draft version."""
    return _save_part(actor, field, FIELD_FIELDS, "field")


@transaction.atomic
def delete_field(actor: Actor, field: Field) -> None:
    """Remove a profile or feedback field from a draft version."""
    _delete_part(actor, field, FIELD_FIELDS, "field")


def _save_part(actor: Actor, part: Any, fields: list[str], noun: str) -> Any:
    _require_draft(InstrumentVersion.objects.select_for_update().get(pk=part.version_id))
    before = None
    if part.pk:
        stored = type(part).objects.get(pk=part.pk)
        # Moving a part out of a published version would change that version too.
        _require_draft(InstrumentVersion.objects.get(pk=stored.version_id))
        before = snapshot(stored, fields)
    part.full_clean()
    part.save()
    after = snapshot(part, fields)
    if after != before:
        record(actor, f"{noun}.update" if before else f"{noun}.create", part, before=before, after=after)
    return part


def _delete_part(actor: Actor, part: Any, fields: list[str], noun: str) -> None:
    _require_draft(InstrumentVersion.objects.select_for_update().get(pk=part.version_id))
    record(actor, f"{noun}.delete", part, before=snapshot(part, fields))
    part.delete()
