"""The only code that changes rosters and headcounts: import (replace), headcount override, purge.

Each function takes the acting user (`None` is the system: commands and data loads), checks the one
access helper, runs in one transaction and writes its audit rows. A unit's roster for a period is
replaced whole; once invitations were made from it, it is no longer replaced (an invitation belongs to
its roster entry, and replacing would delete it with the entry).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.accounts.access import access_for
from sikap.audit.actions import record, snapshot
from sikap.audit.actors import Actor, user_or_none
from sikap.internal.importing import Plan, refusal
from sikap.internal.models import Headcount, Invitation, RosterContact, RosterEntry, RosterUpload
from sikap.organisation.models import Period, Unit

HEADCOUNT_FIELDS = ["unit_id", "period_id", "roster", "override", "reason", "set_by_id"]
# An unconfirmed upload may hold names and contacts: it is kept no longer than this.
UPLOAD_HOURS = 24


@dataclass(frozen=True)
class Replaced:
    unit: Unit
    entries: int
    replaced: int
    contacts: int


def replace_rosters(actor: Actor, plan: Plan, *, upload: RosterUpload | None = None) -> list[Replaced]:
    """Store a checked file: each of its units' rosters for the period replaced by the file's rows, the
    headcount's roster size set (an override stays), one audit row per unit. Refused (ValidationError)
    for a unit whose roster for the period already has invitations."""
    units = plan.units()
    if actor is not None:
        access = access_for(actor)
        for unit in units:
            access.require_write(unit)
    done = []
    with transaction.atomic():
        # One import per unit at a time, locked in path order so two files over the same units wait.
        list(Unit.objects.select_for_update().filter(pk__in=[u.pk for u in units]).order_by("path"))
        invited = Invitation.objects.filter(entry__period=plan.period, entry__unit__in=units)
        refused = {i.entry.unit_id for i in invited.select_related("entry")}
        if refused:
            raise ValidationError([refusal(u, plan.period) for u in units if u.pk in refused])
        for unit in units:
            done.append(_replace_one(actor, plan, unit))
        if upload is not None:
            upload.delete()
    return done


def _replace_one(actor: Actor, plan: Plan, unit: Unit) -> Replaced:
    period = plan.period
    people = [p for p in plan.people if p.unit.pk == unit.pk]
    old = RosterEntry.objects.of(unit, period)
    replaced = old.count()
    old.delete()  # their contacts go with them (no invitation exists: checked above)
    entries = RosterEntry.objects.bulk_create([p.entry(period) for p in people], batch_size=1000)
    contacts = [
        RosterContact(entry=entry, name=p.name, email=p.email, phone=p.phone)
        for entry, p in zip(entries, people, strict=True)
        if p.has_contact
    ]
    RosterContact.objects.bulk_create(contacts, batch_size=1000)
    headcount, _created = Headcount.objects.get_or_create(unit=unit, period=period)
    before = snapshot(headcount, HEADCOUNT_FIELDS) | {"entries": replaced}
    headcount.roster = len(entries)
    headcount.save(update_fields=["roster"])
    after = snapshot(headcount, HEADCOUNT_FIELDS) | {
        "entries": len(entries),
        "contacts": len(contacts),
        "file_sha256": plan.digest,
    }
    record(actor, "internal.roster_import", headcount, before=before, after=after, reason=plan.filename)
    return Replaced(unit, len(entries), replaced, len(contacts))


def set_headcount(actor: Actor, unit: Unit, period: Period, override: int | None, reason: str) -> Headcount:
    """Override a unit's headcount for the period (`override` None clears it), with a reason either
    way; only an admin of the unit (central, or regional over it) may."""
    if actor is not None:
        access = access_for(actor)
        access.require_view(unit)
        if not access.can_administer(unit):
            raise PermissionDenied(_("Hanya admin pusat atau admin wilayah unit ini yang dapat mengoreksi."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("Tulis alasannya: koreksi jumlah pegawai dan pembatalannya selalu beralasan.")
        )
    if override is not None and override < 0:
        raise ValidationError(_("Jumlah pegawai tidak boleh negatif."))
    with transaction.atomic():
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        headcount, _created = Headcount.objects.get_or_create(unit=unit, period=period)
        if override is None and headcount.override is None:
            raise ValidationError(_("Jumlah pegawai ini tidak sedang dikoreksi."))
        before = snapshot(headcount, HEADCOUNT_FIELDS)
        headcount.override = override
        headcount.reason = reason if override is not None else ""
        headcount.set_by = user_or_none(actor) if override is not None else None
        headcount.save(update_fields=["override", "reason", "set_by"])
        action = (
            "internal.headcount_override" if override is not None else "internal.headcount_override_cleared"
        )
        record(
            actor,
            action,
            headcount,
            before=before,
            after=snapshot(headcount, HEADCOUNT_FIELDS),
            reason=reason,
        )
    return headcount


def stage_upload(actor: Actor, period: Period, unit: Unit | None, plan: Plan, content: bytes) -> RosterUpload:
    """Keep a checked file until its importer confirms it; forget uploads left unconfirmed too long and
    the importer's earlier ones (one file waits per person)."""
    user = user_or_none(actor)
    if user is None:
        raise PermissionDenied
    with transaction.atomic():
        stale = timezone.now() - datetime.timedelta(hours=UPLOAD_HOURS)
        RosterUpload.objects.filter(created_at__lt=stale).delete()
        RosterUpload.objects.filter(uploaded_by=user).delete()
        upload = RosterUpload.objects.create(
            uploaded_by=user,
            period=period,
            unit=unit,
            filename=plan.filename,
            content=content,
            sha256=plan.digest,
        )
        record(
            actor,
            "internal.roster_upload",
            upload,
            after={"file_sha256": plan.digest, "rows": len(plan.people)},
        )
    return upload


