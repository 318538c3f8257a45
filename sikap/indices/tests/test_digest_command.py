"""`sikap send-digests` options: dry run, working days, the period chosen."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sikap.accounts.models import User
from sikap.instruments.actions import close_campaign
from sikap.testing.factories import make_campaign, make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def behind(world):
    """The Jabar KI division in an open campaign with no respondents; its operator has an email."""
    User.objects.filter(pk=world.operator.pk).update(email="operator@example.go.id")
    return make_campaign([world.division], make_period(), with_service_links=False)


def _send(*args):
    out = io.StringIO()
    call_command("send-digests", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_shows_the_mail_and_sends_nothing(behind, mailoutbox):
    out = _send("--date", "2026-07-03", "--dry-run")
    assert mailoutbox == []
    assert "[uji coba] operator@example.go.id (unit_operator): Sikap: 1 unit tertinggal" in out
    assert "akan dikirim (uji coba, tidak dikirim): 1" in out


def test_nothing_goes_out_on_a_weekend_or_holiday_unless_forced(behind, mailoutbox):
    for day in ("2026-07-04", "2026-08-17"):  # a Saturday; Independence Day
        assert "bukan hari kerja" in _send("--date", day)
    assert mailoutbox == []
    _send("--date", "2026-07-04", "--force")
    assert [mail.to for mail in mailoutbox] == [["operator@example.go.id"]]


def test_the_period_can_be_named(world, behind, mailoutbox):
    make_period("2026", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), kind="year")
    out = _send("--date", "2026-07-03", "--period", "2026")
    assert "2026, 2026-07-03: 0 unit dalam kampanye terbuka" in out  # the campaign is the semester's
    assert mailoutbox == []
    _send("--date", "2026-07-03", "--period", "2026 Semester II")
    assert len(mailoutbox) == 1


def test_a_closed_campaign_sends_nothing(behind, mailoutbox):
    close_campaign(None, behind)
    assert "0 unit dalam kampanye terbuka" in _send("--date", "2026-07-03")
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2031-01-06"], "Tidak ada semester"),
        (["--period", "1999 Semester IX"], "Periode tidak dikenal"),
    ],
)
def test_it_exits_with_code_2_without_a_period(behind, args, message):
    with pytest.raises(CommandError) as error:
        call_command("send-digests", *args)
    assert error.value.returncode == 2 and message in str(error.value)


def test_a_malformed_date_is_refused():
    with pytest.raises(CommandError):
        call_command("send-digests", "--date", "03-07-2026")
