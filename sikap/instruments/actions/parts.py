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
    *("name_en", "question_en", "labels_en", "dimension", "reverse"),
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


@transaction.atomic
def move_part(actor: Actor, part: Element | Field, step: int) -> None:
    """Move an element, or a field within its section, one place up (step -1) or down (+1) in a draft.

    The neighbours are renumbered 1, 2, 3... in their shown order, so equal or missing orders (a copied
    or hand-made version) still move predictably."""
    _require_draft(InstrumentVersion.objects.select_for_update().get(pk=part.version_id))
    siblings: list[Any]
    if isinstance(part, Element):
        siblings = list(Element.objects.filter(version_id=part.version_id).order_by("order", "code"))
        noun, fields = "element", ELEMENT_FIELDS
    else:
        siblings = list(
            Field.objects.filter(version_id=part.version_id, section=part.section).order_by("order", "code")
        )
        noun, fields = "field", FIELD_FIELDS
    index = next(i for i, s in enumerate(siblings) if s.pk == part.pk)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    moved = siblings[target]
    before = snapshot(moved, fields)
    for number, sibling in enumerate(siblings, start=1):
        if sibling.order != number:
            sibling.order = number
            sibling.save(update_fields=["order"])
    record(actor, f"{noun}.move", moved, before=before, after=snapshot(moved, fields))


def next_order(version: InstrumentVersion, part_type: type[Element] | type[Field], **where: Any) -> int:
    """The order a part added at the end gets."""
    last = part_type.objects.filter(version=version, **where).order_by("-order").first()
    return (last.order if last else 0) + 1
