import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.indices.actions import clear_target_override, set_target_override
from sikap.indices.models import TargetOverride
from sikap.indices.targets import target_for
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db

ADMIN = "/admin/indices/targetoverride/"


def test_it_sets_the_minimum_the_targets_then_use_and_audits_it(world):
    period = make_period()
    override = set_target_override(world.kanwil_admin, world.division, period, 80, " arahan Kakanwil ")
    assert (override.minimum, override.reason, override.set_by) == (80, "arahan Kakanwil", world.kanwil_admin)
    assert target_for(world.division, period).minimum == 80
    event = AuditEvent.objects.get(action="target_override.set")
    assert (event.actor, event.before, event.after["minimum"], event.reason) == (
        world.kanwil_admin,
        None,
        80,
        "arahan Kakanwil",
    )


def test_changing_it_keeps_one_row_and_audits_before_and_after(world):
    period = make_period()
    set_target_override(None, world.division, period, 80, "arahan Kakanwil")
    set_target_override(world.admin, world.division, period, 60, "populasi dikoreksi")
    assert TargetOverride.objects.get().minimum == 60
    last = AuditEvent.objects.filter(action="target_override.set").order_by("pk").last()
    assert (last.before["minimum"], last.after["minimum"]) == (80, 60)
    assert last.after["reason"] == "populasi dikoreksi"


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_it_rejects_an_override_without_a_reason(world, reason):
    period = make_period()
    with pytest.raises(ValidationError) as error:
        set_target_override(world.admin, world.division, period, 80, reason)
    assert error.value.message_dict["reason"] == ["Alasan wajib diisi untuk target khusus."]
    assert (
        not TargetOverride.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="target_override").exists()
    )


def test_it_rejects_a_minimum_below_one(world):
    with pytest.raises(ValidationError) as error:
        set_target_override(world.admin, world.division, make_period(), 0, "nol")
    assert "minimum" in error.value.message_dict


def test_a_service_override_is_separate_from_the_whole_units(world):
    period = make_period()
    set_target_override(None, world.division, period, 80, "unit")
    set_target_override(None, world.division, period, 40, "layanan apostille", service_key=7)
    assert target_for(world.division, period).minimum == 80
    assert TargetOverride.objects.count() == 2


def test_clearing_returns_to_the_computed_target_and_is_audited(world):
    period = make_period()
    set_target_override(None, world.division, period, 80, "arahan")
    assert clear_target_override(world.admin, world.division, period, reason="tidak perlu lagi")
    assert target_for(world.division, period).minimum == 30
    event = AuditEvent.objects.get(action="target_override.clear")
    assert (event.before["minimum"], event.after, event.reason) == (80, None, "tidak perlu lagi")
    assert clear_target_override(world.admin, world.division, period) is False


def _with_override_permissions(user):
    user.user_permissions.add(*Permission.objects.filter(content_type__model="targetoverride"))
    return user


def test_a_regional_admin_sees_and_edits_only_its_subtree_in_the_admin(world, login):
    period = make_period()
    own = set_target_override(None, world.division, period, 80, "jabar")
    other = set_target_override(None, world.other_division, period, 90, "bali")
    client = login(_with_override_permissions(world.kanwil_admin))
    listing = client.get(ADMIN).content.decode()
    assert "jabar" in listing and "bali" not in listing
    assert client.get(f"{ADMIN}{own.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}{other.pk}/change/").status_code == 302  # "does not exist" for them
    form = client.get(f"{ADMIN}add/").context["adminform"].form
    assert set(form.fields["unit"].queryset) == {world.kanwil, world.division}


def test_the_admin_saves_through_the_action(world, login):
    period = make_period()
    client = login(_with_override_permissions(world.kanwil_admin))
    data = {"unit": world.division.pk, "period": period.pk, "service_key": 0, "minimum": 55, "reason": ""}
    assert client.post(f"{ADMIN}add/", data).status_code == 200  # the reason is required
    assert not TargetOverride.objects.exists()
    client.post(f"{ADMIN}add/", {**data, "reason": "target pimpinan"})
    override = TargetOverride.objects.get()
    assert (override.minimum, override.set_by) == (55, world.kanwil_admin)
    assert AuditEvent.objects.get(action="target_override.set").actor == world.kanwil_admin
    refused = client.post(f"{ADMIN}add/", {**data, "unit": world.other_division.pk, "reason": "x"})
    assert refused.status_code == 200 and TargetOverride.objects.count() == 1
    client.post(f"{ADMIN}{override.pk}/delete/", {"post": "yes"})
    assert not TargetOverride.objects.exists()
    assert AuditEvent.objects.get(action="target_override.clear").actor == world.kanwil_admin
