"""Reads of instruments, campaigns and public links: the builder's lists, resolving a token for the public
form, and the operator lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from sikap.accounts.access import Access
from sikap.instruments.models import (
    Campaign,
    CampaignVersion,
    Field,
    Instrument,
    InstrumentVersion,
    PublicLink,
)
from sikap.lib.rows import Columns, relate
from sikap.organisation.models import Period, Service, Unit

# The longest token `new_token` makes; anything longer cannot exist, so it costs no query.
MAX_TOKEN_LENGTH = 32


@cache
def breakdown_fields(version_id: int) -> tuple[Field, ...]:
    """The profile fields a version's indices are broken down by, in the defined order (its options, or
    its bands, are the groups). Published versions never change, so they are cached per process, like
    `indices.tallies.element_count`; tallies, breakdowns and reports all read them here."""
    fields = Field.objects.filter(version_id=version_id, section=Field.Section.PROFILE, breakdown=True)
    return tuple(f for f in fields.order_by("order", "code") if f.is_breakdown)


class LinkStatus(StrEnum):
    OPEN = "open"  # the form can be filled in
    CLOSED = "closed"  # campaign closed, link, unit or service switched off, or period over
    FUTURE = "future"  # the period has not started yet
    UNKNOWN = "unknown"  # no such token


@dataclass(frozen=True)
class LinkState:
    """What a public token leads to today. Versions and services are loaded only for an open link."""

    status: LinkStatus
    link: PublicLink | None = None
    # The campaign's instrument versions in form order, with instrument, elements and fields prefetched.
    versions: tuple[InstrumentVersion, ...] = ()
    # For a link to a whole unit: the services the respondent picks from (the unit's catalogue that year).
    services: tuple[Service, ...] = ()
    # What identifies the versions' content, for caches of what is built from them (the empty form).
    stamp: BundleStamp | None = None

    @property
    def is_open(self) -> bool:
        return self.status == LinkStatus.OPEN


def resolve_link(token: str, today: datetime.date | None = None) -> LinkState:
    """The state of the link behind `token` on `today` (default: today in the project's time zone).

    Queries: one for the link with its campaign, period, unit, service and the bundle's stamp; for an open
    link, one for a per-unit link's services, and three for the versions (with instrument), their elements
    and their fields the first time this process sees the bundle's stamp (`bundle`).
    """
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return LinkState(LinkStatus.UNKNOWN)
    link = read_link(token)
    # An internal campaign is answered only through one-time invitations: no open link leads to it.
    if link is None or link.campaign.audience == Campaign.Audience.INTERNAL:
        return LinkState(LinkStatus.UNKNOWN)
    day = today or timezone.localdate()
    period = link.campaign.period
    if (
        not link.active
        or not link.unit.active
        or link.campaign.status != Campaign.Status.OPEN
        or (link.service is not None and not link.service.active)
        or day > period.end
    ):
        return LinkState(LinkStatus.CLOSED, link)
    if day < period.start:
        return LinkState(LinkStatus.FUTURE, link)
    stamp = BundleStamp(link.campaign_id, *link.bundle_stamp)  # type: ignore[attr-defined]
    return LinkState(LinkStatus.OPEN, link, versions=bundle(stamp), services=link_services(link), stamp=stamp)


def campaign_versions(campaign: Campaign | int) -> tuple[InstrumentVersion, ...]:
    """A campaign's versions in form order, each with its instrument, elements and fields (three queries)."""
    rows = (
        CampaignVersion.objects.filter(campaign=campaign)
        .select_related("version__instrument")
        .prefetch_related("version__elements", "version__fields")
        .order_by("order")
    )
    return tuple(row.version for row in rows)


@dataclass(frozen=True)
class BundleStamp:
    """What a campaign's bundle holds, read with its link in the same query: a cache key that changes
    whenever what the public form shows of the bundle changes.

    Replacing the bundle (`set_campaign_parts`) writes new `CampaignVersion` rows, whose ids only grow, so
    `last_row` changes; the only change a published version still takes, its English, raises its
    `revision`, so the sum changes. Under one stamp the content can never change: any app server may keep
    what it loaded under it for as long as it likes (no invalidation to share between servers).
    """

    campaign_id: int
    last_row: int | None
    revisions: int | None


class _LinkRead:
    """The SQL of `read_link`, written once per process and database vendor."""

    def __init__(self) -> None:
        self.link = Columns(PublicLink, "l")
        self.campaign, self.period = Columns(Campaign, "c"), Columns(Period, "p")
        self.unit, self.service = Columns(Unit, "u"), Columns(Service, "s")
        self.parts = (self.link, self.campaign, self.period, self.unit, self.service)
        q = connection.ops.quote_name
        rows, versions = q(CampaignVersion._meta.db_table), q(InstrumentVersion._meta.db_table)
        # The bundle's stamp: table names only in the text, the token is the one parameter.
        last_row = f"(SELECT MAX(cv.id) FROM {rows} cv WHERE cv.campaign_id = l.campaign_id)"  # noqa: S608
        revisions = (
            f"(SELECT SUM(v.revision) FROM {rows} cv JOIN {versions} v ON v.id = cv.version_id"  # noqa: S608
            " WHERE cv.campaign_id = l.campaign_id)"
        )
        select = ", ".join(part.select() for part in self.parts)
        self.sql = (
            f"SELECT {select}, {last_row}, {revisions} FROM {self.link.table}"  # noqa: S608
            f" JOIN {self.campaign.table} ON c.id = l.campaign_id"
            f" JOIN {self.period.table} ON p.id = c.period_id"
            f" JOIN {self.unit.table} ON u.id = l.unit_id"
            f" LEFT JOIN {self.service.table} ON s.id = l.service_id"
            " WHERE l.token = %s ORDER BY l.id LIMIT 1"
        )
        services = Columns(Service, "s")
        self.services = services
        self.services_sql = (
            f"SELECT {services.select()} FROM {services.table}"  # noqa: S608
            " WHERE s.unit_id = %s AND s.year = %s AND s.active ORDER BY s.name, s.channel, s.id"
        )


@cache
def _link_read(vendor: str) -> _LinkRead:
    return _LinkRead()


def read_link(token: str) -> PublicLink | None:
    """The link of `token` with its campaign, period, unit and service (as `for_listing`) and the bundle's
    stamp (`link.bundle_stamp`: its last row and revisions), in one query whose SQL is written once per
    process: the ORM would compile it on every request for more CPU than the database spends on it."""
    read = _link_read(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(read.sql, [token])
        row = cursor.fetchone()
    if row is None:
        return None
    objects, at = [], 0
    for part in read.parts:
        values = row[at : at + len(part)]
        objects.append(part.build(values) if values[0] is not None else None)
        at += len(part)
    link, campaign, period, unit, service = objects
    assert link is not None and campaign is not None and period is not None and unit is not None
    relate(campaign, "period", period)
    relate(link, "campaign", campaign)
    relate(link, "unit", unit)
    relate(link, "service", service)
    link.bundle_stamp = tuple(row[at:])
    return link


@lru_cache(maxsize=256)
def bundle(stamp: BundleStamp) -> tuple[InstrumentVersion, ...]:
    """`campaign_versions` of the stamp's campaign, loaded once per process and stamp (shared, read-only:
    callers never change these objects)."""
    return campaign_versions(stamp.campaign_id)


def link_services(link: PublicLink) -> tuple[Service, ...]:
    if link.service is not None:
        return ()
    read = _link_read(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(read.services_sql, [link.unit_id, link.campaign.period.start.year])
        return tuple(read.services.build(row) for row in cursor.fetchall())


def public_path(link: PublicLink) -> str:
    """Where the public form of a link lives (the form itself belongs to the responses app)."""
    return f"/s/{link.token}/"


def campaigns_in_scope(access: Access) -> list[Campaign]:
    """Campaigns with a link in the user's scope, each with the number of those links, newest first."""
    in_scope = Q(links__unit__in=access.units())
    return list(
        Campaign.objects.filter(in_scope)
        .annotate(n_links=Count("links", filter=in_scope, distinct=True))
        .select_related("period")
        .prefetch_related(bundle_prefetch())
        .order_by("-period__start", "name")
    )


def links_in_scope(access: Access, campaign: Campaign) -> list[PublicLink]:
    """The campaign's links the user may see, by unit tree order then service name."""
    return list(
        PublicLink.objects.filter(campaign=campaign)
        .in_units(access.units())
        .for_listing()
        .order_by("unit__path", "service__name", "service__channel")
    )


def instrument_codes(campaign: Campaign) -> list[str]:
    """The codes of the campaign's instruments in form order (uses the bundle prefetch when present)."""
    return [cv.version.instrument.code for cv in campaign.campaign_versions.all()]


def bundle_prefetch(lookup: str = "campaign_versions") -> Prefetch:
    """Loads each campaign's ordered bundle with its instruments (for lists of campaigns or links)."""
    return Prefetch(
        lookup,
        queryset=CampaignVersion.objects.select_related("version__instrument").order_by("order"),
    )


def open_unit_links(units: QuerySet[Unit], limit: int = 50) -> list[PublicLink]:
    """The per-unit links (not per service) of open campaigns in the given units, for the operator's
    workspace: one query."""
    return list(
        PublicLink.objects.filter(campaign__status=Campaign.Status.OPEN, service__isnull=True, active=True)
        .in_units(units)
        .for_listing()
        .order_by("unit__path", "-campaign__period__start", "campaign__name")[:limit]
    )


def unit_link_of_period(unit: Unit, period_id: int) -> PublicLink | None:
    """The unit's own link (any service) in a campaign of the period that is not closed, newest first.

    Printed slips and receipts point here: the respondent then picks the service on the form.
    """
    return (
        PublicLink.objects.for_listing()
        .filter(unit=unit, service__isnull=True, campaign__period_id=period_id, active=True)
        .exclude(campaign__status=Campaign.Status.CLOSED)
        .order_by("-campaign__status", "-campaign__pk")
        .first()
    )


def instruments_with_versions() -> list[Instrument]:
    """Every instrument with its versions (newest first), in two queries: the builder's list."""
    newest_first = InstrumentVersion.objects.order_by("-number")
    return list(
        Instrument.objects.order_by("order", "code").prefetch_related(Prefetch("versions", newest_first))
    )


def version_with_parts(pk: int) -> InstrumentVersion | None:
    """One version with its instrument, elements and fields (as the form shows them), or None."""
    return InstrumentVersion.objects.with_parts().filter(pk=pk).first()
