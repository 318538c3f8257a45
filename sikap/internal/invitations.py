"""The only code that invites employees, reminds them, prints their code slips and takes their answers.

Invitations follow the roster: every roster entry of a campaign's units in its period gets one, sent by
e-mail where the entry has an address and printed on an A4 slip otherwise. Reminders go, at the
campaign's interval, to the invitations not yet used; the people who send them (an admin, the PIC, the
scheduled command) see only counts. Answering marks the invitation used and stores the answers in one
transaction, and the answers carry the roster's coarse attributes only (`responses.actions.submit_internal`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.audit.actors import Actor
from sikap.instruments.models import Campaign
from sikap.internal import tokens
from sikap.internal.models import MIN_K, InternalSettings, Invitation, RosterContact, RosterEntry
from sikap.lib.links import absolute_url
from sikap.organisation.models import Unit
from sikap.responses import actions as responses
from sikap.responses.models import Submission
from sikap.responses.validation import Cleaned

LOCKED_FIELDS = ("k", "integrity_profile", "free_text_in_exports")
# E-mails per SMTP connection; a ministry's campaign may invite tens of thousands.
MAIL_BATCH = 200


def settings_of(campaign: Campaign) -> InternalSettings:
    """The campaign's internal settings, the defaults when none were saved."""
    found = InternalSettings.objects.filter(campaign=campaign).first()
    return found or InternalSettings(campaign=campaign)


def has_responses(campaign: Campaign) -> bool:
    return Submission.objects.filter(campaign=campaign).exists()


@transaction.atomic
def save_settings(actor: Actor, campaign: Campaign, **values: object) -> InternalSettings:
    """Change an internal campaign's settings; the anonymity ones lock at its first response."""
    if campaign.audience != Campaign.Audience.INTERNAL:
        raise ValidationError(_("Pengaturan ini hanya untuk kampanye internal."))
    current = settings_of(campaign)
    before = {
        name: getattr(current, name) for name in (*LOCKED_FIELDS, "reminder_days", "target", "target_percent")
    }
    changed_locked = [name for name in LOCKED_FIELDS if name in values and values[name] != before[name]]
    if changed_locked and has_responses(campaign):
        raise ValidationError(
            _("Pengaturan anonimitas terkunci sejak jawaban pertama masuk; kampanye ini sudah punya jawaban.")
        )
    for name, value in values.items():
        setattr(current, name, value)
    if current.k < MIN_K:
        raise ValidationError({"k": _("Ambang anonimitas paling kecil %(k)s.") % {"k": MIN_K}})
    current.full_clean(exclude=["campaign"])
    current.save()
    after = {name: getattr(current, name) for name in before}
    record(actor, "internal.settings", campaign, before=before, after=after)
    return current


@dataclass
class Sent:
    """What an invitation round did, in counts only."""

    invited: int = 0  # new invitations
    emailed: int = 0
    slips: int = 0  # entries without e-mail: their codes are printed
    failed: int = 0  # e-mails the mail server refused
    units: set[int] = field(default_factory=set)


def _entries(campaign: Campaign, units: Iterable[Unit] | None = None) -> Sequence[RosterEntry]:
    unit_ids = (
        [u.pk for u in units] if units is not None else list(campaign.units.values_list("pk", flat=True))
    )
    return list(
        RosterEntry.objects.filter(period_id=campaign.period_id, unit_id__in=unit_ids)
        .select_related("contact", "unit")
        .order_by("unit__path", "pk")
    )


def _email_of(entry: RosterEntry) -> str:
    try:
        return entry.contact.email
    except RosterContact.DoesNotExist:
        return ""


def invite(actor: Actor, campaign: Campaign, units: Iterable[Unit] | None = None, *, base: str = "") -> Sent:
    """Invite every roster entry of the campaign's units (or of `units`) not invited yet.

    Entries with an e-mail get a link; the others get a code on a printed slip (`print_slips`). The
    invitations are stored before any e-mail leaves, so a mail failure never loses or doubles one.
    """
    _require_open_internal(campaign)
    entries = _entries(campaign, units)
    invited = set(Invitation.objects.filter(campaign=campaign).values_list("entry_id", flat=True))
    fresh: list[tuple[RosterEntry, str]] = []
    result = Sent()
    with transaction.atomic():
        rows = []
        for entry in entries:
            if entry.pk in invited:
                continue
            token = tokens.new_token()
            email = _email_of(entry)
            channel = Invitation.Channel.EMAIL if email else Invitation.Channel.SLIP
            rows.append(
                Invitation(
                    campaign=campaign, entry=entry, token_hash=tokens.hash_token(token), channel=channel
                )
            )
            if email:
                fresh.append((entry, token))
            result.units.add(entry.unit_id)
        Invitation.objects.bulk_create(rows, batch_size=1000)
        result.invited = len(rows)
        result.slips = sum(1 for r in rows if r.channel == Invitation.Channel.SLIP)
        record(actor, "internal.invite", campaign, after={"invited": result.invited, "slips": result.slips})
    result.emailed, result.failed = _mail(campaign, fresh, reminder=False, base=base)
    return result


