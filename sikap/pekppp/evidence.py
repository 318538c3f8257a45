"""PEKPPP's evidence rules: PDF, JPG or PNG, at most 10 MB.

The checks, storage naming and download are shared (`sikap.lib.evidence`); who may upload or download a
lokus unit's evidence is `Access.require_self_assessment`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sikap.lib import evidence

UPLOAD_TO = evidence.upload_to("pekppp")

RULES = evidence.Rules(
    kinds=frozenset({"pdf", "jpg", "jpeg", "png"}),
    wrong_type=_("Berkas bukti PEKPPP harus berupa PDF, JPG atau PNG (berkas ini: %(name)s)."),
)


def validate_evidence(file: Any) -> None:
    """Refuse a file that is not PDF, JPG or PNG, or is larger than 10 MB."""
    evidence.validate(file, RULES)
