"""Tally migrations: per-day respondent rows summed per period (0003), element tallies filled (0004)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sikap.indices.models import RespondentTally
from sikap.instruments.models import InstrumentVersion
from sikap.testing.factories import make_period, make_unit

BEFORE = [("indices", "0002_national_holidays")]
AFTER = [("indices", "0003_respondent_tally_per_period")]


def latest(executor: MigrationExecutor) -> None:
    """Leave the database fully migrated for the tests that follow."""
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # leaves the seeded rows for later tests
def test_daily_rows_become_one_row_per_period_with_the_same_sums():
    unit = make_unit("upt-migrasi")
    period = make_period()
    version = InstrumentVersion.objects.get(instrument__code="SKM", number=1)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("indices", "RespondentTally")
    key = {"unit_id": unit.pk, "service_key": 0, "version_id": version.pk, "period_id": period.pk}
    for day, (n, complete, total, sumsq) in enumerate([(3, 2, 60, 1810), (5, 5, 150, 4520), (1, 0, 0, 0)]):
        for status in ("accepted", "suspect"):
            old.objects.create(
                **key,
                status=status,
                day=datetime.date(2026, 7, 1 + day),
                n=n,
                complete=complete,
                total_sum=total,
                total_sumsq=sumsq,
            )

    executor = MigrationExecutor(connection)  # a fresh loader sees the rolled-back state
    executor.migrate(AFTER)
    latest(executor)

    rows = list(RespondentTally.objects.filter(unit=unit).order_by("status").values())
    assert [(r["status"], r["n"], r["complete"], r["total_sum"], r["total_sumsq"]) for r in rows] == [
        ("accepted", 9, 7, 210, 6330),
        ("suspect", 9, 7, 210, 6330),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_element_tallies_are_filled_from_the_answer_tallies(world):
    import random

    from sikap.indices.models import ElementTally
    from sikap.indices.tests.helpers import random_submission, tally_snapshot
    from sikap.testing.factories import make_campaign

    rng = random.Random(2)
    campaign = make_campaign([world.division], with_service_links=False)
    for _ in range(6):
        random_submission(campaign, world.division, rng, blanks=0.2)
    kept = tally_snapshot()["ElementTally"]
    assert kept
    executor = MigrationExecutor(connection)
    executor.migrate([("indices", "0003_respondent_tally_per_period")])  # drops the table
    executor = MigrationExecutor(connection)
    executor.migrate([("indices", "0004_element_tally")])
    latest(executor)
    assert tally_snapshot()["ElementTally"] == kept and ElementTally.objects.count() == len(kept)
