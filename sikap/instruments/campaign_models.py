"""Campaigns (which published versions run together, for which units, in which period) and their public
links. Part of the instruments app's models: `sikap.instruments.models` re-exports them."""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Service, Unit


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def open_on(self, day: object) -> CampaignQuerySet:
        return self.filter(status=Campaign.Status.OPEN, period__start__lte=day, period__end__gte=day)


class Campaign(models.Model):
    """Which instrument versions run, as one visit, for which units in which period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Publik (pengguna layanan)")
        INTERNAL = "internal", _("Internal (pegawai, dengan undangan)")

    name = models.CharField(_("nama"), max_length=200)
    # Public campaigns answer through open links; internal ones only through one-time invitations.
    audience = models.CharField(
        _("responden"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="campaigns"
    )
    versions: models.ManyToManyField[InstrumentVersion, CampaignVersion] = models.ManyToManyField(
        InstrumentVersion, verbose_name=_("instrumen"), through="CampaignVersion", related_name="campaigns"
    )
    units = models.ManyToManyField(Unit, verbose_name=_("unit"), related_name="campaigns")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("kampanye survei")
        verbose_name_plural = _("kampanye survei")
        ordering = ["-period__start", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.period})"

    def ordered_versions(self) -> list[InstrumentVersion]:
        return [
            cv.version
            for cv in self.campaign_versions.select_related("version__instrument").order_by("order")
        ]


class CampaignVersion(models.Model):
    """An instrument version in a campaign's bundle, in the order the form shows it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="campaign_versions")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["campaign", "order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "version"], name="campaign_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.version_id}"


def new_token() -> str:
    return secrets.token_urlsafe(16)


class PublicLinkQuerySet(models.QuerySet["PublicLink"]):
    def open(self, today: datetime.date | None = None) -> PublicLinkQuerySet:
        """Links a respondent can use today: active, campaign open, today within the campaign's period."""
        day = today or timezone.localdate()
        return self.filter(
            active=True,
            unit__active=True,
            campaign__status=Campaign.Status.OPEN,
            campaign__period__start__lte=day,
            campaign__period__end__gte=day,
        )

    def in_units(self, units: models.QuerySet[Unit]) -> PublicLinkQuerySet:
        return self.filter(unit__in=units)

    def for_listing(self) -> PublicLinkQuerySet:
        """With what a list of links shows (campaign, period, unit, service) joined in the same query."""
        return self.select_related("campaign__period", "unit", "service")


class PublicLink(models.Model):
    """The public address (and QR code) of a campaign for one unit, or one service of it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="public_links")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="public_links"
    )
    # 128 random bits: unguessable, so links cannot be enumerated.
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("tautan publik")
        verbose_name_plural = _("tautan publik")
        ordering = ["campaign", "unit__path", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "service"],
                name="link_unique_per_service",
                condition=Q(service__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["campaign", "unit"], name="link_unique_per_unit", condition=Q(service__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.service.name if self.service else _('semua layanan')}"
