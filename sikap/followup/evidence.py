"""Follow-up's evidence rules: PDF, JPG, PNG, DOCX or XLSX, at most 10 MB.

The checks, storage naming and download are shared (`sikap.lib.evidence`); who may upload or download
an item's evidence is decided by follow-up's views through the access helper.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sikap.lib import evidence

UPLOAD_TO = evidence.upload_to("followup")

RULES = evidence.Rules(
    kinds=frozenset({"pdf", "jpg", "jpeg", "png", "docx", "xlsx"}),
    wrong_type=_("Berkas bukti harus berupa PDF, JPG, PNG, DOCX atau XLSX (berkas ini: %(name)s)."),
)


def validate_evidence(file: Any) -> None:
    """Refuse a file that is not PDF, JPG, PNG, DOCX or XLSX, or is larger than 10 MB."""
    evidence.validate(file, RULES)
