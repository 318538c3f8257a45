"""The daily digest: who is told about which behind units, and what the mail says."""

import io
import random

import pytest
from django.core.management import call_command

from sikap.accounts.models import Membership, User
from sikap.indices.tests.helpers import random_submission
from sikap.testing.factories import make_campaign, make_period, make_unit, make_user

pytestmark = pytest.mark.django_db

# A Friday, the 3rd of 128 working days of 2026 Semester II: ceil(30 * 3 / 128) = 1 respondent expected.
DAY = "2026-07-03"
SUBJECT = "Sikap: {} unit tertinggal dari target responden — 2026 Semester II"


@pytest.fixture
def setting(world):
    """Two Jabar units behind (one operator has no email); Bali on track; a unit outside the campaign."""
    R = Membership.Role
    yankum = make_unit("kanwil-jabar-yankum", parent=world.kanwil, name="Bidang Yankum Jawa Barat")
    make_unit("kanwil-jabar-tu", parent=world.kanwil, name="Bagian TU Jawa Barat")  # not in the campaign
    make_user("operator.yankum.jabar", (yankum, R.UNIT_OPERATOR))  # no email address
    make_user("admin.bali", (world.other_kanwil, R.REGIONAL_ADMIN), email="admin.bali@example.go.id")
    for user in (world.operator, world.kanwil_admin, world.outsider, world.admin, world.leader):
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.go.id")
    campaign = make_campaign(
        [world.division, yankum, world.other_division], make_period(), with_service_links=False
    )
    rng = random.Random(3)
    for _ in range(6):
        random_submission(campaign, world.other_division, rng)  # on track on both days used here
    random_submission(campaign, yankum, rng)  # on track on DAY (1 expected), behind later on
    return yankum


def _send(*args, day=DAY):
    out = io.StringIO()
    call_command("send-digests", "--date", day, *args, stdout=out)
    return out.getvalue()


def _by_recipient(mailoutbox):
    assert all(len(mail.to) == 1 for mail in mailoutbox)
    return {mail.to[0]: mail for mail in mailoutbox}


def test_the_operator_of_a_behind_unit_gets_one_mail_about_it(world, setting, mailoutbox):
    _send()
    mail = _by_recipient(mailoutbox)["operator.ki.jabar@example.go.id"]
    assert mail.subject == SUBJECT.format(1)
    assert "Bidang KI Jawa Barat (kanwil-jabar-ki)" in mail.body
    assert "Target periode: 30 responden" in mail.body
    assert "Tercapai: 0 responden (0 %)" in mail.body
    assert "Seharusnya sampai hari ini: 1 responden" in mail.body
    # 30 missing over 126 working days left (today included): ceil(30 / 126) = 1
    assert "Kebutuhan per hari kerja: 1 responden (126 hari kerja tersisa)" in mail.body
    assert "Per 3 Juli 2026" in mail.body and "SKM" in mail.body
    assert "Yankum" not in mail.body  # not this operator's unit


def test_the_regional_admin_gets_one_mail_listing_every_behind_unit_of_the_kanwil(world, setting, mailoutbox):
    _send(day="2026-07-24")  # 18 working days done: ceil(30 * 18 / 128) = 5 expected, Yankum has 1
    mails = _by_recipient(mailoutbox)
    mail = mails["admin.jabar@example.go.id"]
    assert mail.subject == SUBJECT.format(2)
    assert "Bidang KI Jawa Barat (kanwil-jabar-ki)" in mail.body
    assert "Bidang Yankum Jawa Barat (kanwil-jabar-yankum)" in mail.body
    assert "Tercapai: 1 responden (3,3 %)" in mail.body
    assert "Seharusnya sampai hari ini: 5 responden" in mail.body
    assert "unit di wilayah Anda" in mail.body
    assert set(mails) == {"operator.ki.jabar@example.go.id", "admin.jabar@example.go.id"}


def test_a_unit_on_track_gets_no_mail_and_is_in_nobodys_list(world, setting, mailoutbox):
    _send()
    recipients = {mail.to[0] for mail in mailoutbox}
    assert recipients == {"operator.ki.jabar@example.go.id", "admin.jabar@example.go.id"}
    assert not any("kanwil-bali" in mail.body or "Yankum" in mail.body for mail in mailoutbox)
    assert _by_recipient(mailoutbox)["admin.jabar@example.go.id"].subject == SUBJECT.format(1)


def test_users_without_an_email_are_skipped_and_counted(world, setting, mailoutbox):
    out = _send(day="2026-07-24")
    assert len(mailoutbox) == 2
    assert "1 pengguna tanpa alamat email dilewati: operator.yankum.jabar." in out
    assert "3 unit dalam kampanye terbuka, 2 tertinggal" in out
    assert "Email terkirim: 2 (1 operator unit, 1 admin wilayah)." in out


def test_the_leader_and_the_central_admin_get_no_digest(world, setting, mailoutbox):
    _send(day="2026-07-24")
    recipients = {mail.to[0] for mail in mailoutbox}
    assert not recipients & {"pimpinan@example.go.id", "admin@example.go.id", "admin.bali@example.go.id"}


def test_an_inactive_operator_gets_nothing(world, setting, mailoutbox):
    User.objects.filter(pk=world.operator.pk).update(is_active=False)
    _send()
    assert {mail.to[0] for mail in mailoutbox} == {"admin.jabar@example.go.id"}


def test_the_mail_links_the_configured_address_and_guesses_none_without_it(
    world, setting, mailoutbox, settings
):
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
    _send()
    assert "Rincian: https://survei.example.go.id/" in mailoutbox[0].body
    mailoutbox.clear()
    settings.SIKAP_BASE_URL = ""
    _send()
    assert "Rincian:" not in mailoutbox[0].body
    assert ":8000" not in mailoutbox[0].body
