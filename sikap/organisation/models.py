"""The organisation: provinces, the unit tree, periods, and each unit's yearly service catalogue."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sikap.organisation import rules


class Province(models.Model):
    """One of Indonesia's 38 provinces, by its BPS code."""

    code = models.CharField(_("kode BPS"), max_length=2, unique=True)
    name = models.CharField(_("nama"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """The unit and every unit below it, in one query (materialised path prefix)."""
        return self.filter(path__startswith=unit.path)

    def subtrees_of(self, units: list[Unit]) -> UnitQuerySet:
        """Every unit below any of the given units, in one query."""
        if not units:
            return self.none()
        condition = Q()
        for unit in units:
            condition |= Q(path__startswith=unit.path)
        return self.filter(condition)

    def active(self) -> UnitQuerySet:
        return self.filter(active=True)


class Unit(models.Model):
    """A node in the organisation tree: the ministry, an Eselon I unit, a Kanwil, a division, a UPT."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Kementerian")
        ESELON_I = "eselon1", _("Unit Eselon I")
        KANWIL = "kanwil", _("Kantor Wilayah")
        DIVISION = "division", _("Divisi / Bagian")
        UPT = "upt", _("Unit Pelaksana Teknis")
        OTHER = "other", _("Lainnya")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("jenis unit"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("kode"), max_length=40, unique=True, allow_unicode=False)
    name = models.CharField(_("nama"), max_length=200)
    provinces = models.ManyToManyField(Province, verbose_name=_("provinsi"), blank=True, related_name="units")
    active = models.BooleanField(_("aktif"), default=True)
    # Counter opening hours; a web response outside them is an integrity signal. Blank = not checked.
    opens_at = models.TimeField(_("jam buka layanan"), null=True, blank=True)
    closes_at = models.TimeField(_("jam tutup layanan"), null=True, blank=True)
    # Materialised path of primary keys, "/1/7/42/": a subtree is one indexed prefix query.
    # Written only by organisation.actions, which keep it in step with `parent`.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> UnitQuerySet:
        """This unit's ancestors, root first (one query)."""
        ids = [int(part) for part in self.path.strip("/").split("/") if part][:-1]
        return Unit.objects.filter(pk__in=ids).order_by("depth")


class Period(models.Model):
    """A reporting period with dates, such as '2026 Semester I'."""

    class Kind(models.TextChoices):
        YEAR = "year", _("Tahun")
        SEMESTER = "semester", _("Semester")
        QUARTER = "quarter", _("Triwulan")
        MONTH = "month", _("Bulan")

    name = models.CharField(_("nama"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    # The rules that change this period's results, kept with it (see organisation.rules).
    target_method = models.CharField(
        _("rumus sampel minimal"),
        max_length=20,
        choices=rules.TARGET_METHODS,
        default=rules.DEFAULT_TARGET_METHOD,
    )
    target_margin = models.DecimalField(
        _("tingkat kesalahan (e)"),
        max_digits=4,
        decimal_places=3,
        default=rules.DEFAULT_MARGIN,
    )
    target_floor = models.PositiveSmallIntegerField(
        _("responden paling sedikit"), default=rules.DEFAULT_FLOOR
    )
    integrity_rules = models.JSONField(_("aturan integritas"), default=rules.default_integrity, blank=True)
    # Unit code -> weight of each Kanwil in the regional index weighted "custom"; a Kanwil left out weighs 0.
    regional_weights = models.JSONField(_("bobot wilayah"), default=dict, blank=True)

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["-start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="period_end_after_start",
                violation_error_message=_("Tanggal selesai harus sama dengan atau sesudah tanggal mulai."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def has_ended(self, today: datetime.date | None = None) -> bool:
        """An ended period is closed: its rules are fixed, so its figures stay as reported."""
        return self.end < (today or timezone.localdate())


class ServiceQuerySet(models.QuerySet["Service"]):
    def for_year(self, year: int) -> ServiceQuerySet:
        return self.filter(year=year)

    def active(self) -> ServiceQuerySet:
        return self.filter(active=True)

    def for_the_public(self) -> ServiceQuerySet:
        """Services whose users are the public; internal ones serve the ministry's own staff.

        The public surveys (SKM, SPKP, SPAK) ask the public; internal services (kepegawaian, keuangan, BMN)
        belong to internal surveys instead. The category of each service, set in its catalogue, decides.
        """
        return self.exclude(category=Service.Category.INTERNAL)


class Service(models.Model):
    """A service (jenis layanan) a unit offers in a given year, on one channel."""

    class Category(models.TextChoices):
        AHU = "ahu", _("Administrasi Hukum Umum")
        KI = "ki", _("Kekayaan Intelektual")
        P3H = "p3h", _("Peraturan Perundang-undangan dan Pembinaan Hukum")
        BHP = "bhp", _("Balai Harta Peninggalan")
        INTERNAL = "internal", _("Layanan internal / kesekretariatan")
        OTHER = "other", _("Lainnya")

    class Channel(models.TextChoices):
        COUNTER = "counter", _("Tatap muka (loket)")
        ONLINE = "online", _("Daring (online)")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="services")
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama layanan"), max_length=200)
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices, default=Channel.COUNTER)
    active = models.BooleanField(_("aktif"), default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["unit__path", "-year", "name", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "name", "channel"],
                name="service_unique_per_unit_year_channel",
                violation_error_message=_(
                    "Layanan ini sudah terdaftar untuk unit, tahun dan kanal tersebut."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="service_year_plausible",
                violation_error_message=_("Tahun layanan harus antara 2000 dan 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_channel_display()}, {self.year})"


class ServiceUserCount(models.Model):
    """How many people used a service in a period: the population for sample sizes."""

    service = models.ForeignKey(
        Service, verbose_name=_("layanan"), on_delete=models.CASCADE, related_name="user_counts"
    )
    period = models.ForeignKey(
        Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="service_user_counts"
    )
    users = models.PositiveIntegerField(_("jumlah pengguna layanan"))
    source = models.CharField(
        _("sumber data"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya: register loket, aplikasi online."),
    )

    class Meta:
        verbose_name = _("jumlah pengguna layanan")
        verbose_name_plural = _("jumlah pengguna layanan")
        ordering = ["service", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period"],
                name="user_count_unique_per_service_period",
                violation_error_message=_("Jumlah pengguna untuk layanan dan periode ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.users} ({self.period})"
