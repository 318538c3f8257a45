"""The only code that changes follow-up plans and the answers to users' feedback.

Answering a complaint or suggestion is a reply (`FeedbackReply`), not a plan item: it never makes an
item, so it never counts as a completed one in the completion rate PEKPPP scores. When the answer
promises more work, the operator makes a plan item for the feedback ("Buat rencana aksi"). An item is
"Selesai" only with evidence (a file) or a written account in its notes of what was done. Feedback items
are not shown publicly by default (the operator may opt in); the public list shows only the action, never
the respondent's text.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor, user_or_none
from sikap.followup import queries
from sikap.followup.models import FeedbackReply, FollowUpItem
from sikap.indices import read
from sikap.instruments.models import InstrumentVersion
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Submission

Status = FollowUpItem.Status

ITEM_FIELDS = [
    "unit_id",
    "period_id",
    "source",
    "element_code",
    "element_name",
    "element_name_en",
    "element_mean",
    "submission_id",
    "action",
    "owner",
    "owner_user_id",
    "deadline",
    "status",
    "evidence",
    "notes",
    "public",
    "cancel_reason",
    "completed_at",
]
EDITABLE = {"action", "owner", "owner_user", "deadline", "status", "notes", "public"}

# Cancelling has its own action (it needs a reason); a cancelled item stays cancelled.
TRANSITIONS: dict[str, set[str]] = {
    Status.PLANNED: {Status.IN_PROGRESS, Status.DONE},
    Status.IN_PROGRESS: {Status.PLANNED, Status.DONE},
    Status.DONE: {Status.IN_PROGRESS},
    Status.CANCELLED: set(),
}

# A proposed item's deadline: three months after the period's results are in.
DEFAULT_LEAD = datetime.timedelta(days=90)


def _state(item: FollowUpItem) -> dict[str, Any]:
    state = snapshot(item, ITEM_FIELDS)
    state["evidence"] = item.evidence.name or ""
    return state


def _mean(value: float | None) -> Decimal | None:
    return Decimal(f"{value:.3f}") if value is not None else None


def default_deadline(period: Period, today: datetime.date | None = None) -> datetime.date:
    return max(today or timezone.localdate(), period.end) + DEFAULT_LEAD


def _save_new(actor: Actor, item: FollowUpItem) -> FollowUpItem:
    item.created_by = user_or_none(actor)
    if item.started_at is None:
        item.started_at = timezone.now()
    item.full_clean()
    item.save()
    record(actor, "followup.create", item, after=_state(item))
    return item


@transaction.atomic
def propose_from_weak_elements(
    actor: Actor, unit: Unit, period: Period, count: int = 3
) -> list[FollowUpItem]:
    """Plan items for the `count` weakest SKM elements of the unit (lowest mean first).

    Elements that already have an item in the plan (in any status) are skipped, so proposing twice
    changes nothing. Answers the items made (none when the unit has no SKM answers in the period).
    """
    # One proposal at a time per unit: a second concurrent one waits and then finds the items.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    weakest = queries.weakest(queries.skm_elements(unit, period), count)
    planned = set(
        FollowUpItem.objects.for_unit(unit, period)
        .filter(source=FollowUpItem.Source.ELEMENT)
        .values_list("element_code", flat=True)
    )
    deadline = default_deadline(period)
    made = []
    for element in weakest:
        if element.code in planned:
            continue
        action = _("Perbaiki unsur %(name)s (rincian aksi diisi oleh unit).") % {"name": element.name}
        item = FollowUpItem(
            unit=unit,
            period=period,
            source=FollowUpItem.Source.ELEMENT,
            element_code=element.code,
            element_name=element.name_id,
            element_name_en=element.name_en,
            element_mean=_mean(element.mean),
            action=action,
            deadline=deadline,
        )
        made.append(_save_new(actor, item))
    return made


@transaction.atomic
def create_item(
    actor: Actor,
    unit: Unit,
    period: Period,
    *,
    action: str,
    deadline: datetime.date,
    element_code: str = "",
    submission: Submission | None = None,
    owner: str = "",
    owner_user: Any = None,
    notes: str = "",
    public: bool | None = None,
) -> FollowUpItem:
    """Add an item answering an SKM element (by code) or a respondent's submission (feedback).

    The element's name and its current mean are copied from the unit's SKM result. Feedback items are
    private unless `public` is given.
    """
    item = FollowUpItem(
        unit=unit,
        period=period,
        action=action,
        deadline=deadline,
        owner=owner,
        owner_user=owner_user,
        notes=notes,
    )
    if submission is not None:
        if (submission.unit_id, submission.period_id) != (unit.pk, period.pk):
            raise ValidationError(_("Kiriman ini bukan milik unit dan periode tersebut."))
        item.source, item.submission = FollowUpItem.Source.FEEDBACK, submission
        item.started_at = submission.created_at
        item.public = bool(public)
    else:
        stats = {e.code: e for e in queries.skm_elements(unit, period)}
        if element_code not in stats:
            raise ValidationError(
                {
                    "element_code": _("Unsur %(code)s tidak ada pada SKM periode ini.")
                    % {"code": element_code or "—"}
                }
            )
        element = stats[element_code]
        item.source = FollowUpItem.Source.ELEMENT
        item.element_code, item.element_name = element.code, element.name_id
        item.element_name_en = element.name_en
        item.element_mean = _mean(element.mean)
        item.public = True if public is None else public
    return _save_new(actor, item)


@transaction.atomic
def create_recommended_item(
    actor: Actor,
    unit: Unit,
    period: Period,
    *,
    action: str,
    deadline: datetime.date,
    notes: str = "",
) -> FollowUpItem:
    """Add an item carrying out an evaluator's recommendation (PEKPPP); private until the unit says."""
    item = FollowUpItem(
        unit=unit,
        period=period,
        source=FollowUpItem.Source.PEKPPP,
        action=action,
        deadline=deadline,
        notes=notes,
        public=False,
    )
    return _save_new(actor, item)


