"""The only code that stores or changes submissions and service codes: submit, review, issue codes.

Derived data follows in the same transaction by direct calls: every stored or re-reviewed submission
updates the indices' rollups (`tallies.on_submission_changed`, `tallies.on_submissions_added`) before
the transaction commits, so a submission and its counts change together or not at all.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record, record_many
from sikap.audit.actors import Actor, user_or_none
from sikap.indices import tallies
from sikap.instruments.models import Campaign, PublicLink
from sikap.lib import rows
from sikap.organisation.models import Period, Service, Unit
from sikap.responses import codes, integrity, profile, queries
from sikap.responses.models import Answer, Response, ServiceCode, Submission
from sikap.responses.validation import FEEDBACK_COLUMNS, Cleaned


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
    # When the respondent answered, where it is not now: a kiosk tablet's answer kept offline and sent
    # later. The duration and service-hours rules read this time instead of the server's clock.
    answered_at: datetime.datetime | None = None

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


def look_up(visit: Visit, now: datetime.datetime | None = None) -> queries.Recent:
    """One query before a web visit is stored: its key stored already?, and its device's and network's
    recent submissions, counted up to the largest threshold of the period's rules that reads them."""
    config = integrity.rules(visit.campaign.period)
    caps = (
        max(config["device_limit_per_10_min"], config["device_repeat_per_hour"], 1),
        max(config["network_limit_per_10_min"], config["network_repeat_per_hour"], 1),
    )
    return queries.recent(visit.key, *visit.hashes(), caps, now or timezone.now())


def rate_limited(visit: Visit, recent: queries.Recent | None = None) -> bool:
    """True when this device or network sent more than the limit in the last ten minutes."""
    config = integrity.rules(visit.campaign.period)
    recent = recent or look_up(visit)
    device_hash, network_hash = visit.hashes()
    device_count = recent.device_10_min if device_hash and not visit.kiosk else 0
    if device_count >= config["device_limit_per_10_min"]:
        return True
    return bool(network_hash) and recent.network_10_min >= config["network_limit_per_10_min"]


def submit(
    actor: Actor, visit: Visit, cleaned: Cleaned, recent: queries.Recent | None = None
) -> tuple[Submission, bool]:
    """Store one visit's answers once: (submission, created). A repeated key returns the stored one.

    `recent`: the visit's `look_up`, made by the caller (the public form) before validating; its key was
    not stored then, and its counts are the integrity signals' (one query for both instead of three).
    """
    if cleaned.errors:
        raise ValidationError(cleaned.errors)
    existing = Submission.objects.filter(key=visit.key).first() if recent is None else None
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            submission = _store(actor, visit, cleaned, recent)
            # Derived data, same transaction: the rollups count the new submission from the answers in hand.
            tallies.on_submissions_added([(submission, _triples(cleaned))])
            return submission, True
    except IntegrityError:
        # Two posts of the same form raced; the other one won and is the stored submission.
        existing = Submission.objects.filter(key=visit.key).first()
        if existing is None:
            raise
        return existing, False


def _triples(cleaned: Cleaned) -> tallies.AnswerTriples:
    return {vid: [(e, v, imp) for e, (v, imp) in ans.items()] for vid, ans in cleaned.answers.items()}


