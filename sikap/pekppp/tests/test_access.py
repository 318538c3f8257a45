"""Who reaches a lokus: evaluators only their assigned units and aspects, the unit its own F-01 and its
validated result (never drafts), pembina and validators everything in their subtree."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.access import Access
from sikap.pekppp import actions
from sikap.pekppp.results import visible_result
from sikap.pekppp.tests.conftest import Evaluation

pytestmark = pytest.mark.django_db


def test_an_evaluator_reaches_only_its_assigned_aspects(evaluation: Evaluation) -> None:
    access = Access(evaluation.evaluator)
    reach = access.require_lokus(evaluation.lokus)
    assert reach.aspects == {"a", "b"} and reach.sees_drafts
    assert reach.sees_aspect("a") and not reach.sees_aspect("c")
    access.require_score(evaluation.lokus, "a")
    with pytest.raises(Http404):
        access.require_score(evaluation.lokus, "c")


def test_an_evaluator_without_an_assignment_does_not_see_the_lokus(evaluation: Evaluation) -> None:
    other = actions.add_lokus(evaluation.world.admin, evaluation.cycle, evaluation.world.other_division)
    access = Access(evaluation.evaluator)
    with pytest.raises(Http404):
        access.require_lokus(other)
    assert list(access.visible_lokus(evaluation.cycle)) == [evaluation.lokus]


def test_an_outsider_gets_404_everywhere(evaluation: Evaluation) -> None:
    access = Access(evaluation.world.outsider)
    for check in (
        lambda: access.require_lokus(evaluation.lokus),
        lambda: access.require_self_assessment(evaluation.lokus),
        lambda: access.require_score(evaluation.lokus, "a"),
        lambda: access.require_validate(evaluation.lokus),
    ):
        with pytest.raises(Http404):
            check()
    assert not access.visible_lokus(evaluation.cycle).exists()


def test_the_unit_fills_its_self_assessment_but_never_scores_or_sees_drafts(evaluation: Evaluation) -> None:
    access = Access(evaluation.world.operator)
    reach = access.require_self_assessment(evaluation.lokus, write=True)
    assert reach.unit and not reach.sees_drafts
    with pytest.raises(PermissionDenied):
        access.require_score(evaluation.lokus, "a")
    actions.set_level(evaluation.evaluator, evaluation.lokus, evaluation.indicator(1), 4)
    assert visible_result(reach, evaluation.lokus) is None
    assert visible_result(Access(evaluation.evaluator).require_lokus(evaluation.lokus), evaluation.lokus)


def test_a_leader_reads_the_self_assessment_but_may_not_change_it(evaluation: Evaluation) -> None:
    access = Access(evaluation.world.leader)
    access.require_self_assessment(evaluation.lokus)
    with pytest.raises(PermissionDenied):
        access.require_self_assessment(evaluation.lokus, write=True)


def test_an_evaluator_reads_the_self_assessment_but_may_not_change_it(evaluation: Evaluation) -> None:
    access = Access(evaluation.evaluator)
    access.require_self_assessment(evaluation.lokus)
    with pytest.raises(PermissionDenied):
        access.require_self_assessment(evaluation.lokus, write=True)


def test_the_pembina_sees_everything_and_coordinates_but_does_not_score(evaluation: Evaluation) -> None:
    access = Access(evaluation.pembina)
    reach = access.require_lokus(evaluation.lokus)
    assert reach.coordinate and reach.sees_drafts and reach.sees_aspect("f")
    access.require_coordinate(evaluation.world.division)
    assert access.may_coordinate_pekppp()
    with pytest.raises(PermissionDenied):
        access.require_score(evaluation.lokus, "a")
    with pytest.raises(PermissionDenied):
        access.require_validate(evaluation.lokus)


def test_only_a_validator_validates(evaluation: Evaluation) -> None:
    Access(evaluation.validator).require_validate(evaluation.lokus)
    with pytest.raises(PermissionDenied):
        Access(evaluation.evaluator).require_validate(evaluation.lokus)
    with pytest.raises(PermissionDenied):
        Access(evaluation.world.operator).require_coordinate(evaluation.world.division)
    with pytest.raises(Http404):
        Access(evaluation.world.outsider).require_coordinate(evaluation.world.division)


def test_the_unit_sees_its_result_once_validated(evaluation: Evaluation) -> None:
    lokus = evaluation.lokus
    for indicator in lokus.indicators():
        evaluator = evaluation.evaluator if indicator.aspect.code in "ab" else evaluation.evaluator2
        actions.set_level(evaluator, lokus, indicator, 3)
    actions.finalise(evaluation.evaluator, lokus)
    actions.validate(evaluation.validator, lokus)
    lokus.refresh_from_db()
    reach = Access(evaluation.world.operator).require_lokus(lokus)
    found = visible_result(reach, lokus)
    assert found is not None and found.validated and found.result.f02 == 3
