"""The demo's current campaign: SKM + SPKP + SPAK open for every demo unit with public services."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sikap.audit.actors import Actor
from sikap.instruments import actions
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.organisation.models import Period, Service, Unit

BUNDLE = ("SKM", "SPKP", "SPAK")


def campaign_name(period: Period) -> str:
    return f"Survei Kepuasan dan Persepsi {period.name}"


def current_semester(today: datetime.date | None = None) -> Period | None:
    """The semester period containing `today` (default: today in the project's time zone)."""
    day = today or timezone.localdate()
    semesters = Period.objects.filter(kind=Period.Kind.SEMESTER, start__lte=day, end__gte=day)
    return semesters.order_by("start").first()


def latest_published(codes: tuple[str, ...] = BUNDLE) -> list[InstrumentVersion]:
    """The newest published version of each instrument code, in the given order (missing ones skipped)."""
    found = {}
    for version in InstrumentVersion.objects.published().select_related("instrument").order_by("number"):
        found[version.instrument.code] = version  # ascending: the last one kept is the newest
    return [found[code] for code in codes if code in found]


def public_service_units(year: int) -> list[Unit]:
    """Active units with at least one active public service in `year`: those the public surveys ask about.

    A unit whose catalogue is internal only (Bagian Tata Usaha dan Umum, the Secretariat General) gets no
    public campaign: its users are staff, surveyed by the internal surveys.
    """
    served = Service.objects.for_year(year).active().for_the_public().values("unit")
    return list(Unit.objects.filter(active=True, pk__in=served).order_by("path"))


@transaction.atomic
def open_demo_campaigns(actor: Actor = None, today: datetime.date | None = None) -> int:
    """Create and open the current semester's campaign once; returns how many public links this call made.

    Idempotent: a rerun finds the campaign by name and period and only adds links for services mapped since
    (0 when nothing changed). A campaign someone closed while exploring the demo stays closed.
    """
    period = current_semester(today)
    versions = latest_published()
    if period is None or not versions:
        return 0
    campaign = Campaign.objects.filter(name=campaign_name(period), period=period).first()
    if campaign is None:
        units = public_service_units(period.start.year)
        if not units:
            return 0
        campaign = actions.create_campaign(
            actor, name=campaign_name(period), period=period, versions=versions, units=units
        )
        actions.open_campaign(actor, campaign)
        return campaign.links.count()
    if campaign.status != Campaign.Status.OPEN:
        return 0
    return len(actions.ensure_links(actor, campaign))
