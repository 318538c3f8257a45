"""The admin goes through the actions: published versions read-only, drafts and campaigns via actions."""

import random

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.accounts.models import User
from sikap.audit.models import AuditEvent
from sikap.indices.tests.helpers import random_submission
from sikap.instruments.actions import delete_campaigns, delete_drafts
from sikap.instruments.models import Campaign, InstrumentVersion, PublicLink
from sikap.instruments.tests.factories import make_campaign, make_draft, standard
from sikap.testing.factories import make_period, make_service, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(world):
    return make_user("root", is_staff=True, is_superuser=True)


def run_action(client, model, action, objects):
    url = reverse(f"admin:instruments_{model}_changelist")
    data = {"action": action, "_selected_action": [o.pk for o in objects]}
    return client.post(url, data, follow=True)


def test_the_publish_action_publishes_a_draft_through_the_action(login, root):
    draft = make_draft()
    response = run_action(login(root), "instrumentversion", "publish", [draft])
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == InstrumentVersion.Status.PUBLISHED
    assert AuditEvent.objects.get(action="instrument_version.publish").actor == root


def test_a_refused_publication_is_reported_not_raised(login, root):
    draft = make_draft(elements=0)
    response = run_action(login(root), "instrumentversion", "publish", [draft])
    assert "paling sedikit satu unsur" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == InstrumentVersion.Status.DRAFT


def test_the_new_draft_action_copies_a_published_version(login, root):
    run_action(login(root), "instrumentversion", "make_new_draft", [standard("SPKP")])
    draft = InstrumentVersion.objects.get(instrument__code="SPKP", number=2)
    assert draft.status == InstrumentVersion.Status.DRAFT
    assert draft.elements.count() == 8


def test_a_published_version_is_shown_read_only_and_a_post_changes_nothing(login, root):
    skm = standard("SKM")
    client = login(root)
    url = reverse("admin:instruments_instrumentversion_change", args=[skm.pk])
    page = client.get(url).content.decode()
    assert 'name="title"' not in page
    assert 'name="elements-0-name"' not in page
    assert "Biaya/Tarif" in page
    client.post(url, {"title": "Diubah", "instrument": skm.instrument_id})
    skm.refresh_from_db()
    assert skm.title == "Survei Kepuasan Masyarakat (SKM)"


def test_a_draft_edited_in_the_admin_goes_through_the_actions(login, root):
    draft = make_draft(elements=1)
    element = draft.elements.get()
    url = reverse("admin:instruments_instrumentversion_change", args=[draft.pk])
    data = {
        "instrument": draft.instrument_id,
        "title": "Survei Integritas 2027",
        "regulation": "",
        "intro": "",
        "scale_min": 1,
        "scale_max": 4,
        "display": "labels",
        "scale_labels": "[]",
        "scoring": "{}",
        "elements-TOTAL_FORMS": 2,
        "elements-INITIAL_FORMS": 1,
        "elements-0-id": element.pk,
        "elements-0-version": draft.pk,
        "elements-0-order": 1,
        "elements-0-code": "I1",
        "elements-0-name": "Suap",
        "elements-0-question": "Apakah ada suap?",
        "elements-0-labels": "[]",
        "elements-1-version": draft.pk,
        "elements-1-order": 2,
        "elements-1-code": "I2",
        "elements-1-name": "Calo",
        "elements-1-question": "Apakah ada calo?",
        "elements-1-labels": "[]",
        "fields-TOTAL_FORMS": 0,
        "fields-INITIAL_FORMS": 0,
    }
    response = login(root).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.title == "Survei Integritas 2027"
    assert list(draft.elements.values_list("code", "name")) == [("I1", "Suap"), ("I2", "Calo")]
    assert AuditEvent.objects.filter(action="element.create", actor=root).count() == 1
    assert AuditEvent.objects.filter(action="element.update", actor=root).count() == 1


