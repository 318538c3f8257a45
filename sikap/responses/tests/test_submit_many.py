import random
import uuid

import pytest

from sikap.audit.models import AuditEvent
from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import random_answers, tally_snapshot
from sikap.responses import actions
from sikap.responses.models import Answer, Submission
from sikap.responses.validation import clean_submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db


def _items(campaign, unit, rng, count, keys=None):
    versions = campaign.ordered_versions()
    items = []
    for i in range(count):
        cleaned = clean_submission(
            versions,
            random_answers(campaign, rng, blanks=0.1),
            require_answers=False,
            enforce_required_fields=False,
        )
        visit = actions.Visit(
            campaign=campaign,
            unit=unit,
            key=keys[i] if keys else uuid.uuid4(),
            channel="import",
            answered_on=campaign.period.start,
        )
        items.append((visit, cleaned))
    return items


def test_it_stores_a_batch_once_with_tallies_equal_to_a_rebuild(world):
    rng = random.Random(8)
    campaign = make_campaign([world.division], with_service_links=False)
    items = _items(campaign, world.division, rng, 30)
    stored = actions.submit_many(world.operator, items)
    assert len(stored) == Submission.objects.count() == 30
    assert Answer.objects.count() == sum(len(a) for _, c in items for a in c.answers.values())
    assert AuditEvent.objects.filter(action="submission.import").count() == 30
    incremental = tally_snapshot()
    rebuild()
    assert tally_snapshot() == incremental


def test_keys_already_stored_or_repeated_in_the_batch_are_skipped(world):
    rng = random.Random(8)
    campaign = make_campaign([world.division], with_service_links=False)
    keys = [uuid.uuid4() for _ in range(3)]
    actions.submit_many(None, _items(campaign, world.division, rng, 3, keys))
    again = actions.submit_many(None, _items(campaign, world.division, rng, 4, [*keys, keys[0]]))
    assert again == []
    assert Submission.objects.count() == 3


def test_web_visits_must_go_through_submit(world):
    campaign = make_campaign([world.division], with_service_links=False)
    items = _items(campaign, world.division, random.Random(1), 1)
    items[0][0].channel = "web"
    with pytest.raises(ValueError):
        actions.submit_many(None, items)


def test_a_batch_larger_than_one_statement_allows_is_tallied_in_chunks(world, monkeypatch):
    from sikap.lib import rows

    # Tiny statements force many chunks (SQLite's VALUES lists) without a huge fixture.
    monkeypatch.setattr(rows, "MAX_PARAMETERS", 50)
    rng = random.Random(2)
    campaign = make_campaign([world.division], with_service_links=False)
    actions.submit_many(None, _items(campaign, world.division, rng, 40))
    incremental = tally_snapshot()
    monkeypatch.setattr(rows, "MAX_PARAMETERS", 30_000)
    rebuild()
    assert tally_snapshot() == incremental
