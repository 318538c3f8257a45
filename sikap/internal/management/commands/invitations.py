"""`sikap invitations send|remind|due`: invite a campaign's roster, remind non-respondents, or send the
reminders that are due (for a daily scheduler). Prints counts only, never who."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikap.instruments.models import Campaign
from sikap.internal import invitations
from sikap.lib.links import configured_base_url


class Command(BaseCommand):
    help = "Internal-survey invitations: send (new roster entries), remind (unused), due (scheduled)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send", "remind", "due"])
        parser.add_argument("--campaign", type=int, help="Campaign id (send, remind).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not configured_base_url():
            raise CommandError(
                "Set SIKAP_BASE_URL (for example https://survei.example.go.id): e-mailed links must work "
                "outside this machine.",
                returncode=2,
            )
        if options["action"] == "due":
            for due, reminded in invitations.due_reminders():
                self.stdout.write(
                    f"{due.pk} {due.name}: {reminded.emailed} reminded, {reminded.failed} failed"
                )
            return
        campaign = Campaign.objects.filter(pk=options["campaign"] or 0).first()
        if campaign is None:
            raise CommandError("Give --campaign with the id of an internal campaign.", returncode=2)
        try:
            if options["action"] == "send":
                sent = invitations.invite(None, campaign)
                self.stdout.write(
                    f"{sent.invited} invited: {sent.emailed} e-mailed, {sent.slips} on printed slips, "
                    f"{sent.failed} e-mails failed"
                )
            else:
                sent = invitations.remind(None, campaign)
                self.stdout.write(f"{sent.emailed} reminded, {sent.failed} failed")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