def test_a_campaign_added_in_the_admin_keeps_the_bundle_order_and_opens_with_links(login, root, world):
    make_service(world.division, "Permohonan Merek")
    period = make_period()
    data = {
        "name": "Kampanye admin",
        "audience": "public",
        "period": period.pk,
        "units": [world.division.pk],
        "campaign_versions-TOTAL_FORMS": 2,
        "campaign_versions-INITIAL_FORMS": 0,
        "campaign_versions-MIN_NUM_FORMS": 1,
        "campaign_versions-0-order": 2,
        "campaign_versions-0-version": standard("SKM").pk,
        "campaign_versions-1-order": 1,
        "campaign_versions-1-version": standard("SPAK").pk,
    }
    client = login(root)
    response = client.post(reverse("admin:instruments_campaign_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Kampanye admin")
    assert [v.instrument.code for v in campaign.ordered_versions()] == ["SPAK", "SKM"]
    assert campaign.status == Campaign.Status.DRAFT
    run_action(client, "campaign", "open_campaigns", [campaign])
    assert PublicLink.objects.filter(campaign=campaign).count() == 2


def test_the_link_admin_switches_links_off_only_in_writable_units(login, world):
    campaign = make_campaign([world.division, world.other_division])
    world.kanwil_admin.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_publiclink", "change_publiclink"])
    )
    run_action(login(world.kanwil_admin), "publiclink", "deactivate", list(campaign.links.all()))
    assert set(campaign.links.values_list("unit__code", "active")) == {
        ("kanwil-jabar-ki", False),
        ("kanwil-bali-ki", True),
    }


def test_every_instruments_admin_page_opens(login, root, world):
    campaign = make_campaign([world.division])
    client = login(root)
    urls = [
        reverse(f"admin:instruments_{model}_{view}")
        for model in ["instrument", "instrumentversion", "campaign", "publiclink"]
        for view in ["changelist"]
    ] + [
        reverse("admin:instruments_instrument_add"),
        reverse("admin:instruments_instrumentversion_add"),
        reverse("admin:instruments_campaign_add"),
        reverse("admin:instruments_campaign_change", args=[campaign.pk]),
        reverse("admin:instruments_publiclink_change", args=[campaign.links.get().pk]),
        reverse("admin:instruments_instrumentversion_change", args=[make_draft().pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_deleting_a_draft_in_the_admin_is_audited_and_a_published_one_is_refused(login, root):
    draft = make_draft()
    client = login(root)
    assert client.post(
        reverse("admin:instruments_instrumentversion_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert not InstrumentVersion.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.get(action="instrument_version.delete").before["number"] == draft.number
    published = standard("SKM")
    with pytest.raises(ValidationError):
        delete_drafts(root, [published])
    page = run_action(client, "instrumentversion", "delete_selected", [published])
    assert page.status_code in (200, 302, 403)  # never an error page
    assert InstrumentVersion.objects.filter(pk=published.pk).exists()


def test_a_campaign_is_deleted_through_the_action_and_one_with_answers_is_refused_with_a_message(
    login, root, world
):
    answered = make_campaign([world.division], name="Sudah dijawab")
    empty = make_campaign([world.division], period=answered.period, open_it=False)
    client = login(root)
    client.post(reverse("admin:instruments_campaign_delete", args=[empty.pk]), {"post": "yes"})
    assert not Campaign.objects.filter(pk=empty.pk).exists()
    assert AuditEvent.objects.get(action="campaign.delete").before["name"] == empty.name
    random_submission(answered, world.division, random.Random(2))
    with pytest.raises(ValidationError, match="masih dipakai"):
        delete_campaigns(root, [answered])
    assert Campaign.objects.filter(pk=answered.pk).exists()


def test_a_refused_delete_in_the_admin_is_a_message_not_an_error_page(login, root):
    client = login(root)
    data = {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"}
    response = client.post(reverse("admin:accounts_user_changelist"), data, follow=True)
    assert response.status_code == 200
    assert "akun Anda sendiri" in response.content.decode()
    assert User.objects.filter(pk=root.pk).exists()
