import pytest
from django.core.exceptions import ValidationError

from sikap.instruments import actions
from sikap.instruments.models import Campaign, PublicLink
from sikap.instruments.tests.factories import make_campaign
from sikap.testing.factories import make_service

pytestmark = pytest.mark.django_db


def link_keys(campaign):
    return set(PublicLink.objects.filter(campaign=campaign).values_list("unit__code", "service__name"))


def test_it_makes_one_link_per_unit_and_per_active_service_of_the_period_year(world):
    make_service(world.division, "Permohonan Merek")
    make_service(world.division, "Hak Cipta")
    make_service(world.division, "Paten", active=False)
    make_service(world.division, "Merek 2025", year=2025)
    make_service(world.other_division, "Di luar kampanye")
    campaign = make_campaign([world.division, world.kanwil])
    assert campaign.status == Campaign.Status.OPEN
    assert link_keys(campaign) == {
        ("kanwil-jabar-ki", None),
        ("kanwil-jabar-ki", "Permohonan Merek"),
        ("kanwil-jabar-ki", "Hak Cipta"),
        ("kanwil-jabar", None),
    }


def test_opening_again_adds_only_the_missing_links_and_keeps_tokens(world):
    make_service(world.division, "Permohonan Merek")
    campaign = make_campaign([world.division])
    tokens = set(PublicLink.objects.values_list("token", flat=True))
    actions.open_campaign(world.admin, campaign)
    assert set(PublicLink.objects.values_list("token", flat=True)) == tokens
    make_service(world.division, "Hak Cipta")
    created = actions.ensure_links(world.admin, campaign)
    assert [link.service.name for link in created] == ["Hak Cipta"]
    assert PublicLink.objects.count() == 3
    assert actions.ensure_links(world.admin, campaign) == []


def test_tokens_are_long_and_distinct(world):
    make_service(world.division, "Permohonan Merek")
    make_campaign([world.division, world.kanwil])
    tokens = list(PublicLink.objects.values_list("token", flat=True))
    assert len(set(tokens)) == len(tokens) == 3
    assert all(len(token) >= 22 for token in tokens)


def test_closing_keeps_the_links_and_reopening_makes_no_new_ones(world):
    campaign = make_campaign([world.division])
    actions.close_campaign(world.admin, campaign)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED
    actions.open_campaign(world.admin, campaign)
    assert PublicLink.objects.filter(campaign=campaign).count() == 1


def test_a_campaign_without_instruments_cannot_open(world):
    campaign = make_campaign([world.division], open_it=False)
    campaign.campaign_versions.all().delete()
    with pytest.raises(ValidationError):
        actions.open_campaign(world.admin, campaign)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_adding_a_unit_to_an_open_campaign_links_it(world):
    campaign = make_campaign([world.division])
    actions.set_campaign_parts(
        world.admin, campaign, versions=campaign.ordered_versions(), units=[world.division, world.kanwil]
    )
    assert link_keys(campaign) == {("kanwil-jabar-ki", None), ("kanwil-jabar", None)}
