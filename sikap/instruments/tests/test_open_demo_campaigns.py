import pytest

from sikap.instruments import actions
from sikap.instruments.demo import open_demo_campaigns
from sikap.instruments.models import Campaign, PublicLink
from sikap.instruments.tests.factories import IN_PERIOD, standard
from sikap.organisation.models import Service
from sikap.testing.factories import make_period, make_service, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world):
    make_period("2026", kind="year")
    make_period()  # 2026 Semester II, the current semester on IN_PERIOD
    make_service(world.division, "Permohonan Merek")
    make_service(world.other_division, "Hak Cipta")
    make_service(world.other_division, "Paten", active=False)
    make_service(world.kanwil, "Layanan 2025", year=2025)
    return world


def test_it_opens_one_campaign_with_the_standard_bundle_for_units_with_services(demo):
    assert open_demo_campaigns(today=IN_PERIOD) == 4
    campaign = Campaign.objects.get()
    assert campaign.name == "Survei Kepuasan dan Persepsi 2026 Semester II"
    assert campaign.status == Campaign.Status.OPEN
    assert campaign.period.name == "2026 Semester II"
    assert [v.instrument.code for v in campaign.ordered_versions()] == ["SKM", "SPKP", "SPAK"]
    assert set(campaign.units.values_list("code", flat=True)) == {"kanwil-jabar-ki", "kanwil-bali-ki"}
    assert PublicLink.objects.open(IN_PERIOD).count() == 4


def test_a_rerun_changes_nothing(demo):
    open_demo_campaigns(today=IN_PERIOD)
    tokens = set(PublicLink.objects.values_list("token", flat=True))
    assert open_demo_campaigns(today=IN_PERIOD) == 0
    assert Campaign.objects.count() == 1
    assert set(PublicLink.objects.values_list("token", flat=True)) == tokens


def test_a_rerun_links_services_mapped_since(demo):
    open_demo_campaigns(today=IN_PERIOD)
    make_service(demo.division, "Desain Industri")
    assert open_demo_campaigns(today=IN_PERIOD) == 1


def test_a_campaign_closed_while_exploring_stays_closed(demo):
    open_demo_campaigns(today=IN_PERIOD)
    actions.close_campaign(None, Campaign.objects.get())
    assert open_demo_campaigns(today=IN_PERIOD) == 0
    assert Campaign.objects.get().status == Campaign.Status.CLOSED


def test_it_uses_the_latest_published_versions(demo):
    draft = actions.new_draft(None, standard("SKM"))
    actions.publish_version(None, draft)
    open_demo_campaigns(today=IN_PERIOD)
    assert Campaign.objects.get().ordered_versions()[0] == draft


def test_without_a_current_semester_it_does_nothing(world):
    assert open_demo_campaigns(today=IN_PERIOD) == 0
    assert not Campaign.objects.exists()


def test_a_unit_with_internal_services_only_gets_no_public_campaign(demo):
    tu = make_unit("kanwil-jabar-tu", parent=demo.kanwil, name="Bagian Tata Usaha dan Umum Jawa Barat")
    make_service(tu, "Layanan Kepegawaian", category=Service.Category.INTERNAL)
    make_service(demo.division, "Layanan Keuangan", category=Service.Category.INTERNAL)
    open_demo_campaigns(today=IN_PERIOD)
    campaign = Campaign.objects.get()
    assert "kanwil-jabar-tu" not in set(campaign.units.values_list("code", flat=True))
    assert not PublicLink.objects.filter(unit=tu).exists()
    # A unit with public services keeps its campaign even if it also has an internal one.
    assert campaign.units.filter(pk=demo.division.pk).exists()
