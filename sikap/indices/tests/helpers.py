"""Random submissions through the real submit action, for tally and index tests."""

from __future__ import annotations

import random
import uuid
from typing import Any

from sikap.indices.models import AnswerTally, ElementTally, GroupTally, RespondentTally
from sikap.instruments.models import Campaign
from sikap.organisation.models import Unit
from sikap.responses import actions
from sikap.responses.validation import answer_name, clean_submission

EDUCATION = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]


def random_answers(campaign: Campaign, rng: random.Random, *, blanks: float = 0.0) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for version in campaign.ordered_versions():
        for element in version.elements.all():
            if rng.random() >= blanks:
                data[answer_name(version, element)] = rng.randint(version.scale_min, version.scale_max)
    data["age"] = rng.choice([None, rng.randint(17, 75)])
    data["sex"] = rng.choice(["", "Laki-laki", "Perempuan"])
    data["education"] = rng.choice(["", *EDUCATION])
    return {k: v for k, v in data.items() if v not in (None, "")}


def random_submission(
    campaign: Campaign,
    unit: Unit,
    rng: random.Random,
    *,
    blanks: float = 0.0,
    service: Any = None,
    channel: str = "paper",
    started_at: Any = None,
) -> Any:
    versions = campaign.ordered_versions()
    cleaned = clean_submission(
        versions,
        random_answers(campaign, rng, blanks=blanks),
        require_answers=False,
        enforce_required_fields=False,
    )
    cleaned.errors.pop("__all__", None)
    if not any(cleaned.answers.values()):
        return None
    visit = actions.Visit(
        campaign=campaign,
        unit=unit,
        key=uuid.uuid4(),
        channel=channel,
        service=service,
        answered_on=campaign.period.start,
        started_at=started_at,
    )
    submission, _ = actions.submit(None, visit, cleaned)
    return submission


def tally_snapshot() -> dict[str, set[tuple]]:
    """Every non-empty tally row, as comparable tuples."""
    snap = {}
    for model in (AnswerTally, ElementTally, RespondentTally, GroupTally):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        snap[model.__name__] = {tuple(row) for row in model.objects.filter(n__gt=0).values_list(*fields)}
    return snap
