"""The only code that stores or changes submissions: submit, review, and rate-limit decisions."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.instruments.models import Campaign, PublicLink
from sikap.organisation.models import Service, Unit
from sikap.responses import integrity
from sikap.responses.models import Answer, Response, ServiceCode, Submission
from sikap.responses.validation import Cleaned


@dataclass
class Visit:
    """Where a submission comes from: the campaign, unit and service, and the facts of the request."""

    campaign: Campaign
    unit: Unit
    key: uuid.UUID
    channel: str = Submission.Channel.WEB
    link: PublicLink | None = None
    service: Service | None = None
    started_at: datetime.datetime | None = None
    device_id: str = ""
    client_address: str = ""
    language: str = "id"
    service_code: str = ""
    answered_on: datetime.date | None = None

    @property
    def kiosk(self) -> bool:
        return self.channel == Submission.Channel.KIOSK

    def hashes(self) -> tuple[str, str]:
        period_id = self.campaign.period_id
        network = integrity.network_of(self.client_address)
        return (
            integrity.keyed_hash("device", self.device_id, period_id),
            integrity.keyed_hash("network", network, period_id),
        )


def rate_limited(visit: Visit, now: datetime.datetime | None = None) -> bool:
    """True when this device or network sent more than the limit in the last ten minutes."""
    config = integrity.rules()
    since = (now or timezone.now()) - datetime.timedelta(minutes=10)
    device_hash, network_hash = visit.hashes()
    recent = Submission.objects.filter(created_at__gte=since)
    device_count = recent.filter(device_hash=device_hash).count() if device_hash and not visit.kiosk else 0
    if device_count >= config["device_limit_per_10_min"]:
        return True
    return bool(network_hash) and (
        recent.filter(network_hash=network_hash).count() >= config["network_limit_per_10_min"]
    )


def submit(actor: Any, visit: Visit, cleaned: Cleaned) -> tuple[Submission, bool]:
    """Store one visit's answers once: (submission, created). A repeated key returns the stored one."""
    if cleaned.errors:
        raise ValidationError(cleaned.errors)
    existing = Submission.objects.filter(key=visit.key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return _store(actor, visit, cleaned), True
    except IntegrityError:
        # Two posts of the same form raced; the other one won and is the stored submission.
        existing = Submission.objects.filter(key=visit.key).first()
        if existing is None:
            raise
        return existing, False


def _store(actor: Any, visit: Visit, cleaned: Cleaned) -> Submission:
    now = timezone.now()
    device_hash, network_hash = visit.hashes()
    hour_ago = now - datetime.timedelta(hours=1)
    web = visit.channel in (Submission.Channel.WEB, Submission.Channel.KIOSK)
    duration = int((now - visit.started_at).total_seconds()) if visit.started_at and web else None
    signals = integrity.Signals()
    if web:
        recent = Submission.objects.filter(created_at__gte=hour_ago)
        signals = integrity.measure(
            device_recent=recent.filter(device_hash=device_hash).count() if device_hash else 0,
            network_recent=recent.filter(network_hash=network_hash).count() if network_hash else 0,
            duration_seconds=duration,
            answers_by_version=cleaned.answer_values,
            submitted_at=now,
            opens_at=visit.unit.opens_at,
            closes_at=visit.unit.closes_at,
            kiosk=visit.kiosk,
        )
    profile = dict(cleaned.profile)
    submission = Submission(
        key=visit.key,
        campaign=visit.campaign,
        link=visit.link,
        period_id=visit.campaign.period_id,
        unit=visit.unit,
        service=visit.service,
        channel=visit.channel,
        answered_on=visit.answered_on or timezone.localdate(),
        duration_seconds=duration,
        language=visit.language[:5],
        device_hash=device_hash,
        network_hash=network_hash,
        status=Submission.Status.SUSPECT if signals.suspect else Submission.Status.ACCEPTED,
        signals=signals.values,
        reasons=signals.reasons,
        entered_by=actor if getattr(actor, "pk", None) else None,
        age=profile.pop("age", None),
        sex=profile.pop("sex", "") or "",
        education=profile.pop("education", "") or "",
        occupation=profile.pop("occupation", "") or "",
        extra=profile,
        suggestion=cleaned.feedback.get("suggestion", ""),
        complaint=cleaned.feedback.get("complaint", ""),
    )
    submission.save()
    if visit.service_code:
        _use_service_code(submission, visit.service_code)
    _store_answers(submission, cleaned)
    _after_store(submission)
    if submission.entered_by is not None:
        record(actor, f"submission.{visit.channel}", submission, after={"status": submission.status})
    return submission


def _store_answers(submission: Submission, cleaned: Cleaned) -> None:
    responses = Response.objects.bulk_create(
        [
            Response(submission=submission, version_id=version_id)
            for version_id, answers in cleaned.answers.items()
            if answers
        ]
    )
    by_version = {r.version_id: r for r in responses}
    Answer.objects.bulk_create(
        [
            Answer(response=by_version[version_id], element_id=element_id, value=value, importance=importance)
            for version_id, answers in cleaned.answers.items()
            for element_id, (value, importance) in answers.items()
        ]
    )


def _use_service_code(submission: Submission, code: str) -> None:
    normalised = code.strip().upper().replace(" ", "")
    updated = ServiceCode.objects.filter(
        code=normalised, unit=submission.unit, period=submission.period, used_by__isnull=True
    ).update(used_by=submission)
    if updated != 1:
        raise ValidationError({"service_code": _("Kode layanan tidak dikenal atau sudah dipakai.")})
    submission.verified = True
    submission.save(update_fields=["verified"])


def _after_store(submission: Submission) -> None:
    """Keep derived data in step, in the same transaction (the indices' rollups hook in here)."""
    from sikap.responses import hooks

    hooks.submission_changed(submission, old_status=None)


@transaction.atomic
def review(actor: Any, submission: Submission, *, accept: bool, reason: str) -> Submission:
    """An operator's decision on a suspect (or earlier reviewed) submission, with its reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan keputusan wajib diisi.")})
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    old = submission.status
    submission.status = Submission.Status.ACCEPTED if accept else Submission.Status.REJECTED
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.review_reason = reason.strip()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])
    from sikap.responses import hooks

    hooks.submission_changed(submission, old_status=old)
    record(
        actor,
        "submission.review",
        submission,
        before={"status": old},
        after={"status": submission.status},
        reason=submission.review_reason,
    )
    return submission
