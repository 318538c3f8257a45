"""The only code that changes kiosk tablets: register, pair, revoke, renew, accept a batch, acknowledge.

A batch is accepted item by item, each in its own transaction through `responses.actions.submit` with the
same validation as the public form; every item leaves a `KioskReceipt` under its key, so a resent batch
(or an imported file of the same answers) returns the stored outcome and stores nothing twice.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sikap.accounts.tokens import hash_key
from sikap.audit.actions import record
from sikap.audit.actors import Actor, user_or_none
from sikap.instruments.models import Campaign, InstrumentVersion, PublicLink
from sikap.instruments.queries import campaign_versions, link_services
from sikap.kiosk import reasons
from sikap.kiosk.batch import Item
from sikap.kiosk.models import KioskDevice, KioskReceipt
from sikap.organisation.models import Service
from sikap.responses import actions as responses
from sikap.responses import integrity
from sikap.responses.forms_public import SERVICE_CODE_MAX, clean_service
from sikap.responses.models import Submission
from sikap.responses.validation import clean_submission

LIFETIME = datetime.timedelta(days=365)
PAIRING_LIFETIME = datetime.timedelta(hours=1)
# Tablet clocks drift: an answer up to this far ahead of the server's clock is still "now".
CLOCK_SKEW = datetime.timedelta(minutes=5)
# Answers per ten minutes (by the tablet's answer times) before the rest are refused; a period may set
# its own under the integrity rules' "kiosk_limit_per_10_min".
RATE_LIMIT_PER_10_MIN = 30
NAME_MAX = 80


def register(actor: Actor, link: PublicLink, name: str) -> tuple[KioskDevice, str]:
    """A new tablet for `link`: (device, one-time pairing code valid for an hour)."""
    name = " ".join(name.split())[:NAME_MAX]
    if not name:
        raise ValidationError({"name": _("Nama tablet wajib diisi, misalnya “Loket 1”.")})
    if link.campaign.status == Campaign.Status.CLOSED or not link.active:
        raise ValidationError(_("Tautan ini sudah ditutup: tablet tidak dapat didaftarkan untuknya."))
    now = timezone.now()
    with transaction.atomic():
        device = KioskDevice.objects.create(
            link=link, name=name, created_by=user_or_none(actor), created_at=now, expires_at=now + LIFETIME
        )
        code = _new_pairing(device, now)
        record(actor, "kiosk.register", device, after={"link": link.pk, "name": name})
    return device, code


def new_pairing(actor: Actor, device: KioskDevice) -> str:
    """A fresh pairing code (the tablet was reset or replaced); pairing with it replaces the credential."""
    if device.revoked_at is not None:
        raise ValidationError(_("Tablet ini sudah dicabut: daftarkan tablet baru."))
    with transaction.atomic():
        code = _new_pairing(device, timezone.now())
        record(actor, "kiosk.new_pairing", device)
    return code


def _new_pairing(device: KioskDevice, now: datetime.datetime) -> str:
    code = secrets.token_urlsafe(24)
    device.pairing_hash, device.pairing_expires_at = hash_key(code), now + PAIRING_LIFETIME
    device.save(update_fields=["pairing_hash", "pairing_expires_at"])
    return code


@transaction.atomic
def pair(code: str) -> tuple[KioskDevice, str]:
    """Give the tablet that opened a pairing link its credential (shown once): (device, credential)."""
    now = timezone.now()
    device = (
        KioskDevice.objects.select_for_update().filter(pairing_hash=hash_key(code[:100])).first()
        if code
        else None
    )
    if device is None or device.pairing_expires_at is None or device.pairing_expires_at <= now:
        raise ValidationError(
            _("Tautan pemasangan ini tidak dikenal, sudah dipakai, atau sudah kedaluwarsa.")
        )
    if device.state(now) in ("revoked", "expired"):
        raise ValidationError(str(reasons.STATES[device.state(now)][1]))
    credential = secrets.token_urlsafe(32)
    device.credential_hash, device.paired_at = hash_key(credential), now
    device.pairing_hash, device.pairing_expires_at = "", None
    device.save(update_fields=["credential_hash", "paired_at", "pairing_hash", "pairing_expires_at"])
    record(None, "kiosk.pair", device)
    return device, credential


@transaction.atomic
def revoke(actor: Actor, device: KioskDevice, reason: str) -> KioskDevice:
    """Stop a tablet for good, with the reason it will show; its stored answers stay."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan pencabutan wajib diisi.")})
    device = KioskDevice.objects.select_for_update().get(pk=device.pk)
    if device.revoked_at is not None:
        raise ValidationError(_("Tablet ini sudah dicabut."))
    device.revoked_at, device.revoked_reason = timezone.now(), reason[:500]
    device.pairing_hash, device.pairing_expires_at = "", None
    device.save(update_fields=["revoked_at", "revoked_reason", "pairing_hash", "pairing_expires_at"])
    record(actor, "kiosk.revoke", device, after={"revoked_at": device.revoked_at}, reason=reason)
    return device


