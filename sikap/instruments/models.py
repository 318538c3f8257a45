"""Survey instruments as data: immutable published versions, their elements and fields, and campaigns."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sikap.instruments import profile

IMMUTABLE_MESSAGE = _("Versi yang sudah terbit tidak dapat diubah; buat draf baru.")


class Instrument(models.Model):
    """A named survey instrument (SKM, SPKP, SPAK, an integrity survey, ILK) across its versions."""

    class Method(models.TextChoices):
        IKM = "ikm", _("IKM (PermenPANRB 14/2017)")
        PERCEPTION = "perception", _("Indeks persepsi (rata-rata skala 1-6)")
        MEAN = "mean", _("Rata-rata sederhana")
        ILK = "ilk", _("ILK (Indeks Layanan Kesekretariatan)")
        INTEGRITY = "integrity", _("Indeks integritas internal (0-100)")

    code = models.SlugField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    name_en = models.CharField(_("nama (Inggris)"), max_length=200, blank=True)
    # The method new versions take; each version names its own (`InstrumentVersion.method`).
    method = models.CharField(_("metode indeks"), max_length=20, choices=Method.choices)
    # Where the instrument stands among others on pages and in reports (SKM first).
    order = models.PositiveSmallIntegerField(_("urutan tampil"), default=9)
    internal = models.BooleanField(_("survei internal (pegawai)"), default=False)
    # Internal surveys such as integrity suppress every breakdown below this many respondents.
    min_cell = models.PositiveSmallIntegerField(_("sel terkecil yang boleh ditampilkan"), default=5)

    class Meta:
        verbose_name = _("instrumen")
        verbose_name_plural = _("instrumen")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def display_name(self) -> str:
        """The name in the reader's language."""
        return profile.in_language(self.name, self.name_en)


# The instrument the public results, follow-up proposals and the daily digest are about: the regulated
# SKM. A named default, so no other module spells the code.
DEFAULT_INSTRUMENT = "SKM"


class InstrumentVersionQuerySet(models.QuerySet["InstrumentVersion"]):
    def published(self) -> InstrumentVersionQuerySet:
        return self.filter(status=InstrumentVersion.Status.PUBLISHED)

    def with_parts(self) -> InstrumentVersionQuerySet:
        return self.select_related("instrument").prefetch_related("elements", "fields")


