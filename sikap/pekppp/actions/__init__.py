"""The only code that changes PEKPPP state, split by noun; every action is re-exported here."""

from sikap.pekppp.actions.assessment import (
    add_evidence,
    answer_clarification,
    check_answers,
    delete_evidence,
    save_self_assessment,
    submit_self_assessment,
)
from sikap.pekppp.actions.cycles import STAGE_FIELDS, add_lokus, assign_evaluator, create_cycle, year_period
from sikap.pekppp.actions.evaluation import (
    LevelRow,
    ask_clarification,
    finalise,
    set_level,
    set_levels,
    validate,
)
from sikap.pekppp.actions.f03 import import_f03
from sikap.pekppp.actions.framework import new_draft, publish_version, set_weights
from sikap.pekppp.actions.recommendations import (
    add_recommendation,
    delete_recommendation,
    recommendations_to_followup,
)

__all__ = [
    "STAGE_FIELDS",
    "LevelRow",
    "add_evidence",
    "add_lokus",
    "add_recommendation",
    "answer_clarification",
    "ask_clarification",
    "assign_evaluator",
    "check_answers",
    "create_cycle",
    "delete_evidence",
    "delete_recommendation",
    "finalise",
    "import_f03",
    "new_draft",
    "publish_version",
    "recommendations_to_followup",
    "save_self_assessment",
    "set_level",
    "set_levels",
    "set_weights",
    "submit_self_assessment",
    "validate",
    "year_period",
]