@transaction.atomic
def renew(actor: Actor, device: KioskDevice) -> KioskDevice:
    """Another year for a tablet that is not revoked."""
    device = KioskDevice.objects.select_for_update().get(pk=device.pk)
    if device.revoked_at is not None:
        raise ValidationError(_("Tablet yang sudah dicabut tidak dapat diperpanjang."))
    before = {"expires_at": device.expires_at}
    device.expires_at = timezone.now() + LIFETIME
    device.save(update_fields=["expires_at"])
    record(actor, "kiosk.renew", device, before=before, after={"expires_at": device.expires_at})
    return device


@transaction.atomic
def acknowledge(actor: Actor, device: KioskDevice, receipt_ids: list[int]) -> int:
    """An operator has seen these rejected answers: they leave the tablet's and the page's open list."""
    count = KioskReceipt.objects.filter(
        device=device, pk__in=receipt_ids, status=KioskReceipt.Status.REJECTED, acknowledged_at__isnull=True
    ).update(acknowledged_at=timezone.now(), acknowledged_by=user_or_none(actor))
    if count:
        record(actor, "kiosk.acknowledge", device, after={"receipts": sorted(receipt_ids), "count": count})
    return count


@dataclass
class Outcome:
    """What the tablet is told about one item: accepted (also when already stored) or rejected, and why."""

    key: str
    status: str  # "accepted", "duplicate" or "rejected"
    reason: str = ""
    details: dict[str, str] | None = None

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"key": self.key, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
            data["message"] = reasons.both(reasons.LABELS[self.reason])
            data["details"] = self.details or {}
        return data


def accept_batch(
    actor: Actor,
    device: KioskDevice,
    items: list[Item],
    *,
    queue_length: int | None = None,
    client_address: str = "",
) -> list[Outcome]:
    """Store a tablet's answers (sent by the tablet, actor None; or imported by an operator from its file)."""
    now = timezone.now()
    if queue_length is not None:
        # The tablet counts the answers waiting when it sends, this batch included: once the batch is
        # answered, those left on the tablet are the rest.
        left = max(0, queue_length - len(items))
        KioskDevice.objects.filter(pk=device.pk).update(last_contact_at=now, last_queue_length=left)
        device.last_contact_at, device.last_queue_length = now, left
    link = PublicLink.objects.for_listing().get(pk=device.link_id)
    versions = campaign_versions(link.campaign)
    services = link_services(link)
    return [_accept(actor, device, link, versions, services, item, now, client_address) for item in items]


def _accept(
    actor: Actor,
    device: KioskDevice,
    link: PublicLink,
    versions: tuple[InstrumentVersion, ...],
    services: tuple[Service, ...],
    item: Item,
    now: datetime.datetime,
    client_address: str,
) -> Outcome:
    if item.problem or item.key is None or item.answered_at is None:
        return Outcome(item.raw_key, "rejected", "malformed")
    stored = KioskReceipt.objects.filter(key=item.key).first()
    if stored is None:
        try:
            with transaction.atomic():
                reason, details, submission = _judge(
                    actor, device, link, versions, services, item, now, client_address
                )
                stored = KioskReceipt.objects.create(
                    device=device,
                    key=item.key,
                    answered_at=item.answered_at,
                    received_at=now,
                    status=KioskReceipt.Status.REJECTED if reason else KioskReceipt.Status.ACCEPTED,
                    submission=submission,
                    reason=reason,
                    details=details,
                    payload=item.payload() if reason else {},
                )
            return Outcome(item.raw_key, stored.status, reason, details)
        except IntegrityError:  # the same item sent twice at the same moment: the other one's outcome stands
            stored = KioskReceipt.objects.get(key=item.key)
    if stored.device_id != device.pk:
        return Outcome(item.raw_key, "rejected", "key_taken")
    return _outcome_of(stored)


