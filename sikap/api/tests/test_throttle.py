"""API throttling: each token has its own count; the call over the limit gets a 429 in both languages."""

import pytest
from django.core.cache import caches

from sikap.api.throttle import CACHE_ALIAS
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def low_rate(settings):
    settings.SIKAP_API_RATE = "3/min"
    yield
    caches[CACHE_ALIAS].clear()


def test_the_call_over_the_limit_gets_429_and_another_token_is_not_affected(api, world: World):
    first, second = api(world.leader), api(world.leader)  # two tokens of the same user
    for _ in range(3):
        assert first.get("periods").status_code == 200
    refused = first.get("periods")
    assert refused.status_code == 429
    body = refused.json()
    assert "Terlalu banyak panggilan" in body["detail"] and "3/min" in body["detail"]
    assert "Too many calls" in body["detail_en"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert second.get("periods").status_code == 200
    assert first.get("units").status_code == 429  # the count is per token, not per endpoint


def test_calls_without_a_valid_token_are_answered_401_and_not_counted(api, world: World):
    anonymous = api(None)
    for _ in range(5):
        assert anonymous.get("periods").status_code == 401
    assert api(world.leader).get("periods").status_code == 200


def test_the_count_is_kept_in_the_database_so_every_app_server_sees_it(api, world: World):
    from django.db import connection

    first = api(world.leader)
    first.get("periods")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM sikap_cache")
        assert cursor.fetchone()[0] == 1
