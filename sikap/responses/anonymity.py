"""Row-level anonymity of internal submissions: which of them may appear one by one (exports, a
submission's page) and which roster attributes they may carry there.

The rules (INTERNAL.md: no figure, breakdown or export cell rests on fewer than k respondents):

- A *group* is a campaign's internal submissions in one unit; k is the campaign's (never below 5).
  A group under k never appears row by row: no rows in exports, no answers, attributes or free text on a
  submission's page (the free-text rule itself is `SubmissionQuerySet.with_text_gate`).
- Inside a group, the roster attributes (`ATTRIBUTES`, in this order) are shown so that every row is
  indistinguishable from at least k - 1 others by the attributes shown (k-anonymity of the shown
  combination): each attribute splits the classes formed by the ones before it; a value held by fewer
  than k rows of its class is blanked, and while the blanked rows of a class (with those blank anyway)
  number between 1 and k - 1, the next rarest value is blanked too. So a blank is itself a class of at
  least k, and no cell can be recovered by subtraction. See `mask`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count

from sikap.internal.models import MIN_K, InternalSettings

# The roster's coarse attributes an internal submission carries in `Submission.extra` (INTERNAL.md).
ATTRIBUTES = ("perspektif", "jenis_jabatan", "jenis_kelamin", "kelompok_usia", "masa_kerja")


def mask(rows: Sequence[dict[str, Any]], k: int) -> list[dict[str, str]]:
    """The attributes each row of one group may show (blank "" where hidden), in the rows' order.

    With at least k rows, every combination of shown attributes is held by at least k rows."""
    shown: list[dict[str, str]] = [{} for _ in rows]
    classes: list[list[int]] = [list(range(len(rows)))]
    for attribute in ATTRIBUTES:
        split: list[list[int]] = []
        for members in classes:
            values = {i: str(rows[i].get(attribute) or "") for i in members}
            counts = Counter(values.values())
            hidden = {v for v, n in counts.items() if v == "" or n < k}
            while 0 < sum(counts[v] for v in hidden) < k:
                rest = sorted((n, v) for v, n in counts.items() if v not in hidden)
                if not rest:
                    break
                hidden.add(rest[0][1])
            by_value: dict[str, list[int]] = {}
            for i in members:
                value = "" if values[i] in hidden else values[i]
                shown[i][attribute] = value
                by_value.setdefault(value, []).append(i)
            split.extend(by_value.values())
        classes = split
    return shown


def settings_of(campaign_ids: Iterable[int]) -> dict[int, tuple[int, bool]]:
    """Per internal campaign: its k (never below 5) and whether its exports may carry free text. One
    query; a campaign without settings has k = 5 and no free text."""
    rows = InternalSettings.objects.filter(campaign_id__in=list(campaign_ids)).values_list(
        "campaign_id", "k", "free_text_in_exports"
    )
    return {campaign: (max(MIN_K, k), free) for campaign, k, free in rows}


def k_of(settings: dict[int, tuple[int, bool]], campaign_id: int) -> int:
    return settings.get(campaign_id, (MIN_K, False))[0]


def group_sizes(submissions: Any) -> dict[tuple[int, int], int]:
    """(campaign, unit) -> how many of `submissions` (a queryset) are in that group (one query)."""
    rows = submissions.values("campaign_id", "unit_id").annotate(n=Count("pk")).order_by()
    return {(r["campaign_id"], r["unit_id"]): r["n"] for r in rows}
