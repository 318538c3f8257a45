"""The PEKPPP instrument as data: a framework, its immutable published versions, aspects, indicators and
the F-03 items. Shipped by data migration (`migrations/0002_catalogue.py`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import Instrument
from sikap.instruments.profile import in_language
from sikap.scoring import pekppp as maths

IMMUTABLE_MESSAGE = _("Versi kerangka PEKPPP yang sudah terbit tidak dapat diubah; buat draf baru.")
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Framework(models.Model):
    """A named evaluation framework (PEKPPP) across its versions."""

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("kerangka evaluasi")
        verbose_name_plural = _("kerangka evaluasi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class FrameworkVersionQuerySet(models.QuerySet["FrameworkVersion"]):
    def published(self) -> FrameworkVersionQuerySet:
        return self.filter(status=FrameworkVersion.Status.PUBLISHED)

    def current(self) -> FrameworkVersion | None:
        """The newest published version: what a new cycle takes unless told otherwise."""
        return self.published().order_by("-number").first()


class FrameworkVersion(models.Model):
    """One version of a framework (a regime's weights and indicators); immutable once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("nomor versi"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    regime = models.CharField(_("dasar hukum"), max_length=100, help_text=_("Misalnya: PermenPANRB 29/2022"))
    title = models.CharField(_("judul"), max_length=200)
    # IPP = f02_share x F-02 + f03_share x F-03 (0,75 and 0,25 in the 2022 regime).
    f02_share = models.DecimalField(_("bobot F-02"), max_digits=4, decimal_places=3, default=Decimal("0.75"))
    f03_share = models.DecimalField(_("bobot F-03"), max_digits=4, decimal_places=3, default=Decimal("0.25"))
    f03_minimum = models.PositiveSmallIntegerField(_("tanggapan F-03 paling sedikit"), default=10)
    # The public form F-03 runs on (the instrument F03, 0-5): its element codes are the F-03 item numbers.
    f03_instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrumen F-03"), null=True, blank=True, on_delete=models.PROTECT
    )
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi kerangka evaluasi")
        verbose_name_plural = _("versi kerangka evaluasi")
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="pekppp_version_unique_number"),
            models.CheckConstraint(
                condition=Q(f02_share__gte=0) & Q(f03_share__gte=0),
                name="pekppp_version_shares_positive",
                violation_error_message=_("Bobot F-02 dan F-03 tidak boleh negatif."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number} ({self.get_status_display()})"

    # Safety net under the actions: a published version never changes, whoever calls save().
    def save(self, *args: Any, **kwargs: Any) -> None:
        refuse_if_published(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_if_published(self.pk)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        """Refuse weights whose siblings do not sum to exactly 100 % (and shares not to 1)."""
        super().clean()
        if self.pk:
            self.scoring_framework()

    def scoring_framework(self, variant: str = "counter") -> maths.Framework:
        """The weights and F-03 structure for `sikap.scoring.pekppp`; a ValidationError names a bad sum."""
        aspects = list(self.aspects.all())
        indicators = [i for i in self.indicators.select_related("aspect") if i.applies_to(variant)]
        try:
            return maths.Framework(
                aspect_weights={a.code: a.weight for a in aspects},
                indicators=tuple(maths.Indicator(i.code, i.aspect.code, i.weight) for i in indicators),
                f03_items={str(item.number): item.aspect for item in self.f03_items.all()},
                f02_share=self.f02_share,
                f03_share=self.f03_share,
                f03_minimum=self.f03_minimum,
            )
        except maths.WeightError as error:
            raise ValidationError(
                weight_message(aspects, indicators, self.f02_share, self.f03_share)
            ) from error


def weight_message(aspects: list[Aspect], indicators: list[Indicator], f02: Decimal, f03: Decimal) -> str:
    """Every sibling set that misses 100 %, in Indonesian first."""
    from django.utils.translation import gettext

    problems = []
    total = maths.weights_sum(a.weight for a in aspects)
    if total != 100:
        problems.append(gettext("bobot aspek berjumlah %(sum)s %%") % {"sum": _number(total)})
    for aspect in aspects:
        total = maths.weights_sum(i.weight for i in indicators if i.aspect_id == aspect.pk)
        if total != 100:
            problems.append(
                gettext("bobot indikator aspek %(code)s berjumlah %(sum)s %%")
                % {"code": aspect.code, "sum": _number(total)}
            )
    if f02 + f03 != 1:
        problems.append(gettext("bobot F-02 dan F-03 berjumlah %(sum)s") % {"sum": _number(f02 + f03)})
    return gettext("Bobot harus berjumlah tepat 100 %%: %(problems)s.") % {"problems": "; ".join(problems)}


def _number(value: Any) -> str:
    return f"{Decimal(str(float(value))).normalize():f}".replace(".", ",")


def refuse_if_published(version_id: int | None) -> None:
    """Raise if the version (as stored, not as held in memory) is published."""
    if version_id is None:
        return
    if FrameworkVersion.objects.filter(pk=version_id, status=FrameworkVersion.Status.PUBLISHED).exists():
        raise ValidationError(IMMUTABLE_MESSAGE)


class VersionPart(models.Model):
    """A part of a framework version: saved or deleted only while the version is a draft."""

    class Meta:
        abstract = True

    version_id: int | None

    def save(self, *args: Any, **kwargs: Any) -> None:
        refuse_if_published(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_if_published(self.version_id)
        return super().delete(*args, **kwargs)


class Aspect(VersionPart):
    """One of the six F-02 aspects (a kebijakan pelayanan .. f inovasi) with its weight in F-02 (%)."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="aspects")
    code = models.CharField(_("kode"), max_length=2)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    weight = models.DecimalField(_("bobot (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("aspek")
        verbose_name_plural = _("aspek")
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="pekppp_aspect_unique_code"),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100),
                name="pekppp_aspect_weight_percent",
                violation_error_message=_("Bobot aspek harus 0-100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def display_name(self) -> str:
        return in_language(self.name, self.name_en)


class Indicator(VersionPart):
    """One F-02 indicator: number, code such as 1.a.Ak, weight within its aspect, rubric 0-5 and what F-01
    asks about it."""

    class Variant(models.TextChoices):
        ALL = "all", _("Semua layanan")
        COUNTER = "counter", _("Layanan luring (tatap muka)")
        ONLINE = "online", _("Layanan daring (elektronik)")

    class Prefill(models.TextChoices):
        NONE = "", _("Tidak ada")
        SKM = "skm", _("SKM dilaksanakan sesuai peraturan")
        SKM_MEDIA = "skm_media", _("Media publikasi hasil SKM")
        FOLLOWUP_SHARE = "followup_share", _("Persentase tindak lanjut SKM yang selesai")
        FOLLOWUP_SPEED = "followup_speed", _("Kecepatan tindak lanjut SKM")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="indicators")
    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("nomor"), validators=[MinValueValidator(1)])
    code = models.CharField(_("kode"), max_length=12)
    name = models.CharField(_("nama"), max_length=300)
    name_en = models.CharField(_("nama (Inggris)"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("bobot dalam aspek (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    variant = models.CharField(
        _("jenis layanan"), max_length=10, choices=Variant.choices, default=Variant.ALL
    )
    # Six texts, level 0 first: what each level means.
    rubric = models.JSONField(_("rubrik 0-5"), default=list)
    # What F-01 asks: [{"key", "kind": yes_no|number|checklist|choice|text, "label", "options": [...]}].
    questions = models.JSONField(_("pertanyaan F-01"), default=list, blank=True)
    # How a level follows from the answers, where the checklist determines it (see pekppp.suggest).
    suggest = models.JSONField(_("aturan saran nilai"), default=dict, blank=True)
    evidence_required = models.BooleanField(_("wajib unggah bukti"), default=True)
    prefill = models.CharField(
        _("diisi dari data Sikap"), max_length=20, choices=Prefill.choices, default=Prefill.NONE, blank=True
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["version", "number", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="pekppp_indicator_unique_code"),
            models.UniqueConstraint(
                fields=["version", "number", "variant"], name="pekppp_indicator_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100),
                name="pekppp_indicator_weight_percent",
                violation_error_message=_("Bobot indikator harus 0-100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.code}) {self.name}"

    def applies_to(self, variant: str) -> bool:
        """Whether a lokus of this service variant (counter or online) is evaluated on the indicator."""
        return self.variant in (self.Variant.ALL, variant)

    def display_name(self) -> str:
        return in_language(self.name, self.name_en)

    def level_text(self, level: int) -> str:
        return str(self.rubric[level]) if 0 <= level < len(self.rubric) else ""


class F03Item(VersionPart):
    """One item of the users' form F-03 by its official number (1-12, 14, 15; there is no 13)."""

    class Aspect(models.TextChoices):
        I = "I", _("I Kebijakan Pelayanan")  # noqa: E741 - the official roman numeral
        II = "II", _("II Profesionalisme SDM")
        III = "III", _("III Sarana Prasarana")
        IV = "IV", _("IV Sistem Informasi Pelayanan Publik")
        V = "V", _("V Konsultasi dan Pengaduan")

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="f03_items")
    number = models.PositiveSmallIntegerField(_("nomor"))
    aspect = models.CharField(_("aspek F-03"), max_length=3, choices=Aspect.choices)
    name = models.CharField(_("pernyataan"), max_length=300)
    name_en = models.CharField(_("pernyataan (Inggris)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("butir F-03")
        verbose_name_plural = _("butir F-03")
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="pekppp_f03_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"