def remind(
    actor: Actor,
    campaign: Campaign,
    units: Iterable[Unit] | None = None,
    *,
    today: datetime.date | None = None,
    base: str = "",
) -> Sent:
    """E-mail every unused e-mail invitation of the campaign (or of `units`) a new link.

    A new token replaces the old one, so the person needs only the latest e-mail. Bulk by design: the
    sender never picks or sees a person. Printed slips are not reminded (there is no address).
    """
    _require_open_internal(campaign)
    day = today or timezone.localdate()
    pending = Invitation.objects.filter(campaign=campaign, used=False, channel=Invitation.Channel.EMAIL)
    if units is not None:
        pending = pending.filter(entry__unit__in=list(units))
    fresh: list[tuple[RosterEntry, str]] = []
    with transaction.atomic():
        locked = pending.select_related("entry__contact", "entry__unit").select_for_update(of=("self",))
        for invitation in locked:
            token = tokens.new_token()
            invitation.token_hash = tokens.hash_token(token)
            invitation.save(update_fields=["token_hash"])
            fresh.append((invitation.entry, token))
        record(actor, "internal.remind", campaign, after={"reminded": len(fresh), "day": day})
    emailed, failed = _mail(campaign, fresh, reminder=True, day=day, base=base)
    return Sent(emailed=emailed, failed=failed, units={e.unit_id for e, _t in fresh})


def due_reminders(today: datetime.date | None = None) -> list[tuple[Campaign, Sent]]:
    """Remind, for each open internal campaign whose interval has passed since its last e-mails."""
    day = today or timezone.localdate()
    done = []
    for campaign in Campaign.objects.filter(audience=Campaign.Audience.INTERNAL, status=Campaign.Status.OPEN):
        interval = settings_of(campaign).reminder_days
        if not interval or not campaign.period.start <= day <= campaign.period.end:
            continue
        last = (
            Invitation.objects.filter(campaign=campaign, channel=Invitation.Channel.EMAIL)
            .exclude(last_sent_on=None)
            .order_by("-last_sent_on")
            .values_list("last_sent_on", flat=True)
            .first()
        )
        if last is not None and (day - last).days >= interval:
            done.append((campaign, remind(None, campaign, today=day)))
    return done


def print_slips(actor: Actor, campaign: Campaign, unit: Unit) -> list[str]:
    """Fresh codes for the unit's unused slip invitations, to print: printing again replaces the
    earlier codes of those not yet used (a lost sheet is then worthless)."""
    _require_open_internal(campaign)
    drawn = []
    with transaction.atomic():
        pending = Invitation.objects.filter(
            campaign=campaign, entry__unit=unit, used=False, channel=Invitation.Channel.SLIP
        ).select_for_update()
        for invitation in pending.order_by("pk"):
            token = tokens.new_token()
            invitation.token_hash = tokens.hash_token(token)
            invitation.save(update_fields=["token_hash"])
            drawn.append(tokens.shown(token))
        record(actor, "internal.slips", campaign, after={"unit": unit.code, "printed": len(drawn)})
    return drawn


def _require_open_internal(campaign: Campaign) -> None:
    if campaign.audience != Campaign.Audience.INTERNAL:
        raise ValidationError(_("Undangan hanya untuk kampanye internal."))
    if campaign.status != Campaign.Status.OPEN:
        raise ValidationError(_("Kampanye belum dibuka atau sudah ditutup."))


def entry_url(token: str | None = None, base: str = "") -> str:
    """The address an invitation opens: the code-entry page, or the form of one token; under `base`
    (a request's address) or else the configured base URL."""
    path = reverse("internal_answer", args=[token]) if token else reverse("internal_entry")
    return base.rstrip("/") + path if base else absolute_url(path)


