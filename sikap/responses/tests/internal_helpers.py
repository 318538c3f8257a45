"""Internal submissions stored the way invitations store them (`submit_internal`: channel "internal", the
roster's attributes in `extra`), for the anonymity tests of pages, reports, exports and commands."""

from __future__ import annotations

from typing import Any

from sikap.indices.tests.helpers import clean
from sikap.indices.tests.internal_helpers import ilk_everywhere, internal_campaign, version_of
from sikap.responses.actions import submit_internal
from sikap.responses.models import Submission

__all__ = ["answer_internal", "ilk_everywhere", "internal_campaign", "version_of"]


def answer_internal(
    campaign: Any, unit: Any, value: int = 3, *, suggestion: str = "", complaint: str = "", **attributes: str
) -> Submission:
    """One employee's ILK answers (every item `value`), feedback and roster attributes."""
    data: dict[str, Any] = {f"ILK-{code}": v for code, v in ilk_everywhere(value).items()}
    if suggestion:
        data["saran"] = suggestion  # the ILK's feedback field, kept in `extra`
    if complaint:
        data["complaint"] = complaint
    cleaned = clean(campaign, data)
    assert not cleaned.errors, cleaned.errors
    return submit_internal(campaign, unit, cleaned, attributes)