@transaction.atomic
def plan_weak_part(
    actor: Actor, rated: Unit, period: Period, version: InstrumentVersion, code: str
) -> tuple[FollowUpItem, bool]:
    """A plan item, for the unit that provides the service (`queries.provider_of`), answering a weak part
    of an internal index of `rated` (an ILK domain): its name and its current value are read from the
    rated unit's result (pooled over its subtree), never taken from the caller. Refused when the result
    is withheld under k or the part has no value. An open item for the same part of the same index in the
    provider's plan is returned instead of a second one (the flag says whether one was made). Internal
    surveys' items are not shown on the public "you said, we did" list."""
    result = read.result(read.Scope.of(rated, subtree=True, period=period, version=version))
    part = next((row for parts in result.parts[:1] for row in parts.rows if row.code == code), None)
    if result.suppressed or part is None or part.value is None:
        raise ValidationError(
            _("Bagian %(code)s tidak memiliki nilai yang dapat ditampilkan.") % {"code": code}
        )
    provider = queries.provider_of(rated)
    element_code = f"{version.instrument.code}.{code}"[:20]
    Unit.objects.select_for_update().filter(pk=provider.pk).first()
    found = FollowUpItem.objects.for_unit(provider, period).open().filter(element_code=element_code).first()
    if found is not None:
        return found, False
    names = {str(row[0]): row for row in (version.scoring or {}).get("dimensions", [])}
    entry = names.get(code, [code, part.label, ""])
    action = _(
        "Perbaiki layanan %(part)s (%(index)s %(value)s menurut pegawai %(unit)s; rincian aksi diisi unit)."
    ) % {
        "part": part.label,
        "index": version.instrument.code,
        "value": f"{part.value:.2f}",
        "unit": rated.name,
    }
    item = FollowUpItem(
        unit=provider,
        period=period,
        source=FollowUpItem.Source.ELEMENT,
        element_code=element_code,
        element_name=str(entry[1]) if len(entry) > 1 else part.label,
        element_name_en=str(entry[2]) if len(entry) > 2 else "",
        element_mean=_mean(part.value),
        action=action,
        deadline=default_deadline(period),
        public=False,
    )
    return _save_new(actor, item), True


