"""Rollups kept in step with submissions, so pages never scan responses; and targets per unit and period.

Every tally is an integer count or sum keyed by (unit, service, version, period, status, ...). Integers
make the incremental tallies and a rebuild from responses exactly equal, and pooled roll-ups are sums.
`service_key` is the service id, or 0 for "no service chosen" (a NULL would defeat the upsert key).
Status is "accepted" or "suspect"; rejected submissions are in no tally.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.instruments.models import Element, InstrumentVersion
from sikap.organisation.models import Period, Unit


class AnswerTally(models.Model):
    """How many respondents gave one value (and importance) to one element, or answered it "not
    applicable / don't know" (`not_applicable`, with value and importance 0: never read as a score)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    service_key = models.BigIntegerField(default=0)
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    importance = models.PositiveSmallIntegerField(default=0)  # 0 = not asked or not answered
    not_applicable = models.BooleanField(default=False)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "period",
                    "version",
                    "unit",
                    "service_key",
                    "status",
                    "element",
                    "value",
                    "importance",
                    "not_applicable",
                ],
                name="answer_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.element_id}={self.value}: {self.n}"


class ElementTally(models.Model):
    """One element's answers at a unit, all services and values together: their moments, and those of
    the answers that came with an importance (for the importance-performance quadrant).

    `n` counts scores only; `na` counts "not applicable / don't know" answers beside them.
    `AnswerTally` summed over service and value, kept beside it in the same transaction: unit, regional
    and national figures read a number of rows set by units and elements, not by the volume of answers.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    n = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)  # sum of values
    sumsq = models.BigIntegerField(default=0)  # sum of squared values
    paired_n = models.BigIntegerField(default=0)  # answers with an importance
    paired_total = models.BigIntegerField(default=0)  # sum of their values
    importance_total = models.BigIntegerField(default=0)  # sum of their importances
    na = models.BigIntegerField(default=0)  # answers "not applicable / don't know": in none of the above

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version", "unit", "status", "element"], name="element_tally_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.element_id}: {self.n}"


class RespondentTally(models.Model):
    """Respondents of one version in a period, with integer sums of their total scores for variances.

    There is no day in the key: the rows stop growing once every (unit, service, version, status) has
    answers, so period figures read the same few thousand rows at 100k responses and at 10M.

    `complete` counts those who gave every element a score (an answer "not applicable / don't know"
    leaves no total score, so such a respondent is counted in `n` but not `complete`); `total_sum` and
    `total_sumsq` sum their total score (the sum of their answers) and its square, from which the
    respondent-level mean and standard deviation of the index follow exactly.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    service_key = models.BigIntegerField(default=0)
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    n = models.BigIntegerField(default=0)
    complete = models.BigIntegerField(default=0)
    total_sum = models.BigIntegerField(default=0)
    total_sumsq = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version", "unit", "service_key", "status"],
                name="respondent_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.version_id}/{self.period_id}: {self.n}"


class GroupTally(models.Model):
    """Respondents of one version in one demographic group (sex, age band, education, occupation)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    service_key = models.BigIntegerField(default=0)
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    dimension = models.CharField(max_length=40)  # a breakdown field's `dimension` (sex, age_band...)
    category = models.CharField(max_length=40)
    n = models.BigIntegerField(default=0)
    complete = models.BigIntegerField(default=0)
    total_sum = models.BigIntegerField(default=0)
    total_sumsq = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version", "unit", "service_key", "status", "dimension", "category"],
                name="group_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.dimension}={self.category}: {self.n}"


class ElementGroupTally(models.Model):
    """One element's answers at a unit within one demographic group (perspective, job type...).

    Kept only for versions whose index method scores per group (`Method.element_groups`: the ILK needs
    its item moments per perspective, and breakdowns of internal indices are scored by their method), so
    a public SKM submission costs exactly what it did. `n` counts scores, `na` "not applicable / don't
    know" answers beside them. No service key: internal surveys are about a unit, not a service.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10)
    dimension = models.CharField(max_length=40)  # a breakdown field's `dimension` (perspektif...)
    category = models.CharField(max_length=40)
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    n = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    sumsq = models.BigIntegerField(default=0)
    na = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version", "unit", "status", "dimension", "category", "element"],
                name="element_group_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.dimension}={self.category}/{self.element_id}: {self.n}"


class Holiday(models.Model):
    """A national holiday (or collective leave day): not a working day for daily targets."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("hari libur nasional")
        verbose_name_plural = _("hari libur nasional")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class TargetOverride(models.Model):
    """An admin's own minimum sample for a unit (and service) in a period, with the reason."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="target_overrides")
    service_key = models.BigIntegerField(default=0)
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    minimum = models.PositiveIntegerField(_("jumlah minimal responden"))
    reason = models.TextField(_("alasan"))
    set_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target khusus")
        verbose_name_plural = _("target khusus")
        constraints = [
            models.UniqueConstraint(fields=["unit", "service_key", "period"], name="target_override_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}: {self.minimum}"
