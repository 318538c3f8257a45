"""The internal campaign pages as each role uses them: counts for everyone allowed, names for no one."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from sikap.accounts.models import Membership
from sikap.instruments.models import Campaign, PublicLink
from sikap.internal.models import InternalSettings, Invitation
from sikap.internal.tests.conftest import Internal
from sikap.responses.models import Submission
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pic(internal: Internal):  # type: ignore[no-untyped-def]
    return make_user("pic.jabar", (internal.world.kanwil, Membership.Role.INTERNAL_PIC))


def test_an_admin_creates_opens_and_invites_without_any_public_link(internal: Internal) -> None:
    admin = client_for(internal.world.admin)
    page = admin.get(reverse("internal:campaign_new"))
    assert page.status_code == 200
    response = admin.post(
        reverse("internal:campaign_new"),
        {
            "name": "ILK Semester uji",
            "period": internal.period.pk,
            "versions": [internal.version.pk],
            "units": [internal.world.division.pk],
        },
    )
    created = Campaign.objects.get(name="ILK Semester uji")
    assert response.status_code == 302 and created.audience == Campaign.Audience.INTERNAL
    assert created.status == Campaign.Status.DRAFT
    assert admin.post(reverse("internal:campaign", args=[created.pk]), {"do": "open"}).status_code == 302
    created.refresh_from_db()
    assert created.status == Campaign.Status.OPEN
    assert not PublicLink.objects.filter(campaign=created).exists()
    admin.post(reverse("internal:campaign", args=[created.pk]), {"do": "invite"})
    assert len(mail.outbox) == 3 and Invitation.objects.filter(campaign=created).count() == 5


def test_the_pic_sees_counts_and_reminds_in_bulk_but_reads_no_other_page(internal: Internal, pic) -> None:  # type: ignore[no-untyped-def]
    admin = client_for(internal.world.admin)
    admin.post(reverse("internal:campaign", args=[internal.campaign.pk]), {"do": "invite"})
    client = client_for(pic)
    home = client.get(reverse("workspace:home")).content.decode()
    assert internal.campaign.name in home and "0 dari 5" in home
    page = client.get(reverse("internal:campaign", args=[internal.campaign.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Pegawai 0" not in text and "@example.go.id" not in text
    mail.outbox.clear()
    reminded = client.post(reverse("internal:campaign", args=[internal.campaign.pk]), {"do": "remind"})
    assert reminded.status_code == 302 and len(mail.outbox) == 3
    assert (
        client.post(reverse("internal:campaign", args=[internal.campaign.pk]), {"do": "invite"}).status_code
        == 403
    )
    # The PIC's membership opens nothing else: not the unit's responses, rosters or dashboards.
    assert (
        client.get(
            reverse("internal:roster_unit", args=[internal.world.division.code, internal.period.pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("dashboard_unit", args=[internal.world.division.code])).status_code == 404


def test_a_leader_reads_participation_but_cannot_remind_and_an_outsider_sees_nothing(
    internal: Internal,
) -> None:
    leader = client_for(internal.world.leader)
    url = reverse("internal:campaign", args=[internal.campaign.pk])
    assert leader.get(url).status_code == 200
    assert leader.post(url, {"do": "remind"}).status_code == 403
    assert client_for(internal.world.outsider).get(url).status_code == 404
    assert (
        client_for(internal.world.outsider)
        .get(reverse("internal:campaign_settings", args=[internal.campaign.pk]))
        .status_code
        == 404
    )


def test_code_slips_print_as_a_pdf_with_the_codes_and_reprinting_replaces_them(internal: Internal) -> None:
    operator = client_for(internal.world.operator)
    operator.post(reverse("internal:campaign", args=[internal.campaign.pk]), {"do": "invite"})
    url = reverse("internal:slips", args=[internal.campaign.pk, internal.world.division.code])
    response = operator.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    codes = re.findall(r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b", text)
    assert len(codes) == 2 and "undangan" in text.lower()
    assert client_for(internal.world.leader).post(url).status_code == 403
    entry = Client().post(reverse("internal_entry"), {"code": codes[0]})
    assert entry.status_code == 302
    operator.post(url)  # printing again: the first sheet's codes stop working
    assert Client().post(reverse("internal_entry"), {"code": codes[0]}).status_code == 200


def test_settings_lock_on_the_page_after_the_first_response(internal: Internal) -> None:
    admin = client_for(internal.world.admin)
    url = reverse("internal:campaign_settings", args=[internal.campaign.pk])
    form = {
        "k": "4",
        "reminder_days": "7",
        "target": "all",
        "target_percent": "80",
        "integrity_profile": "itjen-2024",
    }
    refused = admin.post(url, form)
    assert refused.status_code == 200 and "5 sampai 100" in refused.content.decode()
    assert admin.post(url, {**form, "k": "6"}).status_code == 302
    admin.post(reverse("internal:campaign", args=[internal.campaign.pk]), {"do": "invite"})
    token = re.search(r"/undangan/([A-Z0-9]+)/", mail.outbox[0].body).group(1)  # type: ignore[union-attr]
    Client().post(reverse("internal_answer", args=[token]), {"ILKT-KEP.K": "4", "ILKT-KEP.T": "3"})
    assert Submission.objects.count() == 1
    page = admin.get(url).content.decode()
    assert "terkunci" in page
    admin.post(url, {**form, "k": "9", "reminder_days": "3"})
    stored = InternalSettings.objects.get(campaign=internal.campaign)
    assert (stored.k, stored.reminder_days) == (6, 3)


def test_hostile_posts_get_messages_not_errors(internal: Internal) -> None:
    admin = client_for(internal.world.admin)
    url = reverse("internal:campaign", args=[internal.campaign.pk])
    assert admin.post(url, {"do": "<script>"}).status_code == 302
    settings_url = reverse("internal:campaign_settings", args=[internal.campaign.pk])
    for bad in ({"k": "9" * 40}, {"k": "x"}, {"reminder_days": "-1"}, {"target": "nope"}, {}):
        assert admin.post(settings_url, bad).status_code == 200
    new = reverse("internal:campaign_new")
    assert (
        admin.post(
            new, {"name": "x" * 500, "period": "abc", "versions": ["999999"], "units": ["-1"]}
        ).status_code
        == 200
    )
    assert (
        client_for(internal.world.admin).get(reverse("internal:campaign", args=[999999])).status_code == 404
    )
