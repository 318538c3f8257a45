import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.responses import actions, codes
from sikap.responses.models import ServiceCode
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def test_it_issues_the_asked_number_of_unique_codes(world):
    period = make_period()
    issued = actions.issue_codes(world.operator, world.division, period, 300)
    assert len(issued) == 300
    assert (
        ServiceCode.objects.filter(unit=world.division, period=period, issued_by=world.operator).count()
        == 300
    )
    assert len({c.code for c in issued}) == 300


def test_codes_have_eight_unambiguous_characters(world):
    for code in actions.issue_codes(world.operator, world.division, make_period(), 200):
        assert len(code.code) == 8
        assert set(code.code) <= set(codes.ALPHABET)
    assert not set("0O1IL") & set(codes.ALPHABET)


def test_a_new_batch_never_repeats_an_earlier_code(world, monkeypatch):
    period = make_period()
    first = actions.issue_codes(world.operator, world.division, period, 1)[0].code
    draws = iter([first, "ABCDEFGH"])
    monkeypatch.setattr(codes, "new_code", lambda: next(draws))
    assert [c.code for c in actions.issue_codes(world.operator, world.division, period, 1)] == ["ABCDEFGH"]


def test_issuing_is_audited_without_the_codes(world):
    period = make_period()
    issued = actions.issue_codes(world.operator, world.division, period, 5)
    event = AuditEvent.objects.for_object(world.division).get(action="service_code.issue")
    assert event.actor == world.operator
    assert event.after["count"] == 5 and event.after["period"] == period.pk
    assert issued[0].code not in str(event.after)


@pytest.mark.parametrize("count", [0, codes.MAX_PER_BATCH + 1])
def test_a_count_out_of_bounds_is_refused(world, count):
    with pytest.raises(ValidationError):
        actions.issue_codes(world.operator, world.division, make_period(), count)
    assert not ServiceCode.objects.exists()
