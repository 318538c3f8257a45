"""Instruments and their versions: create, draft, copy, publish, retire, delete drafts.

A published version is immutable: its elements and fields are what every response to it answered. Changing
an instrument means `new_draft`, editing the draft, then `publish_version`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record, snapshot
from sikap.audit.actors import Actor
from sikap.instruments.models import IMMUTABLE_MESSAGE, Element, Field, Instrument, InstrumentVersion
from sikap.instruments.profile import CATEGORY_MAX, DIMENSION_MAX, band_errors

VERSION_FIELDS = [
    "instrument_id",
    "number",
    "status",
    "regulation",
    "title",
    "title_en",
    "intro",
    "intro_en",
    "scale_min",
    "scale_max",
    "display",
    "scale_labels",
    "scale_labels_en",
    "scoring",
    "method",
    "published_at",
]
# 1/9 written with six decimals, times nine, misses 1 by 0.000009: allow one unit of the last place
# per element.
WEIGHT_TOLERANCE_PER_ELEMENT = Decimal("0.000001")


# --- instruments and versions ---------------------------------------------------------------------------


@transaction.atomic
def save_instrument(actor: Actor, instrument: Instrument) -> Instrument:
    """Create or change an instrument's name and settings (its content lives in versions)."""
    before = snapshot(Instrument.objects.get(pk=instrument.pk)) if instrument.pk else None
    instrument.full_clean()
    instrument.save()
    after = snapshot(instrument)
    if after != before:
        action = "instrument.update" if before else "instrument.create"
        record(actor, action, instrument, before=before, after=after)
    return instrument


@transaction.atomic
def save_draft(actor: Actor, version: InstrumentVersion) -> InstrumentVersion:
    """Create a draft (numbered after the instrument's last version) or change one; published ones refuse."""
    before = None
    if version.pk:
        stored = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(stored)
        before = snapshot(stored, VERSION_FIELDS)
    else:
        version.number = _next_number(version.instrument)
    version.status = InstrumentVersion.Status.DRAFT
    version.published_at = None
    version.full_clean()
    version.save()
    after = snapshot(version, VERSION_FIELDS)
    if after != before:
        action = "instrument_version.update" if before else "instrument_version.create"
        record(actor, action, version, before=before, after=after)
    return version


def update_draft(actor: Actor, version: InstrumentVersion, **changes: Any) -> InstrumentVersion:
    """Change a draft's settings (title, scale, labels, scoring...); published versions refuse."""
    stored = InstrumentVersion.objects.get(pk=version.pk)
    _require_draft(stored)
    for name, value in changes.items():
        setattr(stored, name, value)
    return save_draft(actor, stored)


@transaction.atomic
def new_draft(actor: Actor, version: InstrumentVersion) -> InstrumentVersion:
    """Copy a version with its elements and fields into a new draft numbered after the last version."""
    source = InstrumentVersion.objects.with_parts().get(pk=version.pk)
    draft = InstrumentVersion.objects.get(pk=source.pk)
    draft.pk = None
    draft._state.adding = True
    draft.number = _next_number(source.instrument)
    draft.status = InstrumentVersion.Status.DRAFT
    draft.published_at = None
    draft.save()
    Element.objects.bulk_create(_copy(element, version=draft) for element in source.elements.all())
    Field.objects.bulk_create(_copy(field, version=draft) for field in source.fields.all())
    after = {**snapshot(draft, VERSION_FIELDS), "copied_from": source.pk}
    record(actor, "instrument_version.new_draft", draft, after=after)
    return draft


@transaction.atomic
def publish_version(actor: Actor, version: InstrumentVersion) -> InstrumentVersion:
    """Freeze a draft after checking it is complete; from now on responses may point at it."""
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != InstrumentVersion.Status.DRAFT:
        raise ValidationError(_("Hanya versi draf yang dapat diterbitkan."))
    errors = publication_errors(version)
    if errors:
        raise ValidationError(errors)
    before = snapshot(version, VERSION_FIELDS)
    version.status = InstrumentVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    after = snapshot(version, VERSION_FIELDS)
    record(actor, "instrument_version.publish", version, before=before, after=after)
    return version


@transaction.atomic
def retire_version(actor: Actor, version: InstrumentVersion) -> InstrumentVersion:
    """Mark a published version as no longer offered for new campaigns; its responses stay valid."""
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != InstrumentVersion.Status.PUBLISHED:
        raise ValidationError(_("Hanya versi yang sudah terbit yang dapat dihentikan."))
    version.status = InstrumentVersion.Status.RETIRED
    version.save(update_fields=["status"])
    before, after = {"status": "published"}, {"status": "retired"}
    record(actor, "instrument_version.retire", version, before=before, after=after)
    return version


