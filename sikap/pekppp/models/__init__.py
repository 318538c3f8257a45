"""PEKPPP's models, split by noun: the framework as data, cycles and F-02, the self-assessment (F-01)."""

from sikap.pekppp.models.assessment import Clarification, Evidence, SelfAssessment, SelfAssessmentVersion
from sikap.pekppp.models.cycle import Assignment, Cycle, Lokus, Score
from sikap.pekppp.models.framework import (
    Aspect,
    F03Item,
    Framework,
    FrameworkVersion,
    Indicator,
    refuse_if_published,
)
from sikap.pekppp.models.recommendation import Recommendation

__all__ = [
    "Aspect",
    "Assignment",
    "Clarification",
    "Cycle",
    "Evidence",
    "F03Item",
    "Framework",
    "FrameworkVersion",
    "Indicator",
    "Lokus",
    "Recommendation",
    "Score",
    "SelfAssessment",
    "SelfAssessmentVersion",
    "refuse_if_published",
]