def _judge(
    actor: Actor,
    device: KioskDevice,
    link: PublicLink,
    versions: tuple[InstrumentVersion, ...],
    services: tuple[Service, ...],
    item: Item,
    now: datetime.datetime,
    client_address: str,
) -> tuple[str, dict[str, str], Submission | None]:
    """(reason, details, None) for a refused item; ("", {}, submission) once stored."""
    answered_at = item.answered_at
    assert answered_at is not None and item.key is not None
    reason = _time_or_place_problem(device, link, answered_at, now)
    if reason:
        return reason, {}, None
    if Submission.objects.filter(key=item.key).exists():
        return "key_taken", {}, None
    cleaned = clean_submission(versions, item.fields)
    service, service_error = clean_service(link, services, item.fields)
    if service_error:
        cleaned.errors["service"] = service_error
    if cleaned.errors:
        return "invalid", _details(versions, link, services, item), None
    visit = responses.Visit(
        campaign=link.campaign,
        unit=link.unit,
        key=item.key,
        channel=Submission.Channel.KIOSK,
        link=link,
        service=service,
        # No start, or one after the answer, counts as "just now", as a forged start on the public form.
        started_at=min(item.started_at or answered_at, answered_at),
        device_id=f"kiosk-{device.pk}",
        client_address=client_address,
        language=item.language,
        service_code=item.fields.get("service_code", "").strip()[:SERVICE_CODE_MAX],
        answered_on=timezone.localdate(answered_at),
        answered_at=answered_at,
    )
    try:
        with transaction.atomic():
            submission, _created = responses.submit(actor, visit, cleaned)
    except ValidationError as error:  # a service code that is unknown or already used
        messages = " ".join(error.messages)
        with translation.override("en"):
            english = " ".join(_(m) for m in error.messages)
        return "invalid", {"id": messages, "en": english}, None
    return "", {}, submission


def _time_or_place_problem(
    device: KioskDevice, link: PublicLink, answered_at: datetime.datetime, now: datetime.datetime
) -> str:
    """The reason an answer given at `answered_at` cannot count for this tablet's link, or ""."""
    period = link.campaign.period
    day = timezone.localdate(answered_at)
    if answered_at > now + CLOCK_SKEW:
        return "in_future"
    if answered_at < device.created_at - CLOCK_SKEW:
        return "before_registration"
    if device.revoked_at is not None and answered_at > device.revoked_at:
        return "after_revocation"
    if day < period.start:
        return "before_period"
    if day > period.end:
        return "after_period"
    service_off = link.service is not None and not link.service.active
    if link.campaign.status != Campaign.Status.OPEN or not link.active or not link.unit.active or service_off:
        return "closed"
    limit = integrity.rules(period).get("kiosk_limit_per_10_min", RATE_LIMIT_PER_10_MIN)
    recent = KioskReceipt.objects.filter(
        device=device,
        status=KioskReceipt.Status.ACCEPTED,
        answered_at__gt=answered_at - datetime.timedelta(minutes=10),
        answered_at__lte=answered_at,
    ).count()
    return "rate" if recent >= limit else ""


def _details(
    versions: tuple[InstrumentVersion, ...], link: PublicLink, services: tuple[Service, ...], item: Item
) -> dict[str, str]:
    """Every input's error, named, in both languages (the validator's words follow the active language)."""
    result = {}
    for language in ("id", "en"):
        with translation.override(language):
            cleaned = clean_submission(versions, item.fields)
            _service, service_error = clean_service(link, services, item.fields)
            if service_error:
                cleaned.errors["service"] = service_error
            result[language] = "; ".join(f"{name}: {message}" for name, message in cleaned.errors.items())
    return result


def _outcome_of(receipt: KioskReceipt) -> Outcome:
    if receipt.status == KioskReceipt.Status.ACCEPTED:
        return Outcome(str(receipt.key), "duplicate")
    return Outcome(str(receipt.key), "rejected", receipt.reason, receipt.details)
