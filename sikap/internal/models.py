"""Internal surveys: employee rosters, headcounts, internal campaign settings and one-time invitations.

What is kept where decides anonymity. A roster entry holds only coarse attributes (the ones that travel
with answers); a person's name and contact live in `RosterContact`, beside the entry, never beside an
answer. An `Invitation` knows its roster entry (to remind non-respondents) and whether its token was
used, but not when, and no table of answers points at it or at the roster: the answers keep a copy of
the coarse attributes only. A test checks both at the schema level.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import Campaign
from sikap.organisation.models import Period, Unit

# The smallest group a figure may rest on; a campaign may raise it, never lower it.
MIN_K = 5


class JobType(models.TextChoices):
    STRUKTURAL = "struktural", _("Struktural")
    FUNGSIONAL = "fungsional", _("Fungsional")
    PELAKSANA = "pelaksana", _("Pelaksana")
    PPPK = "pppk", _("PPPK")
    PPNPN = "ppnpn", _("PPNPN")


class Perspective(models.TextChoices):
    PENGGUNA = "pengguna", _("Pengguna layanan")
    PENYEDIA = "penyedia", _("Penyedia layanan")
    PIMPINAN = "pimpinan", _("Pimpinan")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class AgeBand(models.TextChoices):
    UNDER_30 = "<30", _("di bawah 30 tahun")
    B30 = "30-39", _("30-39 tahun")
    B40 = "40-49", _("40-49 tahun")
    FROM_50 = "50+", _("50 tahun ke atas")


class ServiceBand(models.TextChoices):
    UNDER_5 = "<5", _("di bawah 5 tahun")
    B5 = "5-9", _("5-9 tahun")
    B10 = "10-19", _("10-19 tahun")
    FROM_20 = "20+", _("20 tahun ke atas")


# An entry without an e-mail gets a printed code slip; one without e-mail or phone has no contact at all.
NO_EMAIL = Q(contact__isnull=True) | Q(contact__email="")
NO_CONTACT = NO_EMAIL & (Q(contact__isnull=True) | Q(contact__phone=""))


class RosterEntryQuerySet(models.QuerySet["RosterEntry"]):
    def of(self, unit: Unit, period: Period) -> RosterEntryQuerySet:
        return self.filter(unit=unit, period=period)

    def counts_by_unit(self, period: Period, unit_ids: list[int]) -> dict[int, dict[str, int]]:
        """Per unit of the list: entries, those without e-mail and those without any contact (one query)."""
        rows = (
            self.filter(period=period, unit_id__in=unit_ids)
            .values("unit_id")
            .annotate(
                entries=Count("pk"),
                without_email=Count("pk", filter=NO_EMAIL),
                without_contact=Count("pk", filter=NO_CONTACT),
            )
            .order_by()
        )
        return {row.pop("unit_id"): row for row in rows}

    def breakdown(self, attribute: str) -> dict[str, int]:
        """Entries per value of one attribute (`perspective`, `job_type`, ...), one query."""
        rows = self.values_list(attribute).annotate(n=Count("pk")).order_by()
        return dict(rows)

    def past_retention(self, before: datetime.date) -> RosterEntryQuerySet:
        """Entries of periods that ended before the given day."""
        return self.filter(period__end__lt=before)


class RosterEntry(models.Model):
    """One employee of a unit in a period, described only by the coarse attributes answers may carry."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="+")
    job_type = models.CharField(_("jenis jabatan"), max_length=12, choices=JobType.choices, blank=True)
    perspective = models.CharField(
        _("perspektif"), max_length=10, choices=Perspective.choices, default=Perspective.PENGGUNA
    )
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    age_band = models.CharField(_("kelompok usia"), max_length=6, choices=AgeBand.choices, blank=True)
    service_band = models.CharField(_("masa kerja"), max_length=6, choices=ServiceBand.choices, blank=True)

    objects = RosterEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai dalam daftar")
        verbose_name_plural = _("daftar pegawai")
        indexes = [models.Index(fields=["period", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit.code} #{self.pk}"

    def attributes(self) -> dict[str, str]:
        """What travels with this person's answers: nothing finer than these."""
        return {
            "perspektif": self.perspective,
            "jenis_jabatan": self.job_type,
            "jenis_kelamin": self.sex,
            "kelompok_usia": self.age_band,
            "masa_kerja": self.service_band,
        }


class RosterContact(models.Model):
    """Personal data of a roster entry, kept apart: shown only to the unit's admins, deleted with it."""

    entry = models.OneToOneField(RosterEntry, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("nama"), max_length=200, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("kontak pegawai")
        verbose_name_plural = _("kontak pegawai")

    def __str__(self) -> str:
        return self.name or self.email or str(self.entry_id)


class HeadcountQuerySet(models.QuerySet["Headcount"]):
    def of_period(self, period: Period, unit_ids: list[int]) -> dict[int, Headcount]:
        """The headcount rows of these units in the period, by unit id (one query)."""
        rows = self.filter(period=period, unit_id__in=unit_ids).select_related("set_by")
        return {row.unit_id: row for row in rows}


class Headcount(models.Model):
    """A unit's number of employees in a period: the roster's size, unless an admin overrides it."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="+")
    roster = models.PositiveIntegerField(_("jumlah dalam daftar pegawai"), default=0)
    override = models.PositiveIntegerField(_("jumlah pegawai (koreksi)"), null=True, blank=True)
    reason = models.TextField(_("alasan koreksi"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = HeadcountQuerySet.as_manager()

    class Meta:
        verbose_name = _("jumlah pegawai")
        verbose_name_plural = _("jumlah pegawai")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="headcount_unique"),
            models.CheckConstraint(
                condition=Q(override__isnull=True) | ~Q(reason=""),
                name="headcount_override_has_reason",
                violation_error_message=_("Koreksi jumlah pegawai harus disertai alasan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period}: {self.value}"

    @property
    def value(self) -> int:
        return self.override if self.override is not None else self.roster


class InternalSettings(models.Model):
    """How an internal campaign protects and counts its respondents; locked at its first response."""

    class Target(models.TextChoices):
        EVERYONE = "all", _("Semua pegawai")
        PERCENT = "percent", _("Persentase jumlah pegawai")
        KREJCIE_MORGAN = "krejcie-morgan", _("Sampel minimum Krejcie dan Morgan dari jumlah pegawai")

    class IntegrityProfile(models.TextChoices):
        ITJEN_2024 = "itjen-2024", _("Itjen Kemenkumham 2024 (Terjaga / Waspada / Rentan)")
        KPK_2023 = "kpk-2023", _("KPK 2023 (hijau / kuning / merah)")

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="internal")
    k = models.PositiveSmallIntegerField(
        _("ambang anonimitas (k)"),
        default=MIN_K,
        help_text=_("Angka, rincian, dan ekspor yang bertumpu pada kurang dari k responden disembunyikan."),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("pengingat setiap (hari)"), default=7, help_text=_("0 = tanpa pengingat otomatis.")
    )
    target = models.CharField(_("target partisipasi"), max_length=16, choices=Target.choices, default="all")
    target_percent = models.PositiveSmallIntegerField(_("persentase target"), default=80)
    integrity_profile = models.CharField(
        _("kategori indeks integritas"),
        max_length=12,
        choices=IntegrityProfile.choices,
        default=IntegrityProfile.ITJEN_2024,
    )
    free_text_in_exports = models.BooleanField(_("sertakan saran (teks bebas) di ekspor"), default=False)

    class Meta:
        verbose_name = _("pengaturan survei internal")
        verbose_name_plural = _("pengaturan survei internal")
        constraints = [
            models.CheckConstraint(
                condition=Q(k__gte=MIN_K),
                name="internal_k_at_least_5",
                violation_error_message=_("Ambang anonimitas paling kecil 5."),
            ),
            models.CheckConstraint(
                condition=Q(target_percent__gte=1) & Q(target_percent__lte=100),
                name="internal_target_percent_1_100",
                violation_error_message=_("Persentase target harus 1 sampai 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: k={self.k}"


class Invitation(models.Model):
    """A one-time token for one roster entry in one campaign. It records that it was used, never when,
    and nothing that stores answers points at it."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Surel")
        SLIP = "slip", _("Kertas kode")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    entry = models.ForeignKey(RosterEntry, on_delete=models.CASCADE, related_name="invitations")
    # SHA-256 of the token; the token itself is only ever in the e-mail or on the printed slip.
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    used = models.BooleanField(default=False)
    sent_count = models.PositiveSmallIntegerField(default=0)
    # The day of the last e-mail (invitation or reminder): when to remind next; never a response time.
    last_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")
        constraints = [models.UniqueConstraint(fields=["campaign", "entry"], name="invitation_unique")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.entry_id}"


class RosterUpload(models.Model):
    """A roster file checked and waiting for its importer to confirm it: deleted on confirmation, and
    unconfirmed after a day (it may hold names and contacts). Kept in the database, not in a process,
    so the confirmation may reach any app server."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unggahan daftar pegawai")
        verbose_name_plural = _("unggahan daftar pegawai")

    def __str__(self) -> str:
        return f"{self.filename} ({self.period})"
