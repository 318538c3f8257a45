"""An admin overrides a headcount with a reason, audited; clearing it is audited too; others may not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sikap.audit.models import AuditEvent
from sikap.internal.actions import set_headcount
from sikap.internal.models import Headcount
from sikap.internal.tests.helpers import period

pytestmark = pytest.mark.django_db


@pytest.fixture
def semester(world):
    return period()


def url(world, semester):
    return reverse("internal:headcount", args=[world.division.code, semester.pk])


def test_a_regional_admin_overrides_with_a_reason_and_it_is_audited(world, semester, login):
    client = login(world.kanwil_admin)
    client.post(url(world, semester), {"override": "120", "reason": "12 pegawai belum masuk berkas"})
    headcount = Headcount.objects.get(unit=world.division, period=semester)
    assert (headcount.value, headcount.reason, headcount.set_by) == (
        120,
        "12 pegawai belum masuk berkas",
        world.kanwil_admin,
    )
    event = AuditEvent.objects.get(action="internal.headcount_override")
    assert event.actor == world.kanwil_admin and event.reason == "12 pegawai belum masuk berkas"
    assert event.after["override"] == 120
    page = client.get(
        reverse("internal:roster_unit", args=[world.division.code, semester.pk])
    ).content.decode()
    assert "12 pegawai belum masuk berkas" in page and "admin.jabar" in page


def test_an_override_without_a_reason_is_refused(world, semester, login):
    login(world.admin).post(url(world, semester), {"override": "120", "reason": " "})
    assert not Headcount.objects.filter(override__isnull=False).exists()
    with pytest.raises(ValidationError):
        set_headcount(world.admin, world.division, semester, 120, "  ")


def test_clearing_needs_a_reason_and_is_audited(world, semester, login):
    set_headcount(world.admin, world.division, semester, 50, "sensus pegawai")
    login(world.admin).post(url(world, semester), {"clear": "on", "reason": "berkas sudah lengkap"})
    headcount = Headcount.objects.get()
    assert headcount.override is None and headcount.value == 0
    cleared = AuditEvent.objects.get(action="internal.headcount_override_cleared")
    assert cleared.reason == "berkas sudah lengkap" and cleared.before["override"] == 50


def test_an_operator_and_a_leader_get_403_and_an_outsider_404(world, semester, login):
    data = {"override": "5", "reason": "coba"}
    assert login(world.operator).post(url(world, semester), data).status_code == 403
    assert login(world.leader).post(url(world, semester), data).status_code == 403
    assert login(world.outsider).post(url(world, semester), data).status_code == 404
    assert not Headcount.objects.exists()
    with pytest.raises(PermissionDenied):
        set_headcount(world.operator, world.division, semester, 5, "coba")
