"""Campaigns (which published versions run for which units in a period) and their public links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record, snapshot
from sikap.audit.actors import Actor
from sikap.instruments.models import Campaign, CampaignVersion, InstrumentVersion, PublicLink
from sikap.organisation.models import Period, Service, Unit


@transaction.atomic
def create_campaign(
    actor: Actor,
    *,
    name: str,
    period: Period,
    versions: Sequence[InstrumentVersion],
    units: Iterable[Unit],
    audience: str = Campaign.Audience.PUBLIC,
) -> Campaign:
    """A draft campaign running `versions` (in this order, answered in one visit) for `units` in `period`;
    an internal one (`audience`) is answered through invitations only."""
    campaign = Campaign(name=name, period=period, audience=audience)
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
    # Who answers decides how (open links or invitations): fixed once the campaign has been opened.
    if stored and stored.audience != campaign.audience and stored.status != Campaign.Status.DRAFT:
        raise ValidationError(
            {"audience": _("Responden kampanye tidak dapat diubah setelah kampanye pernah dibuka.")}
        )
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
    posters with their QR codes are already printed. An internal campaign gets none: it is answered
    through one-time invitations only.
    """
    if campaign.audience == Campaign.Audience.INTERNAL:
        return []
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
    state = snapshot(campaign, ["name", "period_id", "status", "audience"])
    if campaign.pk:
        bundle = campaign.campaign_versions.order_by("order").values_list("version_id", flat=True)
        state["versions"] = list(bundle)
        state["units"] = sorted(campaign.units.values_list("pk", flat=True))
    return state


@transaction.atomic
def delete_campaigns(actor: Actor, campaigns: Iterable[Campaign]) -> int:
    """Delete campaigns with their links; a campaign that has submissions refuses."""
    return delete_recorded(actor, "campaign.delete", campaigns, _campaign_state)
