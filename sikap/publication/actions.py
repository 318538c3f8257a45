"""The only code that moves a unit's results for a period through the publication workflow.

proposed -> published (approved) or returned (with a reason) -> proposed again; published -> withdrawn
(with a reason) -> proposed again. An operator or admin with write access proposes and withdraws; a
leader of the unit or of a unit above it, or a central admin, approves or returns, never their own
proposal; a central admin may also publish directly (`publish_period`). Each step checks the one access
helper (outsiders 404, other roles 403), locks the unit, and writes its audit row with before and after.
`actor=None` is the system (commands, data loads).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.access import access_for
from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor, user_or_none
from sikap.indices.results import IndexResult
from sikap.organisation.models import Period, Unit
from sikap.publication import queries
from sikap.publication.models import Publication

Status = Publication.Status
FIELDS = [
    "unit_id",
    "period_id",
    "status",
    "proposed_at",
    "proposed_by_id",
    "proposal_note",
    "returned_at",
    "returned_by_id",
    "return_reason",
    "published_at",
    "published_by_id",
    "unpublished_at",
    "unpublished_by_id",
    "note",
]


def _check(actor: Actor, unit: Unit) -> None:
    if actor is not None:
        access_for(actor).require_write(unit)


def _lock(unit: Unit, period: Period) -> Publication | None:
    # One change at a time per unit: a concurrent step waits here, then reads the row as it is now.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    return Publication.objects.filter(unit=unit, period=period).first()


def _publishable(unit: Unit, period: Period) -> IndexResult:
    """The result to be made public; refused without accepted SKM answers, or with fewer respondents
    than the instrument's smallest shown cell: an element table of one or two people would show their
    own answers (UU 27/2022)."""
    result = queries.result_of(unit, period)
    if result is None or result.score is None:
        raise ValidationError(_("Belum ada jawaban SKM yang diterima untuk unit dan periode ini."))
    smallest = result.version.instrument.min_cell
    if result.respondents < smallest:
        raise ValidationError(
            _("Hasil dengan kurang dari %(n)s responden tidak diterbitkan, agar responden tidak dikenali.")
            % {"n": smallest}
        )
    return result


def _figures(unit: Unit, period: Period, result: IndexResult) -> dict[str, Any]:
    """What the step was decided on: the figures and the warnings in force at that moment."""
    row = queries.with_warnings([queries.Row(unit, period, result)])[0]
    return {
        "score": round(result.score or 0, 2),
        "grade": result.grade,
        "respondents": result.respondents,
        "warnings": [w.text for w in row.warnings],
        "warning_codes": [w.code for w in row.warnings],
    }


def _clear(publication: Publication) -> None:
    """A new round: the previous round's steps stay in the audit trail, not on the row."""
    publication.proposed_at = publication.returned_at = None
    publication.published_at = publication.unpublished_at = None
    publication.proposed_by = publication.returned_by = None
    publication.published_by = publication.unpublished_by = None
    publication.proposal_note = publication.return_reason = publication.note = ""


def _save(publication: Publication) -> None:
    publication.full_clean()
    publication.save()


@transaction.atomic
def propose_publication(actor: Actor, unit: Unit, period: Period, note: str = "") -> Publication:
    """Ask for the unit's results of the period to be published; a leader above decides.

    Allowed for a period never proposed, returned or withdrawn; refused while waiting or published, and
    for results that could not be published (no answers, too few respondents)."""
    _check(actor, unit)
    publication = _lock(unit, period)
    if publication is not None and publication.status == Status.PROPOSED:
        raise ValidationError(_("Periode ini sudah diajukan dan sedang menunggu persetujuan."))
    if publication is not None and publication.status == Status.PUBLISHED:
        raise ValidationError(_("Hasil periode ini sudah terbit."))
    result = _publishable(unit, period)
    before = snapshot(publication, FIELDS) if publication is not None else None
    publication = publication or Publication(unit=unit, period=period)
    _clear(publication)
    publication.status = Status.PROPOSED
    publication.proposed_at, publication.proposed_by = timezone.now(), user_or_none(actor)
    publication.proposal_note = (note or "").strip()
    _save(publication)
    after = snapshot(publication, FIELDS) | _figures(unit, period, result)
    record(
        actor,
        "publication.propose",
        publication,
        before=before,
        after=after,
        reason=publication.proposal_note,
    )
    return publication


