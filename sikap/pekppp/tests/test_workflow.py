"""The actions of a cycle: lokus with their F-03 link, evaluators on aspects, F-01 versions and evidence,
levels audited with their reason, clarification, finalising and validation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.accounts.models import Membership
from sikap.audit.models import AuditEvent
from sikap.instruments.models import PublicLink
from sikap.pekppp import actions
from sikap.pekppp.models import Cycle, Lokus, Score, SelfAssessment
from sikap.pekppp.tests.conftest import Evaluation
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_lokus_gets_a_public_f03_link_in_the_cycles_year_period(evaluation: Evaluation) -> None:
    cycle = evaluation.cycle
    cycle.refresh_from_db()
    assert cycle.campaign is not None and cycle.campaign.status == "open"
    assert (cycle.period.start.isoformat(), cycle.period.end.isoformat()) == ("2026-01-01", "2026-12-31")
    assert PublicLink.objects.filter(campaign=cycle.campaign, unit=evaluation.world.division).exists()
    actions.add_lokus(evaluation.world.admin, cycle, evaluation.world.other_division, variant="online")
    assert set(cycle.campaign.units.all()) == {evaluation.world.division, evaluation.world.other_division}
    with pytest.raises(ValidationError, match="sudah menjadi lokus"):
        actions.add_lokus(evaluation.world.admin, cycle, evaluation.world.division)


def test_a_cycle_is_unique_per_year_and_scheme_and_its_stages_run_in_order(world) -> None:  # type: ignore[no-untyped-def]
    import datetime

    actions.create_cycle(world.admin, year=2025, scheme=Cycle.Scheme.NATIONAL, f03_policy="zero")
    with pytest.raises(ValidationError):
        actions.create_cycle(world.admin, year=2025, scheme=Cycle.Scheme.NATIONAL)
    with pytest.raises(ValidationError, match="berurutan"):
        actions.create_cycle(
            world.admin,
            year=2025,
            scheme=Cycle.Scheme.MANDIRI,
            self_assessment_start=datetime.date(2025, 5, 1),
            desk_evaluation_start=datetime.date(2025, 4, 1),
        )


def test_an_evaluator_needs_the_role_and_known_aspects(evaluation: Evaluation) -> None:
    with pytest.raises(ValidationError, match="peran evaluator"):
        actions.assign_evaluator(None, evaluation.lokus, evaluation.world.operator, ["a"])
    with pytest.raises(ValidationError, match="tidak dikenal: z"):
        actions.assign_evaluator(None, evaluation.lokus, evaluation.evaluator, ["a", "z"])
    actions.assign_evaluator(None, evaluation.lokus, evaluation.evaluator, [])
    assert not evaluation.lokus.assignments.filter(evaluator=evaluation.evaluator).exists()


def test_every_submitted_self_assessment_is_kept(evaluation: Evaluation) -> None:
    operator, lokus = evaluation.world.operator, evaluation.lokus
    actions.save_self_assessment(operator, lokus, {"7.a.T": {"jumlah_media": 3}})
    first = actions.submit_self_assessment(operator, lokus)
    actions.ask_clarification(evaluation.evaluator, lokus, evaluation.indicator(7), "Media apa saja?")
    assert SelfAssessment.objects.get(lokus=lokus).status == SelfAssessment.Status.REVISING
    actions.save_self_assessment(operator, lokus, {"7.a.T": {"jumlah_media": 4, "catatan": "situs, IG"}})
    second = actions.submit_self_assessment(operator, lokus)
    assert (first.number, first.answers) == (1, {"7.a.T": {"jumlah_media": 3}})
    assert (second.number, second.answers["7.a.T"]["jumlah_media"]) == (2, 4)
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.EVALUATION


def test_answers_to_questions_f01_does_not_ask_are_refused(evaluation: Evaluation) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.save_self_assessment(None, evaluation.lokus, {"99.z": {}, "7.a.T": {"warna": "biru"}})
    assert len(refused.value.messages) == 2


def test_evidence_is_checked_by_type_and_content(evaluation: Evaluation) -> None:
    pdf = SimpleUploadedFile("sk.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
    evidence = actions.add_evidence(evaluation.world.operator, evaluation.lokus, evaluation.indicator(1), pdf)
    assert evidence.file.name.startswith("pekppp/")
    fake = SimpleUploadedFile("sk.pdf", b"<html>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="tidak sesuai"):
        actions.add_evidence(None, evaluation.lokus, evaluation.indicator(1), fake)
    exe = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="PDF, JPG atau PNG"):
        actions.add_evidence(None, evaluation.lokus, evaluation.indicator(1), exe)


def test_every_level_change_is_audited_and_a_final_level_needs_a_reason(evaluation: Evaluation) -> None:
    lokus, indicator = evaluation.lokus, evaluation.indicator(1)
    actions.set_level(evaluation.evaluator, lokus, indicator, 3, note="SK belum ada")
    actions.set_level(evaluation.evaluator, lokus, indicator, 4, note="SK ada", reason="bukti SK diunggah")
    events = AuditEvent.objects.filter(action="pekppp.score.set").order_by("pk")
    assert [(e.before, e.after["level"], e.reason) for e in events] == [
        (None, 3, ""),
        ({"level": 3, "note": "SK belum ada", "status": "draft"}, 4, "bukti SK diunggah"),
    ]
    with pytest.raises(ValidationError, match="0 sampai 5"):
        actions.set_level(evaluation.evaluator, lokus, indicator, 6)


def test_finalise_then_validate(evaluation: Evaluation) -> None:
    lokus = evaluation.lokus
    for indicator in lokus.indicators().filter(aspect__code__in=["a", "b"]):
        actions.set_level(evaluation.evaluator, lokus, indicator, 4)
    actions.finalise(evaluation.evaluator, lokus, ["a", "b"])
    with pytest.raises(ValidationError, match="belum dinilai: 15, 16"):
        actions.finalise(evaluation.evaluator2, lokus, ["c"])
    with pytest.raises(ValidationError, match="final sebelum divalidasi"):
        actions.validate(evaluation.validator, lokus)
    with pytest.raises(ValidationError, match="dengan alasan"):
        actions.set_level(evaluation.evaluator, lokus, evaluation.indicator(1), 5)
    for indicator in lokus.indicators().exclude(aspect__code__in=["a", "b"]):
        actions.set_level(evaluation.evaluator2, lokus, indicator, 3)
    actions.finalise(evaluation.evaluator2, lokus, ["c", "d", "e", "f"])
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.FINALISED
    actions.validate(evaluation.validator, lokus, reason="sesuai bukti")
    lokus.refresh_from_db()
    assert lokus.stage == Lokus.Stage.VALIDATED and lokus.validated_by == evaluation.validator
    assert Score.objects.filter(lokus=lokus, validated=True).count() == 30
    with pytest.raises(ValidationError, match="sudah divalidasi"):
        actions.set_level(evaluation.evaluator, lokus, evaluation.indicator(1), 5, reason="ralat")


def test_pembina_and_validator_are_roles(evaluation: Evaluation) -> None:
    user = make_user("dua.peran", (evaluation.world.kanwil, Membership.Role.VALIDATOR))
    assert user.memberships.get().get_role_display() == "Validator PEKPPP"
