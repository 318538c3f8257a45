import datetime

import pytest

from sikap.instruments import actions
from sikap.instruments.models import PublicLink
from sikap.instruments.queries import LinkStatus, read_link, resolve_link
from sikap.instruments.tests.factories import IN_PERIOD, make_campaign, unit_link
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(world):
    make_service(world.division, "Permohonan Merek")
    make_service(world.division, "Hak Cipta")
    make_service(world.division, "Paten", active=False)
    return unit_link(make_campaign([world.division]), world.division)


def test_an_open_link_comes_with_its_versions_parts_and_services(link, django_assert_num_queries):
    with django_assert_num_queries(5):
        state = resolve_link(link.token, today=IN_PERIOD)
        codes = [v.instrument.code for v in state.versions]
        elements = [e.code for v in state.versions for e in v.elements.all()]
        fields = [f.code for v in state.versions for f in v.fields.all()]
    assert state.status == LinkStatus.OPEN == "open"
    assert state.is_open
    assert state.link == link
    assert codes == ["SKM", "SPKP", "SPAK"]
    assert len(elements) == 9 + 8 + 5
    assert "age" in fields
    assert [s.name for s in state.services] == ["Hak Cipta", "Permohonan Merek"]


def test_a_link_to_one_service_offers_no_service_choice(world, link):
    service_link = link.campaign.links.get(service__name="Hak Cipta")
    state = resolve_link(service_link.token, today=IN_PERIOD)
    assert state.is_open
    assert state.services == ()


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (datetime.date(2026, 6, 30), LinkStatus.FUTURE),
        (datetime.date(2026, 7, 1), LinkStatus.OPEN),
        (datetime.date(2026, 12, 31), LinkStatus.OPEN),
        (datetime.date(2027, 1, 1), LinkStatus.CLOSED),
    ],
)
def test_the_period_decides_between_future_open_and_closed(link, day, status):
    state = resolve_link(link.token, today=day)
    assert state.status == status
    assert state.link == link
    assert bool(state.versions) is (status == LinkStatus.OPEN)


def test_today_defaults_to_the_local_date(link, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2027, 2, 1))
    assert resolve_link(link.token).status == LinkStatus.CLOSED
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: IN_PERIOD)
    assert resolve_link(link.token).status == LinkStatus.OPEN


def test_a_closed_campaign_closes_its_links(world, link):
    actions.close_campaign(world.admin, link.campaign)
    assert resolve_link(link.token, today=IN_PERIOD).status == LinkStatus.CLOSED


def test_a_switched_off_link_is_closed(world, link):
    actions.set_link_active(world.admin, link, False)
    assert resolve_link(link.token, today=IN_PERIOD).status == LinkStatus.CLOSED


@pytest.mark.parametrize("token", ["", "tidak-ada", "x" * 500])
def test_an_unknown_token_is_unknown(link, token):
    state = resolve_link(token, today=IN_PERIOD)
    assert state.status == LinkStatus.UNKNOWN
    assert state.link is None


def _values(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.mark.parametrize("service_name", [None, "Hak Cipta"])
def test_the_hand_written_read_gives_what_the_orm_gives(link, service_name, django_assert_num_queries):
    """Every column of the link, campaign, period, unit and service, with the ORM's conversions (dates,
    JSON, booleans on SQLite), and no query on following the relations."""
    token = link.campaign.links.get(service__name=service_name).token
    orm = PublicLink.objects.for_listing().get(token=token)
    with django_assert_num_queries(1):
        read = read_link(token)
        assert read is not None
        assert _values(read) == _values(orm)
        assert _values(read.campaign) == _values(orm.campaign)
        assert _values(read.campaign.period) == _values(orm.campaign.period)
        assert _values(read.unit) == _values(orm.unit)
        if service_name is None:
            assert read.service is None
        else:
            assert _values(read.service) == _values(orm.service)
    assert isinstance(read.campaign.period.integrity_rules, dict)
    assert read_link("no-such-token") is None