class InstrumentVersion(models.Model):
    """One version of an instrument; immutable once published, so any index can be recomputed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")
        RETIRED = "retired", _("Tidak dipakai lagi")

    class Display(models.TextChoices):
        LABELS = "labels", _("Pilihan berlabel")
        STARS = "stars", _("Bintang")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("nomor versi"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    regulation = models.CharField(
        _("dasar hukum"), max_length=100, blank=True, help_text=_("Misalnya: PermenPANRB 14/2017")
    )
    title = models.CharField(_("judul pada formulir"), max_length=200)
    title_en = models.CharField(_("judul pada formulir (Inggris)"), max_length=200, blank=True)
    intro = models.TextField(_("pengantar"), blank=True)
    intro_en = models.TextField(_("pengantar (Inggris)"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("skala terendah"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("skala tertinggi"), default=4)
    display = models.CharField(_("tampilan"), max_length=10, choices=Display.choices, default=Display.LABELS)
    # Default labels per point, lowest first; an element may override them.
    scale_labels = models.JSONField(_("label skala"), default=list, blank=True)
    scale_labels_en = models.JSONField(_("label skala (Inggris)"), default=list, blank=True)
    # The index method (a key of `sikap.indices.methods.REGISTRY`); copied from the instrument when empty.
    method = models.CharField(_("metode indeks"), max_length=20, blank=True)
    # Computation settings (weights mode, conversion, threshold) kept with the version it scored.
    scoring = models.JSONField(_("pengaturan perhitungan"), default=dict, blank=True)
    published_at = models.DateTimeField(_("diterbitkan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by every change of the version's English (`actions.translate_version`), the one thing that
    # still changes once published: caches of a published version key on it (`queries.campaign_versions`).
    revision = models.PositiveIntegerField(default=0, editable=False)

    objects = InstrumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi instrumen")
        verbose_name_plural = _("versi instrumen")
        ordering = ["instrument__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="version_unique_number"),
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")) & Q(scale_max__lte=10),
                name="version_scale_sane",
                violation_error_message=_(
                    "Skala tertinggi harus lebih besar dari skala terendah (paling tinggi 10)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} v{self.number} ({self.get_status_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.method and self.instrument_id:
            self.method = self.instrument.method
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        from sikap.indices.methods import REGISTRY  # the registry computes; instruments only name

        if not self.method and self.instrument_id:
            self.method = self.instrument.method
        if self.method not in REGISTRY:
            raise ValidationError({"method": _("Metode indeks tidak dikenal: %(m)s") % {"m": self.method}})

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    def display_title(self) -> str:
        """The form's title in the reader's language."""
        return profile.in_language(self.title, self.title_en)

    def display_intro(self) -> str:
        return profile.in_language(self.intro, self.intro_en)

    def display_scale_labels(self) -> list[str]:
        """The default point labels in the reader's language; a point left untranslated keeps its own."""
        return translated_labels(self.scale_labels, self.scale_labels_en)

    @property
    def points(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


class Element(models.Model):
    """One element (unsur) of a version: a code such as U1 or K3, its name and its question."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="elements")
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama unsur"), max_length=200)
    name_en = models.CharField(_("nama unsur (Inggris)"), max_length=200, blank=True)
    question = models.TextField(_("pertanyaan"))
    question_en = models.TextField(_("pertanyaan (Inggris)"), blank=True)
    labels = models.JSONField(_("label skala khusus"), default=list, blank=True)
    labels_en = models.JSONField(_("label skala khusus (Inggris)"), default=list, blank=True)
    ask_importance = models.BooleanField(_("tanyakan tingkat kepentingan (harapan)"), default=False)
    # Opt-in per element: "not applicable / don't know" is then a choice of its own, never a score.
    allow_na = models.BooleanField(
        _("boleh dijawab “tidak berlaku / tidak tahu”"),
        default=False,
        help_text=_("Misalnya unsur biaya untuk layanan gratis; jawaban ini tidak ikut dihitung."),
    )
    weight = models.DecimalField(_("bobot"), max_digits=7, decimal_places=6, null=True, blank=True)
    # The dimension (domain) the element belongs to, by code: KEP for the ILK's KEP.K, TR for integrity.
    # Its name is in the version's `scoring["dimensions"]`; blank for instruments without dimensions.
    dimension = models.CharField(_("dimensi"), max_length=10, blank=True)
    # Reverse-keyed: a higher answer is worse (a frequency of a bad practice); scored turned round.
    reverse = models.BooleanField(_("skor terbalik"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unsur")
        verbose_name_plural = _("unsur")
        ordering = ["version", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="element_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    # Safety net under instruments.actions: a published version's parts never change, whoever calls save().
    # Translations are the exception: no score reads them, so they may be added or corrected later.
    def save(self, *args: Any, **kwargs: Any) -> None:
        if not translation_only(kwargs.get("update_fields")):
            refuse_if_published(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_if_published(self.version_id)
        return super().delete(*args, **kwargs)

    def display_name(self) -> str:
        """The element's name in the reader's language."""
        return profile.in_language(self.name, self.name_en)

    def display_question(self) -> str:
        return profile.in_language(self.question, self.question_en)

    def point_labels(self) -> list[tuple[int, str]]:
        """(point, label) for each point of the version's scale, lowest first, in the reader's language."""
        if self.labels:
            labels = translated_labels(self.labels, self.labels_en)
        else:
            labels = self.version.display_scale_labels()
        return [(p, labels[i] if i < len(labels) else str(p)) for i, p in enumerate(self.version.points)]


class Field(models.Model):
    """A respondent profile or feedback field of a version (age, sex, education, suggestion...)."""

    class Kind(models.TextChoices):
        INTEGER = "integer", _("Angka")
        CHOICE = "choice", _("Pilihan")
        TEXT = "text", _("Teks singkat")
        LONG_TEXT = "long_text", _("Teks panjang")

    class Section(models.TextChoices):
        PROFILE = "profile", _("Profil responden")
        FEEDBACK = "feedback", _("Saran dan pengaduan")

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="fields")
    code = models.SlugField(_("kode"), max_length=30)
    label = models.CharField(_("label"), max_length=200)
    label_en = models.CharField(_("label (Inggris)"), max_length=200, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    section = models.CharField(_("bagian"), max_length=10, choices=Section.choices, default=Section.PROFILE)
    # [value, Indonesian label] pairs in the order the form, tables and charts show them.
    choices = models.JSONField(_("pilihan"), default=list, blank=True)
    # value -> English label; an option left out shows its Indonesian label.
    choices_en = models.JSONField(_("label pilihan (Inggris)"), default=dict, blank=True)
    # Other ways a file or paper form writes an option (a code or a word, any case) -> the option's value:
    # {"L": "Laki-laki", "S1": "D4/S1"}. Read when checking input only; stored values stay the options'.
    synonyms = models.JSONField(_("sinonim pilihan"), default=dict, blank=True)
    required = models.BooleanField(_("wajib"), default=False)
    min_value = models.IntegerField(_("nilai terkecil"), null=True, blank=True)
    max_value = models.IntegerField(_("nilai terbesar"), null=True, blank=True)
    # Integer fields only: [upper bound (exclusive) or null for the open last band, label], lowest first.
    bands = models.JSONField(_("kelompok nilai"), default=list, blank=True)
    # Whether indices are broken down by this field (its options, or its bands for an integer field).
    breakdown = models.BooleanField(_("rincian indeks"), default=False)
    # The breakdown's title (e.g. "Kelompok usia" for the field "Usia (tahun)"); blank: the label.
    breakdown_label = models.CharField(_("judul rincian"), max_length=100, blank=True)
    breakdown_label_en = models.CharField(_("judul rincian (Inggris)"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("isian")
        verbose_name_plural = _("isian")
        ordering = ["version", "section", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="field_unique_code")]

    def __str__(self) -> str:
        return self.label

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not translation_only(kwargs.get("update_fields")):
            refuse_if_published(self.version_id)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        refuse_if_published(self.version_id)
        return super().delete(*args, **kwargs)

    @property
    def dimension(self) -> str:
        """Its breakdown's key in the tallies: the code, or "<code>_band" when it is banded (age_band)."""
        return f"{self.code}_band" if self.bands else self.code

    @property
    def is_breakdown(self) -> bool:
        """A breakdown groups by options or bands; other fields (free text, bare numbers) never do."""
        return self.breakdown and (self.kind == self.Kind.CHOICE or bool(self.bands))

    def display_label(self) -> str:
        """The label in the reader's language."""
        return profile.in_language(self.label, self.label_en)

    def title(self) -> str:
        """The breakdown's title in the reader's language (the label when no title of its own is given)."""
        if profile.english():
            return self.breakdown_label_en or self.label_en or self.breakdown_label or self.label
        return self.breakdown_label or self.label

    def options(self) -> list[tuple[str, str]]:
        """(value, label) of each option in the defined order, labels in the reader's language."""
        english = self.choices_en if profile.english() and isinstance(self.choices_en, dict) else {}
        found = []
        for choice in self.choices:
            value = str(choice[0])
            found.append((value, str(english.get(value) or (choice[1] if len(choice) > 1 else value))))
        return found

    def categories(self) -> list[tuple[str, str]]:
        """(category, label) of its breakdown in the defined order: the bands, or the options."""
        if self.bands:
            return [(str(label), str(label)) for _upper, label in self.bands]
        return self.options()

    def category(self, value: Any) -> str:
        """The tally category of a stored value: its band, or the value itself; "" when blank."""
        if self.bands:
            return profile.band_of(None if value in (None, "") else int(value), self.bands)
        return "" if value is None else str(value)


# What may change on a published version's element or field: its English, never what is asked or scored.
TRANSLATION_FIELDS = frozenset(
    {"name_en", "question_en", "labels_en", "label_en", "choices_en", "breakdown_label_en"}
    | {"title_en", "intro_en", "scale_labels_en"}
)


def translation_only(update_fields: Any) -> bool:
    return bool(update_fields) and set(update_fields) <= TRANSLATION_FIELDS


def translated_labels(labels: Any, english: Any) -> list[str]:
    """Point labels in the reader's language; a point without an English label keeps the Indonesian."""
    labels = [str(label) for label in (labels or [])]
    if not profile.english() or not isinstance(english, list):
        return labels
    return [str(english[i]) if i < len(english) and english[i] else label for i, label in enumerate(labels)]


def refuse_if_published(version_id: int | None) -> None:
    """Raise if the version (as stored, not as held in memory) is no longer a draft."""
    if version_id is None:
        return
    stored = InstrumentVersion.objects.filter(pk=version_id).exclude(status=InstrumentVersion.Status.DRAFT)
    if stored.exists():
        raise ValidationError(IMMUTABLE_MESSAGE)


# Campaigns and public links are models of this app kept in their own module (imported here, so Django
# registers them with the app).
from sikap.instruments import campaign_models  # noqa: E402

Campaign = campaign_models.Campaign
CampaignQuerySet = campaign_models.CampaignQuerySet
CampaignVersion = campaign_models.CampaignVersion
PublicLink = campaign_models.PublicLink
PublicLinkQuerySet = campaign_models.PublicLinkQuerySet
new_token = campaign_models.new_token
