"""The only code that publishes or withdraws a unit's results for a period.

Both take the acting user and check the one access helper (outsiders 404, read-only roles 403), so a
view, the admin, a command and a test all meet the same rule. `actor=None` is the system (commands).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.access import access_for
from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor, user_or_none
from sikap.organisation.models import Period, Unit
from sikap.publication import queries
from sikap.publication.models import Publication

FIELDS = [
    "unit_id",
    "period_id",
    "published_at",
    "published_by_id",
    "unpublished_at",
    "unpublished_by_id",
    "note",
]


def _check(actor: Actor, unit: Unit) -> None:
    if actor is not None:
        access_for(actor).require_write(unit)


@transaction.atomic
def publish_period(actor: Actor, unit: Unit, period: Period) -> Publication:
    """Make the unit's results for the period public (again). Publishing what is live changes nothing.

    Refused without accepted SKM answers, or with fewer respondents than the instrument's smallest
    shown cell: an element table of one or two people would show their own answers (UU 27/2022).
    """
    _check(actor, unit)
    # One change at a time per unit: a concurrent first publication waits here, then finds the row.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    publication = Publication.objects.filter(unit=unit, period=period).first()
    if publication is not None and publication.is_live:
        return publication
    result = queries.result_of(unit, period)
    if result is None or result.score is None:
        raise ValidationError(_("Belum ada jawaban SKM yang diterima untuk unit dan periode ini."))
    smallest = result.version.instrument.min_cell
    if result.respondents < smallest:
        raise ValidationError(
            _("Hasil dengan kurang dari %(n)s responden tidak diterbitkan, agar responden tidak dikenali.")
            % {"n": smallest}
        )
    before = snapshot(publication, FIELDS) if publication is not None else None
    publication = publication or Publication(unit=unit, period=period)
    publication.published_at, publication.published_by = timezone.now(), user_or_none(actor)
    publication.unpublished_at, publication.unpublished_by, publication.note = None, None, ""
    publication.full_clean()
    publication.save()
    figures = {"score": round(result.score, 2), "grade": result.grade, "respondents": result.respondents}
    record(
        actor,
        "publication.publish",
        publication,
        before=before,
        after=snapshot(publication, FIELDS) | figures,
    )
    return publication


@transaction.atomic
def unpublish_period(actor: Actor, unit: Unit, period: Period, reason: str) -> Publication:
    """Withdraw the unit's published results for the period; the reason is required and kept."""
    _check(actor, unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("Tuliskan alasan penarikan.")})
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    publication = Publication.objects.filter(unit=unit, period=period).first()
    if publication is None or not publication.is_live:
        raise ValidationError(_("Hasil periode ini tidak sedang diterbitkan."))
    before = snapshot(publication, FIELDS)
    publication.unpublished_at, publication.unpublished_by = timezone.now(), user_or_none(actor)
    publication.note = reason
    publication.full_clean()
    publication.save()
    record(
        actor,
        "publication.unpublish",
        publication,
        before=before,
        after=snapshot(publication, FIELDS),
        reason=reason,
    )
    return publication
