"""English translations of a version, allowed on published versions too: no score or stored value reads
them, so adding or correcting them later keeps every index reproducible (models.TRANSLATION_FIELDS)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.audit.actors import Actor
from sikap.instruments.models import TRANSLATION_FIELDS, Element, Field, InstrumentVersion


@transaction.atomic
def translate_version(
    actor: Actor,
    version: InstrumentVersion,
    changes: Mapping[tuple[str, int], Mapping[str, Any]],
) -> int:
    """Write the English of a version and its parts; `changes` maps ("version"|"element"|"field", pk) to
    {translation field: value}. Only translation fields are written (`update_fields`), one audit row
    records every change; returns how many objects changed."""
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    targets: dict[tuple[str, int], models.Model] = {("version", version.pk): version}
    targets |= {("element", e.pk): e for e in Element.objects.filter(version=version)}
    targets |= {("field", f.pk): f for f in Field.objects.filter(version=version)}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key, values in changes.items():
        target = targets.get(key)
        if target is None or not set(values) <= TRANSLATION_FIELDS:
            raise ValidationError(_("Hanya terjemahan bagian versi ini yang dapat diubah di sini."))
        changed = [name for name, value in values.items() if getattr(target, name) != value]
        if not changed:
            continue
        label = f"{key[0]}:{key[1]}"
        before[label] = {name: getattr(target, name) for name in changed}
        after[label] = {name: values[name] for name in changed}
        for name in changed:
            setattr(target, name, values[name])
        target.save(update_fields=changed)
    if after:
        # The public form's caches key on the revision: the next request reads the new English.
        InstrumentVersion.objects.filter(pk=version.pk).update(revision=models.F("revision") + 1)
        record(actor, "instrument_version.translate", version, before=before, after=after)
    return len(after)
