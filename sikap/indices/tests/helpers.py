"""Random submissions through the real submit action, for tally and index tests."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from sikap.indices import read
from sikap.indices.models import AnswerTally, ElementGroupTally, ElementTally, GroupTally, RespondentTally
from sikap.indices.results import IndexResult
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.organisation.models import Period, Unit
from sikap.responses import actions
from sikap.responses.validation import answer_name, clean_submission

EDUCATION = ["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]


def random_answers(
    campaign: Campaign, rng: random.Random, *, blanks: float = 0.0, na: float = 0.0
) -> dict[str, Any]:
    """Random answers; where an element allows it, "TT" (not applicable) with probability `na`."""
    data: dict[str, Any] = {}
    for version in campaign.ordered_versions():
        for element in version.elements.all():
            if rng.random() >= blanks:
                data[answer_name(version, element)] = rng.randint(version.scale_min, version.scale_max)
                if element.allow_na and na and rng.random() < na:
                    data[answer_name(version, element)] = "TT"
    data["age"] = rng.choice([None, rng.randint(17, 75)])
    data["sex"] = rng.choice(["", "Laki-laki", "Perempuan"])
    data["education"] = rng.choice(["", *EDUCATION])
    return {k: v for k, v in data.items() if v not in (None, "")}


def clean(campaign: Campaign, data: dict[str, Any]) -> Any:
    """The submission's answers and profile as the form cleans them, without requiring any answer."""
    cleaned = clean_submission(
        campaign.ordered_versions(), data, require_answers=False, enforce_required_fields=False
    )
    cleaned.errors.pop("__all__", None)
    return cleaned


def store(campaign: Campaign, unit: Unit, cleaned: Any, **visit: Any) -> Any:
    """Store cleaned answers through the real submit action (paper, on the period's first day by default)."""
    fields = {"channel": "paper", "answered_on": campaign.period.start, **visit}
    return actions.submit(
        None, actions.Visit(campaign=campaign, unit=unit, key=uuid.uuid4(), **fields), cleaned
    )[0]


def submit_answers(campaign: Campaign, unit: Unit, data: dict[str, Any], **visit: Any) -> Any:
    """One submission with exactly these answers and profile fields; they must be valid."""
    cleaned = clean(campaign, data)
    assert not cleaned.errors, cleaned.errors
    return store(campaign, unit, cleaned, **visit)


def random_submission(
    campaign: Campaign,
    unit: Unit,
    rng: random.Random,
    *,
    blanks: float = 0.0,
    na: float = 0.0,
    service: Any = None,
    channel: str = "paper",
    started_at: Any = None,
) -> Any:
    cleaned = clean(campaign, random_answers(campaign, rng, blanks=blanks, na=na))
    if not any(cleaned.answers.values()):
        return None
    return store(campaign, unit, cleaned, channel=channel, service=service, started_at=started_at)


def tally_snapshot() -> dict[str, set[tuple]]:
    """Every non-empty tally row, as comparable tuples."""
    snap = {}
    for model in (AnswerTally, ElementTally, RespondentTally, GroupTally, ElementGroupTally):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        # An element answered only "not applicable" has an element tally with n 0 and na > 0.
        present = Q(n__gt=0) | Q(na__gt=0) if model in (ElementTally, ElementGroupTally) else Q(n__gt=0)
        snap[model.__name__] = {tuple(row) for row in model.objects.filter(present).values_list(*fields)}
    return snap


def answered_campaign(
    answers: Sequence[tuple[Unit, int]],
    *,
    seed: int,
    blanks: float = 0.0,
    period: Period | None = None,
    codes: tuple[str, ...] = ("SKM", "SPKP", "SPAK"),
) -> Campaign:
    """A campaign (without service links) of these units, each answered at random by its number of
    respondents (0 for a unit in the campaign without answers), in order, from one stream seeded `seed`."""
    from sikap.testing.factories import make_campaign

    rng = random.Random(seed)
    campaign = make_campaign([unit for unit, _ in answers], period, codes, with_service_links=False)
    for unit, count in answers:
        for _ in range(count):
            random_submission(campaign, unit, rng, blanks=blanks)
    return campaign


def surveyed_campaign(world: Any, *, seed: int, ours: int, theirs: int) -> Campaign:
    """An SKM campaign of the world's two divisions, answered at random by `ours` and `theirs` respondents."""
    return answered_campaign(
        [(world.division, ours), (world.other_division, theirs)], seed=seed, codes=("SKM",)
    )


# --- the read model under the names the tests have always used ------------------------------------------


def compute(
    unit_ids: Any,
    version: InstrumentVersion,
    period: Period,
    *,
    with_suspect: bool = False,
    service_key: int | None = None,
) -> IndexResult:
    """The pooled result of the units (or one service), through the one read model."""
    return read.result(
        read.Scope(unit_ids, period, version, service_key=service_key, with_suspect=with_suspect)
    )


def compute_grouped(
    members: dict[int, Any], version: InstrumentVersion, period: Period, *, with_suspect: bool = False
) -> dict[Any, IndexResult]:
    return read.results(read.Scope(list(members), period, version, with_suspect=with_suspect), members)


def compute_periods(unit_ids: Any, instrument_code: str, *, with_suspect: bool = False) -> list[IndexResult]:
    return read.trend(read.Scope(unit_ids, instrument=instrument_code, with_suspect=with_suspect))


def scope(
    unit_ids: Any, version: InstrumentVersion, period: Period, with_suspect: bool = False
) -> read.Scope:
    return read.Scope(unit_ids, period, version, with_suspect=with_suspect)