@transaction.atomic
def update_item(actor: Actor, item: FollowUpItem, **changes: Any) -> FollowUpItem:
    """Change an item's plan or status; "Selesai" stamps the completion time, leaving it clears it."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"update_item cannot change {sorted(unknown)}")
    item = FollowUpItem.objects.select_for_update().get(pk=item.pk)
    before = _state(item)
    status = changes.pop("status", item.status)
    if status != item.status:
        if status == Status.CANCELLED:
            raise ValidationError(
                {"status": _("Gunakan pembatalan (dengan alasan) untuk membatalkan butir.")}
            )
        if status not in TRANSITIONS[item.status]:
            raise ValidationError(
                {
                    "status": _("Status tidak dapat diubah dari %(old)s menjadi %(new)s.")
                    % {"old": item.get_status_display(), "new": Status(status).label}
                }
            )
        item.status = status
        item.completed_at = timezone.now() if status == Status.DONE else None
    for field, value in changes.items():
        setattr(item, field, value)
    if item.status == Status.DONE and before["status"] != Status.DONE:
        _require_proof(item)
    item.full_clean()
    item.save()
    after = _state(item)
    if after != before:
        record(actor, "followup.update", item, before=before, after=after)
    return item


def _require_proof(item: FollowUpItem) -> None:
    """An item is done only with evidence or a written account of what was done (its notes)."""
    if item.evidence or (item.notes or "").strip():
        return
    raise ValidationError(
        {
            "status": _(
                "Butir hanya dapat dinyatakan Selesai dengan berkas bukti atau keterangan tertulis: "
                "unggah berkas bukti terlebih dahulu, atau tuliskan di Catatan apa yang telah dilakukan."
            )
        }
    )


@transaction.atomic
def attach_evidence(actor: Actor, item: FollowUpItem, file: Any) -> FollowUpItem:
    """Store an evidence file for the item (it replaces the previous one; the old file is kept on disk)."""
    item = FollowUpItem.objects.select_for_update().get(pk=item.pk)
    before = _state(item)
    item.evidence = file
    item.full_clean(exclude=["unit", "period", "submission", "owner_user", "created_by"])
    item.save()
    record(actor, "followup.evidence", item, before=before, after=_state(item))
    return item


@transaction.atomic
def cancel_item(actor: Actor, item: FollowUpItem, reason: str) -> FollowUpItem:
    """Cancel a planned or running item; the reason is required and kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tuliskan alasan pembatalan.")})
    item = FollowUpItem.objects.select_for_update().get(pk=item.pk)
    if item.status not in FollowUpItem.OPEN_STATUSES:
        raise ValidationError(
            _("Butir berstatus %(status)s tidak dapat dibatalkan.") % {"status": item.get_status_display()}
        )
    before = _state(item)
    item.status, item.cancel_reason, item.completed_at = Status.CANCELLED, reason, None
    item.full_clean()
    item.save()
    record(actor, "followup.cancel", item, before=before, after=_state(item), reason=reason)
    return item


@transaction.atomic
def answer_feedback(actor: Actor, submission: Submission, text: str) -> FeedbackReply:
    """Keep (or change) the answer to a submission's complaint or suggestion: a reply, never a plan
    item (see the module docstring)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tuliskan jawaban.")})
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not (submission.complaint.strip() or submission.suggestion.strip()):
        raise ValidationError(_("Kiriman ini tidak memuat pengaduan atau saran."))
    now = timezone.now()
    reply = FeedbackReply.objects.filter(submission=submission).first()
    before = snapshot(reply, ["text", "answered_by_id", "answered_at"]) if reply else None
    reply = reply or FeedbackReply(submission=submission)
    reply.text, reply.answered_at = text, now
    reply.answered_by = user_or_none(actor)
    reply.full_clean()
    reply.save()
    after = snapshot(reply, ["text", "answered_by_id", "answered_at"])
    record(actor, "followup.answer", reply, before=before, after=after)
    return reply
