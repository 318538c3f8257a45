"""Submissions carrying a complaint or suggestion, through the real submit action; follow-up items
of an element, through the real create action."""

from __future__ import annotations

import datetime
import random
from typing import Any

from sikap.followup import actions
from sikap.indices.tests.helpers import clean, random_answers, store

DEADLINE = datetime.date(2027, 2, 1)


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


def element_item(
    world: Any,
    period: Any,
    element_code: str,
    action: str,
    *,
    deadline: datetime.date = DEADLINE,
    user: Any = None,
    unit: Any = None,
    **fields: Any,
) -> Any:
    """An item on one element, created by the division's operator unless `user` and `unit` say otherwise."""
    return actions.create_item(
        user or world.operator,
        unit or world.division,
        period,
        element_code=element_code,
        action=action,
        deadline=deadline,
        **fields,
    )