def discard_upload(actor: Actor, upload: RosterUpload) -> None:
    """The importer cancels a waiting file."""
    with transaction.atomic():
        record(actor, "internal.roster_upload_discarded", upload, before={"file_sha256": upload.sha256})
        upload.delete()


@dataclass(frozen=True)
class Purged:
    unit: str
    period: str
    entries: int
    contacts: int
    invitations: int


def purge_rosters(actor: Actor, *, days: int, today: datetime.date | None = None) -> list[Purged]:
    """Delete the roster entries, their contacts and their invitations of periods that ended more than
    `days` days ago; headcounts stay (the weights and targets of old periods keep their population).
    One audit row per unit and period, with the counts."""
    if days < 0:
        raise ValidationError(_("Jumlah hari tidak boleh negatif."))
    before = (today or timezone.localdate()) - datetime.timedelta(days=days)
    old = RosterEntry.objects.past_retention(before)
    groups = list(
        old.values("unit_id", "unit__code", "period_id", "period__name")
        .annotate(entries=Count("pk", distinct=True), contacts=Count("contact", distinct=True))
        .order_by("period__name", "unit__code")
    )
    found = []
    with transaction.atomic():
        for group in groups:
            entries = RosterEntry.objects.filter(unit_id=group["unit_id"], period_id=group["period_id"])
            invitations = Invitation.objects.filter(entry__in=entries).count()
            entries.delete()  # contacts and invitations cascade
            counts = {"entries": group["entries"], "contacts": group["contacts"], "invitations": invitations}
            headcount = Headcount.objects.filter(
                unit_id=group["unit_id"], period_id=group["period_id"]
            ).first()
            target = headcount or Period.objects.get(pk=group["period_id"])
            after = {"unit": group["unit__code"], "period": group["period__name"], "retention_days": days}
            record(actor, "internal.roster_purge", target, before=counts, after=after)
            found.append(Purged(group["unit__code"], group["period__name"], **counts))
        stale = timezone.now() - datetime.timedelta(hours=UPLOAD_HOURS)
        RosterUpload.objects.filter(created_at__lt=stale).delete()
    return found