@transaction.atomic
def submit_many(actor: Actor, items: list[tuple[Visit, Cleaned]]) -> list[Submission]:
    """Store many paper or imported submissions at once; keys already stored are skipped.

    The same rules as `submit` without the web-only integrity signals: one transaction, bulk inserts,
    one audit row per submission, and one tally update for the whole batch.
    """
    for visit, cleaned in items:
        if visit.channel in (Submission.Channel.WEB, Submission.Channel.KIOSK):
            raise ValueError(
                "submit_many is for paper and imported submissions; web visits go through submit"
            )
        if cleaned.errors:
            raise ValidationError(cleaned.errors)
    keys = [visit.key for visit, _ in items]
    done: set[uuid.UUID] = set()
    for start in range(0, len(keys), 500):
        done.update(
            Submission.objects.filter(key__in=keys[start : start + 500]).values_list("key", flat=True)
        )
    fresh: list[tuple[Visit, Cleaned]] = []
    for visit, cleaned in items:
        if visit.key not in done:  # also drops a key repeated inside the batch
            done.add(visit.key)
            fresh.append((visit, cleaned))
    submissions = Submission.objects.bulk_create(
        [_new_submission(actor, visit, cleaned, integrity.Signals(), None) for visit, cleaned in fresh],
        batch_size=500,
    )
    responses = Response.objects.bulk_create(
        [
            Response(submission=submission, version_id=version_id)
            for submission, (_, cleaned) in zip(submissions, fresh, strict=True)
            for version_id, answers in cleaned.answers.items()
            if answers
        ],
        batch_size=1000,
    )
    by_key = {(r.submission_id, r.version_id): r for r in responses}
    Answer.objects.bulk_create(
        [
            Answer(
                response=by_key[(submission.pk, version_id)],
                element_id=e,
                value=v,
                not_applicable=v is None,
                importance=imp,
            )
            for submission, (_, cleaned) in zip(submissions, fresh, strict=True)
            for version_id, answers in cleaned.answers.items()
            for e, (v, imp) in answers.items()
        ],
        batch_size=5000,
    )
    # Derived data, same transaction: one batched rollup update for the whole batch.
    tallies.on_submissions_added([(s, _triples(c)) for s, (_, c) in zip(submissions, fresh, strict=True)])
    if getattr(actor, "pk", None):
        by_channel: dict[str, list[Submission]] = {}
        for submission in submissions:
            by_channel.setdefault(submission.channel, []).append(submission)
        for channel, group in by_channel.items():
            record_many(actor, f"submission.{channel}", group, {"status": Submission.Status.ACCEPTED})
    return submissions


def submit_internal(
    campaign: Campaign, unit: Unit, cleaned: Cleaned, attributes: dict[str, str], language: str = "id"
) -> Submission:
    """Store one invited employee's answers, anonymously: call it inside the transaction that marks the
    invitation used. Only the roster's coarse `attributes` travel with the answers (whatever the form
    posted as profile is ignored); no link, network, device, duration or audit row, and no time finer
    than the day, so nothing joins the submission to the invitation or the person."""
    if cleaned.errors:
        raise ValidationError(cleaned.errors)
    today = timezone.localdate()
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    submission = Submission(
        campaign=campaign,
        period_id=campaign.period_id,
        unit=unit,
        channel=Submission.Channel.INTERNAL,
        created_at=midnight,
        answered_on=today,
        language=language[:5],
        suggestion=cleaned.feedback.get("suggestion", ""),
        complaint=cleaned.feedback.get("complaint", ""),
    )
    extra_feedback = {code: text for code, text in cleaned.feedback.items() if code not in FEEDBACK_COLUMNS}
    for code, value in {**extra_feedback, **attributes}.items():
        if value not in (None, ""):
            profile.store(submission, code, value)
    submission.save()
    _store_answers(submission, cleaned)
    tallies.on_submissions_added([(submission, _triples(cleaned))])
    return submission


@dataclass(frozen=True)
class InternalAnswer:
    """One invited employee's answers for `submit_internal_many`: where, what, and the roster's coarse
    attributes (nothing else about the person), on a day (None: today)."""

    unit: Unit
    cleaned: Cleaned
    attributes: dict[str, str]
    answered_on: datetime.date | None = None
    language: str = "id"


