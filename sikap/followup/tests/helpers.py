"""Submissions carrying a complaint or suggestion, through the real submit action."""

from __future__ import annotations

import random
import uuid
from typing import Any

from sikap.indices.tests.helpers import random_answers
from sikap.responses import actions
from sikap.responses.validation import clean_submission


def feedback_submission(
    campaign: Any,
    unit: Any,
    *,
    complaint: str = "",
    suggestion: str = "",
    seed: int = 1,
    **visit: Any,
) -> Any:
    data = random_answers(campaign, random.Random(seed))
    data |= {"complaint": complaint, "suggestion": suggestion}
    cleaned = clean_submission(
        campaign.ordered_versions(), data, require_answers=False, enforce_required_fields=False
    )
    fields = {"channel": "paper", "answered_on": campaign.period.start, **visit}
    submission, _ = actions.submit(
        None, actions.Visit(campaign=campaign, unit=unit, key=uuid.uuid4(), **fields), cleaned
    )
    return submission
