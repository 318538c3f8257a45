"""Why a tablet's answer or request was refused: codes kept on the receipt, words shown in both languages."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

LABELS = {
    "malformed": _("Data jawaban dari tablet tidak lengkap atau rusak."),
    "invalid": _("Isian jawaban tidak lolos pemeriksaan."),
    "closed": _("Tautan survei tablet ini sudah ditutup atau tidak aktif."),
    "before_period": _("Waktu menjawab sebelum periode survei dimulai."),
    "after_period": _("Waktu menjawab sesudah periode survei berakhir."),
    "in_future": _("Waktu menjawab di masa depan: jam tablet tidak tepat."),
    "before_registration": _("Waktu menjawab sebelum tablet didaftarkan: jam tablet tidak tepat."),
    "after_revocation": _("Jawaban diberikan sesudah tablet dicabut."),
    "rate": _("Terlalu banyak jawaban dari tablet ini dalam sepuluh menit."),
    "key_taken": _("Kunci jawaban ini sudah dipakai oleh jawaban lain."),
}

# Refusals of a whole batch that cannot be read.
BATCH = {
    "json": _('Kiriman tablet bukan JSON yang dapat dibaca: {"items": [...]}.'),
    "too_many": _("Terlalu banyak jawaban dalam satu kiriman (paling banyak 100)."),
    "too_large": _("Kiriman tablet terlalu besar."),
}

# Refusals of a whole request (the tablet's credential), with the HTTP status the endpoint answers.
STATES = {
    "missing": (401, _("Tablet ini belum terdaftar. Minta operator memasangkannya dari halaman tautan.")),
    "unpaired": (401, _("Tablet ini belum terdaftar. Minta operator memasangkannya dari halaman tautan.")),
    "revoked": (403, _("Pendaftaran tablet ini sudah dicabut oleh operator.")),
    "expired": (403, _("Pendaftaran tablet ini sudah kedaluwarsa. Minta operator memperpanjangnya.")),
}


def both(text: object) -> dict[str, str]:
    """A lazy message in Indonesian and English, for what is stored or sent to the tablet."""
    result = {}
    for language in ("id", "en"):
        with translation.override(language):
            result[language] = str(text)
    return result


def label(code: str) -> str:
    return str(LABELS.get(code, code))
