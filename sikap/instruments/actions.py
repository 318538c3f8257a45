"""The only code that changes instruments, their versions, campaigns and public links.

A published version is immutable: its elements and fields are what every response to it answered. Changing
an instrument means `new_draft`, editing the draft, then `publish_version`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record, snapshot
from sikap.audit.actors import Actor
from sikap.instruments.models import (
    IMMUTABLE_MESSAGE,
    Campaign,
    CampaignVersion,
    Element,
    Field,
    Instrument,
    InstrumentVersion,
    PublicLink,
)
from sikap.instruments.profile import CATEGORY_MAX, DIMENSION_MAX, band_errors
from sikap.organisation.models import Period, Service, Unit

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
ELEMENT_FIELDS = [
    *("version_id", "code", "name", "question", "labels", "ask_importance", "allow_na", "weight", "order"),
    *("name_en", "question_en", "labels_en"),
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
    for element in elements:
        if element.labels and len(element.labels) != points:
            message = _("Unsur %(code)s: jumlah label (%(n)d) harus sama dengan jumlah titik skala (%(p)d).")
            errors.append(message % {"code": element.code, "n": len(element.labels), "p": points})
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


# --- parts of a draft ---------------------------------------------------------------------------------


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


@transaction.atomic
def delete_campaigns(actor: Actor, campaigns: Iterable[Campaign]) -> int:
    """Delete campaigns with their links; a campaign that has submissions refuses."""
    return delete_recorded(actor, "campaign.delete", campaigns, _campaign_state)


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


# --- campaigns and public links -------------------------------------------------------------------------


@transaction.atomic
def create_campaign(
    actor: Actor, *, name: str, period: Period, versions: Sequence[InstrumentVersion], units: Iterable[Unit]
) -> Campaign:
    """A draft campaign running `versions` (in this order, answered in one visit) for `units` in `period`."""
    campaign = Campaign(name=name, period=period)
    campaign.full_clean()
    campaign.save()
    set_campaign_parts(actor, campaign, versions=versions, units=units, audit=False)
    record(actor, "campaign.create", campaign, after=_campaign_state(campaign))
    return campaign


@transaction.atomic
def save_campaign(actor: Actor, campaign: Campaign) -> Campaign:
    """Create a campaign, rename it or change its period; its status changes only by open/close."""
    stored = Campaign.objects.filter(pk=campaign.pk).first() if campaign.pk else None
    before = _campaign_state(stored) if stored else None
    campaign.status = stored.status if stored else Campaign.Status.DRAFT
    campaign.full_clean()
    campaign.save()
    after = _campaign_state(campaign)
    if after != before:
        action = "campaign.update" if before else "campaign.create"
        record(actor, action, campaign, before=before, after=after)
    return campaign


@transaction.atomic
def set_campaign_parts(
    actor: Actor,
    campaign: Campaign,
    *,
    versions: Sequence[InstrumentVersion],
    units: Iterable[Unit],
    audit: bool = True,
) -> Campaign:
    """Replace a campaign's ordered instrument bundle and its units; an open campaign gets its new links."""
    units = list(units)
    _check_bundle(versions, units)
    before = _campaign_state(campaign)
    campaign.campaign_versions.all().delete()
    CampaignVersion.objects.bulk_create(
        CampaignVersion(campaign=campaign, version=v, order=n) for n, v in enumerate(versions, start=1)
    )
    campaign.units.set(units)
    after = _campaign_state(campaign)
    if audit and after != before:
        record(actor, "campaign.update", campaign, before=before, after=after)
    if campaign.status == Campaign.Status.OPEN:
        ensure_links(actor, campaign)
    return campaign


@transaction.atomic
def open_campaign(actor: Actor, campaign: Campaign) -> Campaign:
    """Open a campaign for responses and give each of its units and their services a public link."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.campaign_versions.exists():
        raise ValidationError(_("Kampanye harus memuat paling sedikit satu instrumen."))
    if campaign.status != Campaign.Status.OPEN:
        before = {"status": campaign.status}
        campaign.status = Campaign.Status.OPEN
        campaign.save(update_fields=["status"])
        record(actor, "campaign.open", campaign, before=before, after={"status": campaign.status})
    ensure_links(actor, campaign)
    return campaign


@transaction.atomic
def close_campaign(actor: Actor, campaign: Campaign) -> Campaign:
    """Stop accepting responses on every link of the campaign (the links stay, answering "closed")."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.CLOSED:
        before = {"status": campaign.status}
        campaign.status = Campaign.Status.CLOSED
        campaign.save(update_fields=["status"])
        record(actor, "campaign.close", campaign, before=before, after={"status": campaign.status})
    return campaign


@transaction.atomic
def ensure_links(actor: Actor, campaign: Campaign) -> list[PublicLink]:
    """Create the missing links: one per campaign unit and one per active service of it that year.

    Returns the links created (none on a rerun). Existing links, and their tokens, are never touched:
    posters with their QR codes are already printed.
    """
    year = campaign.period.start.year
    units = list(campaign.units.all())
    existing = set(PublicLink.objects.filter(campaign=campaign).values_list("unit_id", "service_id"))
    services = Service.objects.filter(unit__in=units, year=year, active=True).order_by("unit_id", "name")
    wanted = [(unit.pk, None) for unit in units] + [(s.unit_id, s.pk) for s in services]
    missing = [
        PublicLink(campaign=campaign, unit_id=unit_id, service_id=service_id)
        for unit_id, service_id in wanted
        if (unit_id, service_id) not in existing
    ]
    created = PublicLink.objects.bulk_create(missing)
    if created:
        record(actor, "campaign.links", campaign, after={"created": len(created), "total": len(wanted)})
    return created


@transaction.atomic
def set_link_active(actor: Actor, link: PublicLink, active: bool) -> PublicLink:
    """Switch one public link off (its QR code then answers "closed") or back on."""
    link = PublicLink.objects.select_for_update().get(pk=link.pk)
    if link.active != active:
        link.active = active
        link.save(update_fields=["active"])
        record(actor, "public_link.set_active", link, before={"active": not active}, after={"active": active})
    return link


def _check_bundle(versions: Sequence[InstrumentVersion], units: list[Unit]) -> None:
    errors = []
    if not versions:
        errors.append(_("Kampanye harus memuat paling sedikit satu instrumen."))
    if any(v.status != InstrumentVersion.Status.PUBLISHED for v in versions):
        errors.append(_("Kampanye hanya dapat memuat versi instrumen yang sudah terbit dan masih dipakai."))
    instruments = [v.instrument_id for v in versions]
    if len(set(instruments)) != len(instruments):
        errors.append(_("Satu instrumen hanya boleh muncul sekali dalam satu kampanye."))
    if not units:
        errors.append(_("Kampanye harus mencakup paling sedikit satu unit."))
    if errors:
        raise ValidationError(errors)


def _campaign_state(campaign: Campaign) -> dict[str, Any]:
    state = snapshot(campaign, ["name", "period_id", "status"])
    if campaign.pk:
        bundle = campaign.campaign_versions.order_by("order").values_list("version_id", flat=True)
        state["versions"] = list(bundle)
        state["units"] = sorted(campaign.units.values_list("pk", flat=True))
    return state


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