def submit_internal_many(campaign: Campaign, items: list[InternalAnswer]) -> list[Submission]:
    """`submit_internal` for many employees at once: call it inside the transaction that marks their
    invitations used. The same rules (roster attributes only, no link, hash, duration or audit row, the
    day at midnight and no finer time), with bulk inserts and one tally update for the whole batch.

    Rows are stored in the order given: callers pass them in the order they were answered (never in
    roster order), so neither keys nor ids follow the invitations.
    """
    for item in items:
        if item.cleaned.errors:
            raise ValidationError(item.cleaned.errors)
    today = timezone.localdate()
    fresh = []
    for item in items:
        day = item.answered_on or today
        submission = Submission(
            campaign=campaign,
            period_id=campaign.period_id,
            unit=item.unit,
            channel=Submission.Channel.INTERNAL,
            created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time())),
            answered_on=day,
            language=item.language[:5],
            suggestion=item.cleaned.feedback.get("suggestion", ""),
            complaint=item.cleaned.feedback.get("complaint", ""),
        )
        extra = {code: text for code, text in item.cleaned.feedback.items() if code not in FEEDBACK_COLUMNS}
        for code, value in {**extra, **item.attributes}.items():
            if value not in (None, ""):
                profile.store(submission, code, value)
        fresh.append(submission)
    submissions = Submission.objects.bulk_create(fresh, batch_size=500)
    pairs = list(zip(submissions, items, strict=True))
    responses = Response.objects.bulk_create(
        [
            Response(submission=submission, version_id=version_id)
            for submission, item in pairs
            for version_id, answers in item.cleaned.answers.items()
            if answers
        ],
        batch_size=1000,
    )
    by_key = {(r.submission_id, r.version_id): r for r in responses}
    Answer.objects.bulk_create(
        [
            Answer(
                response=by_key[(submission.pk, version_id)],
                element_id=e,
                value=v,
                not_applicable=v is None,
                importance=imp,
            )
            for submission, item in pairs
            for version_id, answers in item.cleaned.answers.items()
            for e, (v, imp) in answers.items()
        ],
        batch_size=5000,
    )
    tallies.on_submissions_added([(s, _triples(item.cleaned)) for s, item in pairs])
    return submissions


def _new_submission(
    actor: Actor, visit: Visit, cleaned: Cleaned, signals: integrity.Signals, duration: int | None
) -> Submission:
    device_hash, network_hash = visit.hashes()
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
        entered_by=user_or_none(actor),
        suggestion=cleaned.feedback.get("suggestion", ""),
        complaint=cleaned.feedback.get("complaint", ""),
    )
    for code, value in cleaned.profile.items():
        profile.store(submission, code, value)
    return submission


def _store(actor: Actor, visit: Visit, cleaned: Cleaned, recent: queries.Recent | None) -> Submission:
    now = timezone.now()
    web = visit.channel in (Submission.Channel.WEB, Submission.Channel.KIOSK)
    answered_at = visit.answered_at or now
    duration = int((answered_at - visit.started_at).total_seconds()) if visit.started_at and web else None
    signals = integrity.Signals()
    if web:
        recent = recent or look_up(visit, now)
        signals = integrity.measure(
            device_recent=recent.device_hour,
            network_recent=recent.network_hour,
            duration_seconds=duration,
            answers_by_version=cleaned.answer_values,
            submitted_at=answered_at,
            opens_at=visit.unit.opens_at,
            closes_at=visit.unit.closes_at,
            kiosk=visit.kiosk,
            config=integrity.rules(visit.campaign.period),
        )
    submission = _new_submission(actor, visit, cleaned, signals, duration)
    rows.save_new(submission)  # a hot path: the ORM would compile the same INSERT on every post
    if visit.service_code:
        _use_service_code(submission, visit.service_code)
    _store_answers(submission, cleaned)
    if submission.entered_by is not None:
        record(actor, f"submission.{visit.channel}", submission, after={"status": submission.status})
    return submission