def _decidable(actor: Actor, publication: Publication) -> Publication:
    """The proposal, locked and read afresh, if the actor may decide on it now."""
    if actor is not None:
        access_for(actor).require_approve(publication.unit)
    current = _lock(publication.unit, publication.period)
    if current is None or current.status != Status.PROPOSED:
        raise ValidationError(_("Hanya usulan yang sedang menunggu persetujuan yang dapat diputuskan."))
    if actor is not None and current.proposed_by_id == actor.pk:
        raise ValidationError(_("Usulan Anda sendiri harus diputuskan oleh pimpinan lain."))
    return current


@transaction.atomic
def approve_publication(
    actor: Actor, publication: Publication, *, seen_warnings: Iterable[str] | None = None
) -> Publication:
    """Approve a proposal: the results become public. Warnings (sample below target, period still open)
    do not stop it, but a page passes the warnings it showed as `seen_warnings`: a warning that appeared
    since is refused, so nobody approves a warning they were not shown. The audit row keeps the figures
    and the warnings in force."""
    publication = _decidable(actor, publication)
    unit, period = publication.unit, publication.period
    result = _publishable(unit, period)
    figures = _figures(unit, period, result)
    shown = set(seen_warnings) if seen_warnings is not None else set(figures["warning_codes"])
    if set(figures["warning_codes"]) - shown:
        raise ValidationError(
            _("Ada peringatan baru sejak halaman dibuka. Bacalah, lalu setujui lagi bila tetap sesuai.")
        )
    before = snapshot(publication, FIELDS)
    publication.status = Status.PUBLISHED
    publication.published_at, publication.published_by = timezone.now(), user_or_none(actor)
    _save(publication)
    record(
        actor,
        "publication.approve",
        publication,
        before=before,
        after=snapshot(publication, FIELDS) | figures,
    )
    return publication


@transaction.atomic
def return_publication(actor: Actor, publication: Publication, reason: str) -> Publication:
    """Send a proposal back to the operator with a reason (required); they may propose it again."""
    reason = (reason or "").strip()
    publication = _decidable(actor, publication)
    if not reason:
        raise ValidationError({"return_reason": _("Tuliskan alasan pengembalian.")})
    before = snapshot(publication, FIELDS)
    publication.status = Status.RETURNED
    publication.returned_at, publication.returned_by = timezone.now(), user_or_none(actor)
    publication.return_reason = reason
    _save(publication)
    record(
        actor,
        "publication.return",
        publication,
        before=before,
        after=snapshot(publication, FIELDS),
        reason=reason,
    )
    return publication


@transaction.atomic
def publish_period(actor: Actor, unit: Unit, period: Period) -> Publication:
    """A central admin (or the system) publishes directly, without a proposal. Publishing what is live
    changes nothing. Operators and regional admins propose instead (`propose_publication`)."""
    if actor is not None:
        access_for(actor).require_publish(unit)
    publication = _lock(unit, period)
    if publication is not None and publication.is_live:
        return publication
    result = _publishable(unit, period)
    before = snapshot(publication, FIELDS) if publication is not None else None
    publication = publication or Publication(unit=unit, period=period)
    _clear(publication)
    publication.status = Status.PUBLISHED
    publication.published_at, publication.published_by = timezone.now(), user_or_none(actor)
    _save(publication)
    after = snapshot(publication, FIELDS) | _figures(unit, period, result)
    record(actor, "publication.publish", publication, before=before, after=after)
    return publication


@transaction.atomic
def unpublish_period(actor: Actor, unit: Unit, period: Period, reason: str) -> Publication:
    """Withdraw the unit's published results for the period; the reason is required and kept."""
    _check(actor, unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("Tuliskan alasan penarikan.")})
    publication = _lock(unit, period)
    if publication is None or not publication.is_live:
        raise ValidationError(_("Hasil periode ini tidak sedang diterbitkan."))
    before = snapshot(publication, FIELDS)
    publication.status = Status.WITHDRAWN
    publication.unpublished_at, publication.unpublished_by = timezone.now(), user_or_none(actor)
    publication.note = reason
    _save(publication)
    record(
        actor,
        "publication.unpublish",
        publication,
        before=before,
        after=snapshot(publication, FIELDS),
        reason=reason,
    )
    return publication
