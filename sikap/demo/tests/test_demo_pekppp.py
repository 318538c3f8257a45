"""The PEKPPP demo: last year's finished mandiri cycle (grades from A to D, one lokus held back for too few
F-03 answers) and the current year's cycle in progress with every unit that has public services.

Loaded once for the module inside an outer transaction that is rolled back at the end (as in
test_demo_command); evidence files go to a temporary media folder.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from sikap.audit.models import AuditEvent
from sikap.demo.data import pekppp as data
from sikap.demo.pekppp import f01_answers
from sikap.instruments.demo import public_service_units
from sikap.instruments.models import Campaign
from sikap.pekppp.models import (
    Assignment,
    Clarification,
    Cycle,
    Evidence,
    Lokus,
    Score,
    SelfAssessment,
    SelfAssessmentVersion,
)
from sikap.pekppp.results import results_of
from sikap.pekppp.suggest import suggest_level

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1
PRIORITAS = {"D", "E", "F"}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], MEDIA_ROOT=media
        ),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=StringIO())
            yield media
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def cycle(year):
    return Cycle.objects.get(year=year, scheme=Cycle.Scheme.MANDIRI)


def lokus_of(year):
    return list(cycle(year).lokus.select_related("unit", "cycle"))


def test_last_years_cycle_is_finished_with_its_lokus_validated_by_the_validator():
    finished = cycle(LAST_YEAR)
    assert finished.framework_version.is_published
    assert finished.f03_policy == Cycle.Policy.BLOCK
    lokus = lokus_of(LAST_YEAR)
    assert {x.unit.code for x in lokus} == {spec.unit_code for spec in data.FINISHED}
    assert 6 <= len(lokus) <= 10
    assert {x.unit.kind for x in lokus} == {"division", "upt", "eselon1"}
    assert {x.stage for x in lokus} == {Lokus.Stage.VALIDATED}
    assert {x.validated_by.username for x in lokus} == {"validator"}
    assert Lokus.objects.get(cycle=finished, unit__code="ahu").variant == Lokus.Variant.ONLINE
    scores = Score.objects.filter(lokus__cycle=finished)
    assert scores.count() == sum(x.indicators().count() for x in lokus)
    assert set(scores.values_list("status", "validated", "set_by__username").distinct()) == {
        (Score.Status.FINAL, True, "evaluator")
    }
    assert Campaign.objects.get(pk=finished.campaign_id).status == Campaign.Status.CLOSED


def test_every_finished_lokus_has_its_f01_evidence_and_the_evaluator_on_every_aspect(demo):
    finished = cycle(LAST_YEAR)
    for x in lokus_of(LAST_YEAR):
        assert SelfAssessment.objects.get(lokus=x).status == SelfAssessment.Status.SUBMITTED
        version = SelfAssessmentVersion.objects.filter(self_assessment__lokus=x).order_by("-number").first()
        assert set(version.answers) == {i.code for i in x.indicators()}, x.unit.code
        files = Evidence.objects.filter(self_assessment__lokus=x)
        assert sorted(f.file.name.rsplit(".", 1)[-1] for f in files) == ["pdf", "png", "png"]
        assert all((demo / f.file.name).read_bytes()[:4] in (b"%PDF", b"\x89PNG") for f in files)
        assert Assignment.objects.get(lokus=x).aspects == ["a", "b", "c", "d", "e", "f"]
    revised = SelfAssessmentVersion.objects.filter(self_assessment__lokus__cycle=finished, number=2)
    assert [v.self_assessment.lokus.unit.code for v in revised] == [data.REVISED]
    assert Clarification.objects.get(lokus__cycle=finished).answer


def test_last_years_results_cover_the_grade_range():
    results = {r.lokus.unit.code: r.result for r in results_of(lokus_of(LAST_YEAR))}
    assert {code: r.grade or "" for code, r in results.items()} == {
        spec.unit_code: spec.grade for spec in data.FINISHED
    }
    grades = {r.grade for r in results.values() if r.final}
    assert grades & {"A", "A-"}
    assert grades & {"B", "B-"}
    assert "C" in grades
    assert grades & PRIORITAS


def test_one_lokus_is_not_final_because_it_has_too_few_f03_answers():
    results = results_of(lokus_of(LAST_YEAR))
    held = [r for r in results if not r.result.final]
    assert [r.lokus.unit.code for r in held] == ["bhp-medan"]
    (medan,) = held
    assert medan.lokus.stage == Lokus.Stage.VALIDATED and not medan.result.missing_levels
    assert medan.result.f03_respondents == 6 and medan.result.f03_missing == 4
    assert "kurang 4" in medan.reason
    assert all(r.result.f03_respondents >= 10 for r in results if r.result.final)


def test_the_result_command_gives_a_final_result_for_a_finished_lokus():
    out = StringIO()
    call_command(
        "pekppp", "result", "--unit", "kanwil-jabar-ki", "--year", str(LAST_YEAR), "--json", stdout=out
    )
    found = json.loads(out.getvalue())
    assert (found["unit"], found["year"], found["final"], found["grade"]) == (
        "kanwil-jabar-ki",
        LAST_YEAR,
        True,
        "A",
    )
    assert found["ipp"] >= 4.51 and found["f03_respondents"] == 18
    assert set(found["aspects"]) == {"a", "b", "c", "d", "e", "f"}


def test_the_current_cycle_has_every_unit_with_public_services_and_nothing_final():
    current = cycle(THIS_YEAR)
    lokus = lokus_of(THIS_YEAR)
    assert {x.unit_id for x in lokus} == {u.pk for u in public_service_units(THIS_YEAR)}
    assert len(lokus) > 100
    assert not any(x.unit.code.endswith("-tu") for x in lokus)  # internal services only
    assert {x.stage for x in lokus} == {Lokus.Stage.SELF_ASSESSMENT, Lokus.Stage.EVALUATION}
    assert not Score.objects.filter(lokus__cycle=current, status=Score.Status.FINAL).exists()
    assert Score.objects.filter(lokus__cycle=current).count() > 0
    assert not any(r.result.final for r in results_of(lokus))
    statuses = dict(
        SelfAssessment.objects.filter(
            lokus__cycle=current, lokus__unit__code__in=[*data.SUBMITTED, *data.DRAFTS]
        ).values_list("lokus__unit__code", "status")
    )
    assert {code for code, s in statuses.items() if s != SelfAssessment.Status.DRAFT} == set(data.SUBMITTED)
    assert statuses[data.CLARIFIED] == SelfAssessment.Status.REVISING
    assert Assignment.objects.filter(lokus__cycle=current).count() == len(lokus)


def test_every_pekppp_row_has_its_audit_event():
    for model, action in (
        (Cycle, "pekppp.cycle.create"),
        (Lokus, "pekppp.lokus.add"),
        (Assignment, "pekppp.assignment.set"),
        (Evidence, "pekppp.evidence.add"),
        (Score, "pekppp.score.set"),
        (Clarification, "pekppp.clarification.ask"),
    ):
        assert AuditEvent.objects.filter(action=action).count() == model.objects.count(), action
    submitted = AuditEvent.objects.filter(action="pekppp.self_assessment.submit").count()
    assert submitted == SelfAssessmentVersion.objects.count()


def test_f01_answers_suggest_the_level_they_were_made_for():
    for x in lokus_of(LAST_YEAR)[:2]:
        for indicator in x.indicators():
            for level in range(6):
                suggested = suggest_level(indicator.suggest, f01_answers(indicator, level))
                assert suggested in (None, level), (indicator.code, level)


def test_running_it_again_adds_nothing_to_pekppp():
    before = (Cycle.objects.count(), Lokus.objects.count(), Score.objects.count(), Evidence.objects.count())
    out = StringIO()
    call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=out)
    after = (Cycle.objects.count(), Lokus.objects.count(), Score.objects.count(), Evidence.objects.count())
    assert after == before
    assert "nothing changed" in out.getvalue()


def test_last_years_recommendations_are_follow_up_items_of_their_units():
    from sikap.pekppp.models import Recommendation

    for x in lokus_of(LAST_YEAR):
        found = list(Recommendation.objects.filter(lokus=x).select_related("followup_item"))
        assert len(found) == 2, x.unit.code
        for recommendation in found:
            item = recommendation.followup_item
            assert item is not None and item.unit_id == x.unit_id
            assert recommendation.created_by.username == "evaluator"
