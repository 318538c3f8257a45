"""`sikap roster purge`: rosters of periods ended long ago go with their contacts and invitations;
headcounts stay, newer rosters stay, and each unit and period gets one audit row."""

import datetime
import io

import pytest
from django.core.management import call_command

from sikap.audit.models import AuditEvent
from sikap.instruments.models import Campaign
from sikap.internal.actions import replace_rosters
from sikap.internal.importing import read_roster
from sikap.internal.models import Headcount, Invitation, RosterContact, RosterEntry
from sikap.internal.tests.helpers import ROWS, write_csv
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db


def load(tmp_path, unit, semester):
    path = write_csv(tmp_path, ROWS)
    replace_rosters(None, read_roster(None, semester, path.name, path.read_bytes(), unit=unit))


def test_purge_deletes_old_rosters_contacts_and_invitations_but_keeps_headcounts(tmp_path, world, settings):
    settings.SIKAP_ROSTER_RETENTION_DAYS = 365
    old = make_period("2020 Semester I", datetime.date(2020, 1, 1), datetime.date(2020, 6, 30))
    recent = make_period("2099 Semester I", datetime.date(2099, 1, 1), datetime.date(2099, 6, 30))
    load(tmp_path, world.division, old)
    load(tmp_path, world.kanwil, old)
    load(tmp_path, world.division, recent)
    campaign = Campaign.objects.create(name="ILK 2020", period=old, audience="internal")
    Invitation.objects.create(
        campaign=campaign, entry=RosterEntry.objects.filter(period=old).first(), token_hash="b" * 64
    )
    out = io.StringIO()
    call_command("roster", "purge", stdout=out)
    assert not RosterEntry.objects.filter(period=old).exists()
    assert RosterEntry.objects.filter(period=recent).count() == 4
    assert RosterContact.objects.count() == 3  # the recent roster's
    assert not Invitation.objects.exists() and Campaign.objects.filter(pk=campaign.pk).exists()
    assert Headcount.objects.get(unit=world.division, period=old).value == 4
    assert AuditEvent.objects.filter(action="internal.roster_purge").count() == 2
    assert "kanwil-jabar-ki: 4 pegawai, 3 kontak, 1 undangan dihapus." in out.getvalue()


def test_days_can_be_given(tmp_path, world):
    ended = make_period("2026 Semester I", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    load(tmp_path, world.division, ended)
    call_command("roster", "purge", "--days", "100000", stdout=io.StringIO())
    assert RosterEntry.objects.count() == 4
    call_command("roster", "purge", "--days", "0", stdout=io.StringIO())
    assert RosterEntry.objects.count() == 0
