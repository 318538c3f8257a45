import datetime

import pytest

from sikap.instruments import actions
from sikap.instruments.models import PublicLink
from sikap.instruments.tests.factories import IN_PERIOD, make_campaign, unit_link
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def test_open_keeps_active_links_of_open_campaigns_within_their_period(world):
    current = make_campaign([world.division])
    later = make_campaign(
        [world.kanwil],
        name="Tahun depan",
        period=make_period("2027 Semester I", datetime.date(2027, 1, 1), datetime.date(2027, 6, 30)),
    )
    closed = make_campaign([world.other_division], name="Ditutup", period=current.period)
    actions.close_campaign(None, closed)
    switched_off = make_campaign([world.other_kanwil], name="Dimatikan", period=current.period)
    actions.set_link_active(None, unit_link(switched_off, world.other_kanwil), False)

    assert list(PublicLink.objects.open(IN_PERIOD)) == [unit_link(current, world.division)]
    assert list(PublicLink.objects.open(datetime.date(2027, 3, 1))) == [unit_link(later, world.kanwil)]