def _mail(
    campaign: Campaign,
    people: list[tuple[RosterEntry, str]],
    *,
    reminder: bool,
    day: datetime.date | None = None,
    base: str = "",
) -> tuple[int, int]:
    """Send one e-mail per person over one connection per batch; returns (sent, failed).

    The day of sending is recorded per invitation (to know when to remind next), never per answer.
    """
    sent_entries: list[int] = []
    failed = 0
    day = day or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        for start in range(0, len(people), MAIL_BATCH):
            connection = get_connection(fail_silently=False)
            try:
                connection.open()
            except OSError:
                failed += len(people[start : start + MAIL_BATCH])
                continue
            try:
                for entry, token in people[start : start + MAIL_BATCH]:
                    context = {
                        "campaign": campaign,
                        "unit": entry.unit,
                        "url": entry_url(token, base),
                        "code": tokens.shown(token),
                        "reminder": reminder,
                    }
                    subject = " ".join(render_to_string("internal/email_subject.txt", context).split())
                    body = render_to_string("internal/email_body.txt", context)
                    message = EmailMessage(subject, body, to=[_email_of(entry)], connection=connection)
                    try:
                        delivered = message.send() == 1
                    except OSError:
                        delivered = False
                    if delivered:
                        sent_entries.append(entry.pk)
                    else:
                        failed += 1
            finally:
                connection.close()
    for start in range(0, len(sent_entries), 1000):
        Invitation.objects.filter(campaign=campaign, entry_id__in=sent_entries[start : start + 1000]).update(
            last_sent_on=day, sent_count=F("sent_count") + 1
        )
    return len(sent_entries), failed


class AlreadyUsed(Exception):
    """The token is unknown, already used, or its campaign is not open."""


def invitation_for(raw_token: str) -> Invitation | None:
    """The open, unused invitation behind a token, or None (unknown, used, closed all look the same)."""
    if not tokens.looks_valid(raw_token):
        return None
    today = timezone.localdate()
    return (
        Invitation.objects.select_related("campaign__period", "entry__unit")
        .filter(
            token_hash=tokens.hash_token(raw_token),
            used=False,
            campaign__status=Campaign.Status.OPEN,
            campaign__audience=Campaign.Audience.INTERNAL,
            campaign__period__start__lte=today,
            campaign__period__end__gte=today,
        )
        .first()
    )


def answer(raw_token: str, cleaned: Cleaned, language: str = "id") -> Submission:
    """Use the token once and store the answers with the roster's coarse attributes, in one transaction.

    Two posts of the same token race for the conditional update; exactly one wins, the other raises
    `AlreadyUsed` and stores nothing.
    """
    invitation = invitation_for(raw_token)
    if invitation is None:
        raise AlreadyUsed()
    with transaction.atomic():
        won = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
        if won != 1:
            raise AlreadyUsed()
        entry = invitation.entry
        blur_used(invitation.campaign, [entry.unit_id])
        return responses.submit_internal(
            invitation.campaign, entry.unit, cleaned, entry.attributes(), language=language
        )


def blur_used(campaign: Campaign, unit_ids: Sequence[int]) -> None:
    """Rewrite every used invitation of these units, inside the answering transaction. PostgreSQL stamps
    each row version with the transaction that wrote it (`xmin`), the same stamp as the new answers'; a
    rewrite of all the unit's used invitations gives them all that stamp, so the stamp cannot tell whose
    invitation went with which answers (the previous answers' stamps then match no invitation at all)."""
    Invitation.objects.filter(campaign=campaign, entry__unit_id__in=list(unit_ids), used=True).update(
        used=True
    )


def answer_many(
    campaign: Campaign,
    answered: Sequence[tuple[Invitation, Cleaned, datetime.date | None]],
    *,
    today: datetime.date | None = None,
) -> list[Submission]:
    """`answer` for many invitations of one open campaign at once (a bulk load such as the demo): each
    used once, all in one transaction with their answers, which keep the roster's coarse attributes only.

    Pass them in the order they were answered, each with its day (None: today) inside the campaign's
    period and not after today. Any invitation unknown, already used or of another campaign refuses the
    whole batch (`AlreadyUsed`) and stores nothing.
    """
    _require_open_internal(campaign)
    day = today or timezone.localdate()
    period = campaign.period
    items = []
    for invitation, cleaned, answered_on in answered:
        on = answered_on or day
        if invitation.campaign_id != campaign.pk:
            raise AlreadyUsed()
        if not period.start <= on <= period.end or on > day:
            raise ValidationError(
                _("Tanggal pengisian harus di dalam periode kampanye dan tidak sesudah hari ini.")
            )
        entry = invitation.entry
        items.append(responses.InternalAnswer(entry.unit, cleaned, entry.attributes(), on))
    ids = [invitation.pk for invitation, _c, _d in answered]
    if len(set(ids)) != len(ids):
        raise AlreadyUsed()
    with transaction.atomic():
        won = 0
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            won += Invitation.objects.filter(pk__in=chunk, campaign=campaign, used=False).update(used=True)
        if won != len(ids):
            raise AlreadyUsed()  # rolls the whole batch back
        blur_used(campaign, sorted({invitation.entry.unit_id for invitation, _c, _d in answered}))
        return responses.submit_internal_many(campaign, items)
