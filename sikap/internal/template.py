"""The roster import template: an XLSX file with the roster's columns and, on a second sheet, what each
accepts (written by the responses importer's template writer)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sikap.internal import vocabulary
from sikap.responses.import_template import TemplateColumn, columns_xlsx


def roster_columns() -> list[TemplateColumn]:
    def also(column: str) -> str:
        names = ", ".join(vocabulary.COLUMNS[column][1:])
        return _("Judul lain yang diterima: %(names)s.") % {"names": names}

    def words(column: str) -> str:
        extra = ", ".join(f"{w} = {v}" for w, v in vocabulary.WORDS.get(column, {}).items())
        text = _(
            "Huruf besar/kecil tidak dibedakan; label dalam bahasa Indonesia atau Inggris juga diterima."
        )
        return f"{text} {extra}. {also(column)}" if extra else f"{text} {also(column)}"

    return [
        TemplateColumn(
            "nama", _("teks, paling banyak 200 karakter"), _("Boleh kosong.") + " " + also("name")
        ),
        TemplateColumn(
            "email",
            _("alamat surel"),
            _("Untuk tautan undangan; kosong = slip kode cetak.") + " " + also("email"),
        ),
        TemplateColumn("telepon", _("8-15 angka; boleh +, spasi, tanda hubung"), also("phone")),
        TemplateColumn("jenis_jabatan", vocabulary.allowed_text("job_type"), words("job_type")),
        TemplateColumn(
            "perspektif",
            vocabulary.allowed_text("perspective"),
            _("Kosong = pengguna.") + " " + words("perspective"),
        ),
        TemplateColumn("jenis_kelamin", vocabulary.allowed_text("sex"), words("sex")),
        TemplateColumn("kelompok_usia", vocabulary.allowed_text("age_band"), words("age_band")),
        TemplateColumn("masa_kerja", vocabulary.allowed_text("service_band"), words("service_band")),
        TemplateColumn(
            "unit",
            _("kode unit"),
            _("Hanya bila satu berkas memuat beberapa unit; unit harus dalam cakupan tulis Anda.")
            + " "
            + also("unit"),
        ),
    ]


def roster_template_xlsx() -> bytes:
    return columns_xlsx(roster_columns(), _("Daftar pegawai"))