def _store_answers(submission: Submission, cleaned: Cleaned) -> None:
    # Plain rows, no model instances: the respondent's path pays for every object it builds.
    versions = [version_id for version_id, answers in cleaned.answers.items() if answers]
    stored = rows.insert(
        Response, ["submission_id", "version_id"], [(submission.pk, v) for v in versions], "id, version_id"
    )
    response_of = {version_id: pk for pk, version_id in stored}
    rows.insert(
        Answer,
        ["response_id", "element_id", "value", "not_applicable", "importance"],
        [
            # The cleaned value None is "not applicable / don't know".
            (response_of[version_id], element_id, value, value is None, importance)
            for version_id, answers in cleaned.answers.items()
            for element_id, (value, importance) in answers.items()
        ],
    )


def _use_service_code(submission: Submission, code: str) -> None:
    normalised = code.strip().upper().replace(" ", "")
    # Codes are ASCII letters and digits: anything else (a NUL, which PostgreSQL refuses) is no code.
    well_formed = normalised.isascii() and normalised.isalnum()
    updated = (
        ServiceCode.objects.filter(
            code=normalised, unit=submission.unit, period=submission.period, used_by__isnull=True
        ).update(used_by=submission)
        if well_formed
        else 0
    )
    if updated != 1:
        # Most respondents have no code at all: say the field is optional, so no one gives up here.
        message = _(
            "Kode layanan tidak dikenal atau sudah dipakai. Periksa kembali kode pada tanda terima, "
            "atau kosongkan kolom ini: kode layanan boleh tidak diisi."
        )
        raise ValidationError({"service_code": message})
    submission.verified = True
    submission.save(update_fields=["verified"])


@transaction.atomic
def review(actor: Actor, submission: Submission, *, accept: bool, reason: str) -> Submission:
    """An operator's decision on a suspect (or earlier reviewed) submission, with its reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan keputusan wajib diisi.")})
    if submission.channel == Submission.Channel.INTERNAL:
        # No integrity signals to review; a review time and reviewer must not sit on an anonymous answer.
        raise ValidationError(_("Jawaban survei internal tidak ditinjau."))
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    old = submission.status
    submission.status = Submission.Status.ACCEPTED if accept else Submission.Status.REJECTED
    submission.reviewed_by, submission.reviewed_at = actor, timezone.now()
    submission.review_reason = reason.strip()
    submission.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_reason"])
    # Derived data, same transaction: the rollups move the submission from its old status to the new one.
    tallies.on_submission_changed(submission, old_status=old)
    record(
        actor,
        "submission.review",
        submission,
        before={"status": old},
        after={"status": submission.status},
        reason=submission.review_reason,
    )
    return submission


def issue_codes(actor: Actor, unit: Unit, period: Period, count: int) -> list[ServiceCode]:
    """Issue `count` new unique service codes for the unit and period, in one audited transaction."""
    if not 1 <= count <= codes.MAX_PER_BATCH:
        raise ValidationError(
            {"count": _("Jumlah kode harus antara 1 dan %(n)s.") % {"n": codes.MAX_PER_BATCH}}
        )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return _issue_codes(actor, unit, period, count)
        except IntegrityError:
            # A collision with a code issued at the same moment elsewhere: draw again.
            continue
    raise RuntimeError("could not draw unique service codes")


def _issue_codes(actor: Actor, unit: Unit, period: Period, count: int) -> list[ServiceCode]:
    drawn: set[str] = set()
    while len(drawn) < count:
        drawn.update(codes.new_code() for _ in range(count - len(drawn)))
        taken = set(ServiceCode.objects.filter(code__in=drawn).values_list("code", flat=True))
        drawn -= taken
    issued = ServiceCode.objects.bulk_create(
        [
            ServiceCode(unit=unit, period=period, code=code, issued_by=user_or_none(actor))
            for code in sorted(drawn)
        ]
    )
    # The codes themselves stay out of the trail: it is read more widely than the receipts are.
    record(
        actor,
        "service_code.issue",
        unit,
        after={"period": period.pk, "period_name": period.name, "count": len(issued)},
    )
    return issued
