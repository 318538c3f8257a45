import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.instruments import actions
from sikap.instruments.models import Campaign
from sikap.instruments.tests.factories import bundle, make_draft, standard
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def test_it_keeps_the_versions_in_the_given_order_as_a_draft(world):
    versions = [standard("SPAK"), standard("SKM")]
    campaign = actions.create_campaign(
        world.admin, name="Uji", period=make_period(), versions=versions, units=[world.division]
    )
    assert campaign.status == Campaign.Status.DRAFT
    assert campaign.ordered_versions() == versions
    assert list(campaign.units.all()) == [world.division]
    assert not campaign.links.exists()
    assert AuditEvent.objects.get(action="campaign.create").after["units"] == [world.division.pk]


@pytest.mark.parametrize(
    ("versions", "units", "message"),
    [
        (lambda w: [], lambda w: [w.division], "paling sedikit satu instrumen"),
        (lambda w: [make_draft()], lambda w: [w.division], "sudah terbit"),
        (lambda w: [standard("SKM"), standard("SKM")], lambda w: [w.division], "hanya boleh muncul sekali"),
        (lambda w: bundle(), lambda w: [], "paling sedikit satu unit"),
    ],
)
def test_it_refuses_an_incomplete_or_wrong_bundle(world, versions, units, message):
    with pytest.raises(ValidationError) as error:
        actions.create_campaign(
            world.admin, name="Uji", period=make_period(), versions=versions(world), units=units(world)
        )
    assert message in " ".join(error.value.messages)
    assert not Campaign.objects.exists()
