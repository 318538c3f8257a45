"""Submissions carrying a complaint or suggestion, through the real submit action."""

from __future__ import annotations

import random
from typing import Any

from sikap.indices.tests.helpers import clean, random_answers, store


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
    return store(campaign, unit, clean(campaign, data), **visit)
