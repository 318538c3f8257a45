"""The level an indicator's F-01 answers suggest, where its checklist determines it (an evaluator still
sets the level). Rules are data on the indicator (`Indicator.suggest`):

- {"choice": key}: the unit picked the rubric line that fits; the suggestion is that line's level.
- {"count": key, "steps": [t1, ..]}: a number (or the ticks of a checklist) reaching each threshold adds
  a level; with {"gate": key, "base": 1} the gate must be answered yes, and the base is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple | set):
        return len(value)
    text = value.strip() if isinstance(value, str) else ""
    if text.isascii() and text.isdigit() and len(text) <= 9:  # "²".isdigit() too, but int() refuses it
        return int(text)
    return None


def suggest_level(rule: Mapping[str, Any], answers: Mapping[str, Any]) -> int | None:
    """The suggested level 0-5, or None when the rule is empty or the answers do not decide it."""
    if "choice" in rule:
        value = answers.get(rule["choice"])
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5:
            return value
        return None
    if "count" not in rule:
        return None
    if "gate" in rule:
        gate = answers.get(rule["gate"])
        if gate is None:
            return None
        if gate is not True:
            return 0
    count = _count(answers.get(rule["count"]))
    if count is None:
        return None
    level = int(rule.get("base", 0)) + sum(1 for step in rule.get("steps", []) if count >= step)
    return min(level, 5)
