"""Internal survey, clicked through as people do it: an admin invites a unit's roster from the menu, an
employee answers the ILK on a phone from the e-mailed link, and the Kanwil's PIC follows participation and
reminds, seeing counts and never a name."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from sikap.accounts.models import Membership
from sikap.instruments.models import Campaign, CampaignVersion, InstrumentVersion
from sikap.internal.models import Invitation, RosterContact, RosterEntry
from sikap.responses.models import Submission
from sikap.testing.factories import make_user

from .test_workspace_menu import log_in, section_summary

pytestmark = pytest.mark.browser
PHONE_360 = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}


def _internal_campaign(survey, world) -> Campaign:  # type: ignore[no-untyped-def]
    ilk = InstrumentVersion.objects.published().get(instrument__code="ILK")
    campaign = Campaign.objects.create(
        name="ILK uji peramban",
        period=survey.campaign.period,
        status=Campaign.Status.OPEN,
        audience=Campaign.Audience.INTERNAL,
    )
    CampaignVersion.objects.create(campaign=campaign, version=ilk, order=1)
    campaign.units.set([world.division])
    for i in range(6):
        entry = RosterEntry.objects.create(
            unit=world.division, period=campaign.period, perspective="pengguna"
        )
        RosterContact.objects.create(entry=entry, name=f"Pegawai Uji {i}", email=f"uji{i}@example.go.id")
    return campaign


def test_invite_answer_on_a_phone_and_follow_participation_without_names(
    new_context, survey, world, artifacts
):
    campaign = _internal_campaign(survey, world)
    pic = make_user("pic.jabar", (world.kanwil, Membership.Role.INTERNAL_PIC))

    admin = new_context(LAPTOP).new_page()
    log_in(admin, survey, world.admin.username)
    menu = admin.get_by_role("navigation", name="Menu utama")
    section_summary(menu, "Survei internal").click()
    menu.get_by_role("link", name="Kampanye dan partisipasi", exact=True).click()
    admin.get_by_role("link", name="ILK uji peramban").click()
    admin.get_by_role("button", name="Undang pegawai yang belum diundang").click()
    assert "6 undangan baru" in admin.locator(".messages").inner_text()
    assert Invitation.objects.filter(campaign=campaign).count() == 6 and len(mail.outbox) == 6

    link = re.search(r"https?://\S+/undangan/[A-Z0-9]+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    employee = new_context(PHONE_360).new_page()
    employee.goto(link.group(0))
    assert employee.get_by_role("heading", level=1).inner_text() == "ILK uji peramban"
    assert employee.get_by_text("Anonimitas dan data pribadi").is_visible()
    ilk = InstrumentVersion.objects.published().get(instrument__code="ILK")
    for n, element in enumerate(ilk.elements.all()):
        value = "TT" if element.code.startswith("HUM") else str(3 + n % 2)
        employee.locator(f'input[name="ILK-{element.code}"][value="{value}"]').check()
    width = employee.evaluate("() => document.documentElement.scrollWidth")
    employee.screenshot(path=str(artifacts / "internal-phone-360-form.png"), full_page=True)
    assert width <= 360
    employee.get_by_role("button", name="Kirim jawaban").click()
    assert "jawaban Saudara sudah diterima" in employee.get_by_role("heading", level=1).inner_text()
    employee.goto(link.group(0))  # the same link again: used
    assert employee.get_by_role("heading", level=1).inner_text() == "Undangan tidak berlaku"
    assert Submission.objects.filter(campaign=campaign).count() == 1

    follower = new_context(PHONE_360).new_page()
    log_in(follower, survey, pic.username)
    assert "1 dari 6" in follower.locator("main").inner_text()
    follower.get_by_role("link", name="ILK uji peramban").click()
    text = follower.locator("main").inner_text()
    assert "Pegawai Uji" not in text and "example.go.id" not in text
    assert follower.evaluate("() => document.documentElement.scrollWidth") <= 360
    follower.screenshot(path=str(artifacts / "internal-phone-360-pic.png"), full_page=True)
    mail.outbox.clear()
    follower.get_by_role("button", name="Kirim pengingat ke yang belum menjawab").click()
    assert "Pengingat terkirim ke 5 pegawai" in follower.locator(".messages").inner_text()
    assert len(mail.outbox) == 5
