"""Suggestions and complaints by theme, and how the answers were collected, for the SKM report.

Submissions carry free-text suggestions and complaints but no theme: the report groups them by keywords
(rules as data, `THEMES`), each text into the first theme whose keywords it contains, "Lainnya" when
none match. The themes follow the SKM elements people write about, with appreciation and integrity
(fees, brokers) apart. Only counts leave this module: a report never quotes a respondent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sikap.indices.results import statuses
from sikap.reports.documents.common import Scope
from sikap.responses.models import Response, Submission


@dataclass(frozen=True)
class Theme:
    key: str
    label: str | Promise
    pattern: re.Pattern[str]


def _theme(key: str, label: str | Promise, *stems: str) -> Theme:
    # A stem matches at the start of a word: "antre" finds "antrean", "ac" never finds "acara" (it is
    # written "ac\b" where only the whole word may match).
    return Theme(key, label, re.compile(r"\b(?:" + "|".join(stems) + ")", re.IGNORECASE))


# In order: a text goes to the first theme that matches (appreciation first, so "cepat, terima kasih"
# is praise and not a complaint about time).
THEMES = (
    _theme(
        "praise",
        gettext_lazy("Apresiasi"),
        "terima kasih",
        "sudah baik",
        "dipertahankan",
        "sangat membantu",
        "bermanfaat",
        "memuaskan",
    ),
    _theme(
        "integrity",
        gettext_lazy("Biaya, pungutan dan percaloan"),
        "biaya",
        "tarif",
        "bayar",
        "pungut",
        "pungli",
        "imbalan",
        "calo",
        "percaloan",
        "jasa pengurusan",
    ),
    _theme(
        "time",
        gettext_lazy("Waktu penyelesaian dan antrean"),
        "lama",
        "waktu",
        "antre",
        "antri",
        "menunggu",
        "belum selesai",
        "belum ada kabar",
        "jam layanan",
        "datang pagi",
    ),
    _theme("requirements", gettext_lazy("Persyaratan"), "syarat", "persyaratan", "formulir", "dokumen"),
    _theme(
        "procedure",
        gettext_lazy("Prosedur, informasi dan layanan daring"),
        "prosedur",
        "alur",
        "berbelit",
        "bolak-balik",
        "informasi",
        "sosialisasi",
        "daring",
        "online",
        "aplikasi",
        "website",
        "situs",
        "sistem",
        "jaringan",
        "internet",
        "notifikasi",
        "sms",
        "whatsapp",
        "status berkas",
        "konsultasi",
    ),
    _theme(
        "staff",
        gettext_lazy("Perilaku dan kompetensi petugas"),
        "petugas",
        "ramah",
        "sopan",
        "pegawai",
        "pelaksana",
    ),
    _theme(
        "complaints",
        gettext_lazy("Penanganan pengaduan"),
        "pengaduan",
        "keluhan",
        "kotak saran",
        "ditanggapi",
        "tindak lanjut",
    ),
    _theme(
        "facilities",
        gettext_lazy("Sarana dan prasarana"),
        "ruang",
        "kursi",
        "parkir",
        "toilet",
        r"ac\b",
        "panas",
        "sempit",
        "fasilitas",
        "komputer",
        "disabilitas",
        "kursi roda",
        "air minum",
        "loket",
        "papan petunjuk",
        "pojok baca",
    ),
)
OTHER = "other"


@dataclass
class ThemeRow:
    key: str
    label: str
    suggestions: int
    complaints: int

    @property
    def total(self) -> int:
        return self.suggestions + self.complaints


@dataclass
class FeedbackSummary:
    rows: list[ThemeRow]  # themes with at least one text, the largest first, "Lainnya" last
    suggestions: int
    complaints: int
    respondents: int  # submissions with a suggestion or a complaint

    @property
    def total(self) -> int:
        return self.suggestions + self.complaints


def theme_of(text: str) -> str:
    """The key of the first theme whose keywords the text contains, or "other"."""
    return next((theme.key for theme in THEMES if theme.pattern.search(text)), OTHER)


def _submissions(scope: Scope) -> Any:
    """The scope's counted submissions that answered its instrument version."""
    answered = Response.objects.filter(submission=OuterRef("pk"), version=scope.version)
    found = Submission.objects.filter(
        unit_id__in=scope.unit_ids, period=scope.period, status__in=statuses(scope.with_suspect)
    ).filter(Exists(answered))
    if scope.service is not None:
        found = found.filter(service=scope.service)
    return found


def feedback_summary(scope: Scope) -> FeedbackSummary:
    """Counts of suggestions and complaints per theme (one query, streamed)."""
    counts = {key: [0, 0] for key in [t.key for t in THEMES] + [OTHER]}
    people = 0
    # An internal survey's texts only where their unit has k respondents (`with_text_gate`).
    texts = _submissions(scope).exclude(suggestion="", complaint="").text_shown()
    texts = texts.values_list("suggestion", "complaint")
    for suggestion, complaint in texts.order_by().iterator(chunk_size=2000):
        people += 1
        for column, text in enumerate((suggestion, complaint)):
            if text.strip():
                counts[theme_of(text)][column] += 1
    labels = {t.key: str(t.label) for t in THEMES} | {OTHER: _("Lainnya")}
    order = {key: i for i, key in enumerate(counts)}
    rows = [ThemeRow(key, labels[key], s, c) for key, (s, c) in counts.items() if s + c]
    rows.sort(key=lambda r: (r.key == OTHER, -r.total, order[r.key]))
    return FeedbackSummary(rows, sum(r.suggestions for r in rows), sum(r.complaints for r in rows), people)


@dataclass
class ChannelRow:
    label: str
    n: int
    percent: float


def channel_rows(scope: Scope) -> list[ChannelRow]:
    """How the counted answers were collected (link or QR, tablet at the counter, paper, file import)."""
    rows = _submissions(scope).order_by().values("channel").annotate(n=Count("pk"))
    found = {row["channel"]: row["n"] for row in rows}
    total = sum(found.values())
    return [
        ChannelRow(str(label), found[value], 100 * found[value] / total)
        for value, label in Submission.Channel.choices
        if found.get(value)
    ]
