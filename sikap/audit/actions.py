"""Writing the audit trail. Every action function calls `record` inside its transaction."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from sikap.audit.actors import Actor, actor_name, user_or_none
from sikap.audit.models import AuditEvent


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of a model's concrete fields (foreign keys by id), for before/after."""
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def record(
    actor: Actor,
    action: str,
    obj: models.Model,
    *,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit row; call it inside the action's transaction so both land or neither."""
    return AuditEvent.objects.create(
        actor=user_or_none(actor),
        actor_name=actor_name(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=_jsonable(dict(before)) if before is not None else None,
        after=_jsonable(dict(after)) if after is not None else None,
        reason=reason,
    )


def record_many(actor: Actor, action: str, objects: Iterable[models.Model], after: Mapping[str, Any]) -> None:
    """One audit row per object, written in bulk (imports store thousands of rows in one go)."""
    user, name = user_or_none(actor), actor_name(actor)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=user,
                actor_name=name,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:300],
                after=_jsonable(dict(after)),
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def delete_recorded(
    actor: Actor,
    action: str,
    objects: Iterable[models.Model],
    state: Callable[[Any], Mapping[str, Any]] = snapshot,
) -> int:
    """Delete each object after writing its audit row (its last state as `before`); returns how many.

    Call it inside the action's transaction. A row that other data still points at is refused with a
    message naming it, and the whole batch is rolled back with the transaction.
    """
    count = 0
    for obj in objects:
        record(actor, action, obj, before=state(obj))
        try:
            obj.delete()
        except (ProtectedError, RestrictedError) as error:
            raise ValidationError(
                _("%(name)s masih dipakai oleh data lain dan tidak dapat dihapus.") % {"name": obj}
            ) from error
        count += 1
    return count