def publication_errors(version: InstrumentVersion) -> list[str]:
    """Why a version cannot be published yet (empty when it can), in Indonesian."""
    errors: list[str] = []
    points = version.scale_max - version.scale_min + 1
    elements = list(version.elements.all())
    if not elements:
        errors.append(_("Versi harus memiliki paling sedikit satu unsur."))
    if version.scale_labels and len(version.scale_labels) != points:
        message = _("Jumlah label skala (%(n)d) harus sama dengan jumlah titik skala (%(p)d).")
        errors.append(message % {"n": len(version.scale_labels), "p": points})
    elif any(not str(label).strip() for label in version.scale_labels):
        errors.append(_("Label skala: setiap titik skala harus diberi label."))
    for element in elements:
        if element.labels and len(element.labels) != points:
            message = _("Unsur %(code)s: jumlah label (%(n)d) harus sama dengan jumlah titik skala (%(p)d).")
            errors.append(message % {"code": element.code, "n": len(element.labels), "p": points})
        elif any(not str(label).strip() for label in element.labels):
            message = _("Unsur %(code)s: setiap titik skala harus diberi label.")
            errors.append(message % {"code": element.code})
    weights = [e.weight for e in elements if e.weight is not None]
    total = sum(weights, Decimal(0))
    if weights and len(weights) != len(elements):
        errors.append(_("Bobot harus diisi untuk semua unsur, atau dikosongkan semuanya."))
    elif weights and abs(total - 1) > WEIGHT_TOLERANCE_PER_ELEMENT * len(weights):
        errors.append(_("Jumlah bobot unsur harus 1 (sekarang %(total)s).") % {"total": total})
    for field in version.fields.all():
        if field.kind == Field.Kind.CHOICE and not field.choices:
            errors.append(_("Isian %(code)s: pilihan belum diisi.") % {"code": field.code})
        errors += synonym_errors(field)
        errors += band_errors(field.code, field.kind, field.bands)
        if field.breakdown and not field.is_breakdown:
            message = _("Isian %(code)s: rincian hanya untuk isian pilihan atau angka berkelompok.")
            errors.append(message % {"code": field.code})
        elif field.is_breakdown and len(field.dimension) > DIMENSION_MAX:
            errors.append(_("Isian %(code)s: kode terlalu panjang untuk rincian.") % {"code": field.code})
        elif field.is_breakdown and any(len(c) > CATEGORY_MAX for c, _label in field.categories()):
            errors.append(
                _("Isian %(code)s: nilai pilihan terlalu panjang untuk rincian.") % {"code": field.code}
            )
    return errors


def synonym_errors(field: Field) -> list[str]:
    """Why a field's synonyms are unusable: each maps a word to one of the field's option values."""
    if not field.synonyms:
        return []
    if not isinstance(field.synonyms, dict) or field.kind != Field.Kind.CHOICE:
        return [
            _("Isian %(code)s: sinonim ditulis {kata: nilai pilihan} untuk isian pilihan.")
            % {"code": field.code}
        ]
    values = {str(choice[0]) for choice in field.choices}
    wrong = sorted(str(w) for w, v in field.synonyms.items() if str(v) not in values)
    if wrong:
        message = _("Isian %(code)s: sinonim %(words)s tidak menunjuk ke pilihan yang ada.")
        return [message % {"code": field.code, "words": ", ".join(wrong)}]
    return []


@transaction.atomic
def delete_drafts(actor: Actor, versions: Iterable[InstrumentVersion]) -> int:
    """Delete draft versions with their elements and fields; a published version refuses (responses
    answered it)."""
    versions = list(versions)
    stored = InstrumentVersion.objects.select_for_update().filter(pk__in=[v.pk for v in versions])
    for version in stored:
        _require_draft(version)
    return delete_recorded(
        actor, "instrument_version.delete", versions, lambda v: snapshot(v, VERSION_FIELDS)
    )


def _require_draft(version: InstrumentVersion) -> None:
    if version.status != InstrumentVersion.Status.DRAFT:
        raise ValidationError(IMMUTABLE_MESSAGE)


def _next_number(instrument: Instrument) -> int:
    # Lock the instrument row so two simultaneous drafts cannot take the same number.
    Instrument.objects.select_for_update().get(pk=instrument.pk)
    last = InstrumentVersion.objects.filter(instrument=instrument).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _copy(part: Any, **changes: Any) -> Any:
    values = {f.attname: getattr(part, f.attname) for f in part._meta.concrete_fields if not f.primary_key}
    values.pop("version_id")
    return type(part)(**values, **changes)
