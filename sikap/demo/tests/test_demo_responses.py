"""The demo's synthetic responses: three semesters, weak and uneven units, progress, and exact rollups.

The organisation is loaded once for the module (inside an outer transaction rolled back at the end), then
the responses of a handful of units, on a fixed "today" (2026-11-21, in 2026 Semester II).
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from sikap.demo.loader import load_demo
from sikap.demo.responses import load_responses, respondent_key
from sikap.indices.analysis import weakest_elements
from sikap.indices.progress import progress
from sikap.indices.tallies import rebuild
from sikap.indices.targets import working_days
from sikap.indices.tests.helpers import compute, tally_snapshot
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Answer, Submission

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)
PERIODS = ["2025 Semester II", "2026 Semester I", "2026 Semester II"]
# Two weak units (one of them behind schedule), two ordinary ones, and two sisters of an uneven Kanwil.
UNITS = [
    "kanwil-papua-ahu",
    "bhp-medan",
    "kanwil-sulbar-ki",
    "kanwil-bali-ahu",
    "kanwil-sumut-ahu",
    "kanwil-sumut-ki",
]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(responses=False, pekppp=False)
            yield load_responses(today=TODAY, unit_codes=UNITS)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def period(name):
    return Period.objects.get(name=name)


def version(code):
    return InstrumentVersion.objects.get(instrument__code=code, number=1)


def unit(code):
    return Unit.objects.get(code=code)


def result(code, instrument="SKM", period_name="2026 Semester II"):
    return compute([unit(code).pk], version(instrument), period(period_name))


def test_every_chosen_unit_has_responses_in_the_current_and_the_two_previous_semesters(demo):
    assert demo.created == Submission.objects.count() > 0
    assert set(demo.by_period) == set(PERIODS)
    pairs = set(Submission.objects.values_list("unit__code", "period__name"))
    assert pairs == {(code, name) for code in UNITS for name in PERIODS}


def test_past_semesters_have_their_own_closed_campaign_and_the_current_one_is_open():
    campaigns = {c.period.name: c for c in Campaign.objects.select_related("period")}
    assert {name: campaigns[name].status for name in PERIODS} == {
        "2025 Semester II": Campaign.Status.CLOSED,
        "2026 Semester I": Campaign.Status.CLOSED,
        "2026 Semester II": Campaign.Status.OPEN,
    }
    for name in PERIODS:
        assert [v.instrument.code for v in campaigns[name].ordered_versions()] == ["SKM", "SPKP", "SPAK"]
        assert campaigns[name].links.filter(unit__code="bhp-medan", service__isnull=True).exists()
    assert not Submission.objects.exclude(campaign__period=F("period")).exists()


def test_every_respondent_answers_the_whole_bundle_on_a_working_day_up_to_today():
    for name in PERIODS:
        days = set(working_days(period(name)))
        answered = set(Submission.objects.filter(period__name=name).values_list("answered_on", flat=True))
        assert answered <= days, name
    assert max(Submission.objects.values_list("answered_on", flat=True)) <= TODAY
    counts = Answer.objects.values_list("response__version__instrument__code", flat=True)
    assert set(counts) == {"SKM", "SPKP", "SPAK"}
    # Almost every paper form is complete: 22 answers; a few have a box left empty.
    assert 21.8 < Answer.objects.count() / Submission.objects.count() <= 22


def test_a_weak_unit_scores_c_or_d_with_waiting_time_and_complaint_handling_weakest():
    for code in ("kanwil-papua-ahu", "bhp-medan"):
        weak = result(code)
        assert weak.grade in {"C", "D"}, (code, weak.score)
        assert {e.code for e in weakest_elements(weak, 2)} == {"U3", "U8"}
    ordinary = result("kanwil-bali-ahu")
    assert ordinary.grade in {"A", "B"}
    assert 3.0 < ordinary.index < 3.6


def test_the_uneven_kanwil_has_a_strong_division_beside_a_weak_one():
    strong, weak = result("kanwil-sumut-ahu"), result("kanwil-sumut-ki")
    assert strong.grade == "A" and weak.grade == "C"
    assert strong.score - weak.score > 15


def test_perception_is_high_except_in_the_units_under_the_wbk_threshold():
    assert result("kanwil-papua-ahu", "SPKP").passed is False
    assert result("bhp-medan", "SPAK").passed is False
    for instrument in ("SPKP", "SPAK"):
        good = result("kanwil-bali-ahu", instrument)
        assert good.passed is True
        assert good.index > 5.3


def test_the_current_semester_is_partly_filled_and_one_unit_is_behind_schedule():
    current = period("2026 Semester II")
    skm = version("SKM")
    behind = progress(unit("kanwil-papua-ahu"), current, skm, TODAY)
    assert not behind.on_track
    assert behind.attained < 0.75 * behind.expected_by_today
    on_track = [progress(unit(code), current, skm, TODAY) for code in ("kanwil-sulbar-ki", "kanwil-bali-ahu")]
    assert all(p.on_track for p in on_track)
    assert all(p.attained < p.target.minimum for p in on_track), "the semester is not over yet"


def test_a_small_share_came_through_the_web_and_was_flagged_too_fast():
    web = Submission.objects.filter(channel=Submission.Channel.WEB)
    suspect = web.filter(status=Submission.Status.SUSPECT)
    assert suspect.exists()
    assert all("too_fast" in s.reasons or "straight_line" in s.reasons for s in suspect)
    assert suspect.count() < 0.05 * Submission.objects.count()
    others = Submission.objects.exclude(channel=Submission.Channel.WEB)
    assert set(others.values_list("channel", flat=True)) <= {"paper", "import"}
    assert not others.exclude(status=Submission.Status.ACCEPTED).exists()


def test_respondents_have_realistic_profiles_and_some_feedback_in_indonesian():
    ages = list(Submission.objects.values_list("age", flat=True))
    assert min(ages) >= 18 and max(ages) <= 70
    assert 30 < sum(ages) / len(ages) < 50
    assert set(Submission.objects.values_list("sex", flat=True)) <= {"Laki-laki", "Perempuan", ""}
    occupations = set(Submission.objects.values_list("occupation", flat=True))
    assert {"PNS", "Swasta", "Wirausaha"} <= occupations
    suggestions = set(Submission.objects.exclude(suggestion="").values_list("suggestion", flat=True))
    complaints = set(Submission.objects.exclude(complaint="").values_list("complaint", flat=True))
    assert len(suggestions) >= 10 and len(complaints) >= 3
    total = Submission.objects.count()
    assert 0.1 < Submission.objects.exclude(suggestion="").count() / total < 0.4


def test_rebuilt_tallies_equal_the_incremental_ones():
    incremental = tally_snapshot()
    assert incremental["AnswerTally"]
    rebuild([period(name) for name in PERIODS])
    assert tally_snapshot() == incremental


def test_running_it_again_adds_nothing():
    before = Submission.objects.count(), Answer.objects.count(), Campaign.objects.count()
    again = load_responses(today=TODAY, unit_codes=UNITS)
    assert (again.created, again.campaigns, again.existing) == (0, 0, before[0])
    assert (Submission.objects.count(), Answer.objects.count(), Campaign.objects.count()) == before


def test_respondent_keys_are_stable_and_distinct():
    assert respondent_key("bhp-medan", "2026 Semester I", 3) == respondent_key(
        "bhp-medan", "2026 Semester I", 3
    )
    assert respondent_key("bhp-medan", "2026 Semester I", 3) != respondent_key(
        "bhp-medan", "2026 Semester I", 4
    )
    stored = Submission.objects.filter(unit__code="bhp-medan", period__name="2026 Semester I")
    assert respondent_key("bhp-medan", "2026 Semester I", 0) in set(stored.values_list("key", flat=True))


def test_the_command_without_responses_adds_none(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the PEKPPP demo's evidence files
    surveys = Submission.objects.exclude(campaign__name__startswith="PEKPPP F-03")  # PEKPPP's own answers
    before = surveys.count()
    call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=StringIO())
    assert surveys.count() == before
    assert Submission.objects.filter(campaign__name__startswith="PEKPPP F-03").count() > 0


def test_the_internal_units_get_no_public_campaign():
    # Bagian Tata Usaha dan Umum serves staff: its services belong to the internal surveys, not SKM/SPKP/SPAK.
    internal = Unit.objects.filter(code__endswith="-tu", kind=Unit.Kind.DIVISION)
    assert internal.exists()
    for campaign in Campaign.objects.all():
        assert not campaign.units.filter(pk__in=internal).exists(), campaign.name
        assert not campaign.links.filter(unit__in=internal).exists()
    assert not Submission.objects.filter(unit__in=internal).exists()
