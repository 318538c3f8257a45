"""The `demo` command: the Ministry of Law tree, catalogue, user counts and users, loaded idempotently.

Loading takes several seconds, so the module loads it once inside an outer transaction that is rolled back
when the module is done; each test runs in its own savepoint on top of it (as Django's setUpTestData does).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.test import override_settings

from sikap.accounts.models import Membership, User
from sikap.audit.models import AuditEvent
from sikap.demo.data.services import UNIT_SEMESTER_TOTALS, _scale_to_total, semester_users, specs_for
from sikap.demo.loader import DEMO_PASSWORD
from sikap.internal.models import Headcount, RosterEntry
from sikap.organisation.models import Period, Province, Service, ServiceUserCount, Unit

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ESELON_I = {"setjen", "djpp", "ahu", "djki", "itjen", "bphn", "bsk", "bpsdm"}
DIVISION_SUFFIXES = {"tu", "yankum", "ahu", "ki", "p3h"}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")  # the PEKPPP demo's evidence files
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER, MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = StringIO()
            call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# Models whose every row has its own audit event (a roster's entries share their unit's import event).
AUDITED = [Province, Unit, Period, Service, ServiceUserCount, User, Membership, Headcount]


def model_counts():
    models = [*AUDITED, RosterEntry, AuditEvent]
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_the_eselon_i_units_under_the_ministry_root():
    root = Unit.objects.get(code="kemenkum", parent=None)
    assert root.kind == Unit.Kind.MINISTRY
    eselon = Unit.objects.filter(kind=Unit.Kind.ESELON_I)
    assert set(eselon.values_list("code", flat=True)) == ESELON_I
    assert all(unit.parent_id == root.pk for unit in eselon)
    assert set(eselon.values_list("provinces__name", flat=True)) == {"DKI Jakarta"}


def test_33_kanwil_cover_the_38_provinces_each_exactly_once():
    root = Unit.objects.get(code="kemenkum")
    kanwil = Unit.objects.filter(kind=Unit.Kind.KANWIL)
    assert kanwil.count() == 33
    assert set(kanwil.values_list("parent_id", flat=True)) == {root.pk}
    provinces = Province.objects.annotate(n=Count("units", filter=Q(units__kind=Unit.Kind.KANWIL)))
    assert provinces.count() == 38
    assert {p.name: p.n for p in provinces if p.n != 1} == {}
    papua = Unit.objects.get(code="kanwil-papua")
    assert set(papua.provinces.values_list("code", flat=True)) == {"94", "95", "96", "97"}


def test_every_kanwil_has_its_five_divisions():
    for kanwil in Unit.objects.filter(kind=Unit.Kind.KANWIL):
        below = Unit.objects.subtree_of(kanwil).exclude(pk=kanwil.pk)
        assert {u.code.removeprefix(f"{kanwil.code}-") for u in below} == DIVISION_SUFFIXES, kanwil.code
        assert all(u.kind == Unit.Kind.DIVISION for u in below)
        yankum = below.get(code=f"{kanwil.code}-yankum")
        bidang = below.filter(parent=yankum).values_list("name", flat=True)
        region = kanwil.name.removeprefix("Kantor Wilayah Kementerian Hukum ")
        assert set(bidang) == {
            f"Bidang Administrasi Hukum Umum {region}",
            f"Bidang Kekayaan Intelektual {region}",
        }


def test_the_five_balai_harta_peninggalan_sit_under_ditjen_ahu():
    bhp = Unit.objects.filter(kind=Unit.Kind.UPT, parent__code="ahu")
    assert set(bhp.values_list("code", flat=True)) == {
        "bhp-jakarta",
        "bhp-semarang",
        "bhp-surabaya",
        "bhp-medan",
        "bhp-makassar",
    }
    assert Unit.objects.get(code="bhp-medan").provinces.get().name == "Sumatera Utara"


def test_every_unit_with_services_has_a_catalogue_for_2025_and_2026():
    kinds = [Unit.Kind.KANWIL, Unit.Kind.DIVISION, Unit.Kind.UPT]
    with_services = Unit.objects.filter(kind__in=kinds, services__isnull=False).distinct()
    assert with_services.count() == 33 * 4 + 5  # TU, Bidang AHU, Bidang KI, P3H per Kanwil; the BHP
    for unit in with_services:
        assert set(unit.services.values_list("year", flat=True)) == {2025, 2026}, unit.code
    assert Service.objects.filter(unit__code="ahu", year=2026, channel=Service.Channel.ONLINE).count() == 7


def test_the_2026_catalogue_differs_from_2025():
    ahu = Service.objects.filter(unit__code="kanwil-jabar-ahu", name="Pendaftaran Jaminan Fidusia")
    assert dict(ahu.values_list("year", "active")) == {2025: True, 2026: False}
    ki = Service.objects.filter(unit__code="kanwil-jabar-ki")
    assert ki.filter(year=2026).count() == ki.filter(year=2025).count() + 1


def test_every_active_service_has_semester_and_year_counts_and_the_year_is_the_sum():
    for service in Service.objects.filter(active=True).prefetch_related("user_counts__period"):
        users = {c.period.name: c.users for c in service.user_counts.all()}
        year = str(service.year)
        assert set(users) == {year, f"{year} Semester I", f"{year} Semester II"}, service
        assert users[year] == users[f"{year} Semester I"] + users[f"{year} Semester II"], service
        assert min(users.values()) >= 1
    assert not ServiceUserCount.objects.filter(service__active=False).exists()


def test_counts_scale_with_the_size_of_the_kanwil():
    def semester_total(code):
        return ServiceUserCount.objects.filter(
            service__unit__code__startswith=f"{code}-", period__name="2025 Semester I"
        ).aggregate(n=Sum("users"))["n"]

    assert semester_total("kanwil-jabar") > 4 * semester_total("kanwil-papua")


def test_a_kanwil_unit_has_about_48_users_in_a_semester_as_in_the_domain_example():
    users = ServiceUserCount.objects.filter(
        service__unit__code="kanwil-sulbar-ki", period__name="2026 Semester I"
    ).aggregate(n=Sum("users"))["n"]
    assert users == 48


def test_periods_cover_three_years_and_their_semesters():
    names = set(Period.objects.values_list("name", flat=True))
    assert {"2024", "2025", "2026", "2026 Semester I", "2026 Semester II", "2024 Semester II"} <= names
    assert len(names) == 9
    second = Period.objects.get(name="2026 Semester II")
    assert (second.kind, second.start.isoformat(), second.end.isoformat()) == (
        "semester",
        "2026-07-01",
        "2026-12-31",
    )


def test_there_is_one_demo_user_per_role():
    memberships = Membership.objects.select_related("user", "unit")
    assert sorted(m.role for m in memberships) == sorted(
        [*Membership.Role.values, Membership.Role.UNIT_OPERATOR, Membership.Role.LEADER]
    )
    assert {m.user.username: m.unit.code for m in memberships} == {
        "admin": "kemenkum",
        "admin.jabar": "kanwil-jabar",
        "operator.bhp.jakarta": "bhp-jakarta",
        "operator.ki.jabar": "kanwil-jabar-ki",
        "pimpinan": "kemenkum",
        "pimpinan.jabar": "kanwil-jabar",
        "evaluator": "kemenkum",
        "pic.jabar": "kanwil-jabar",
        "pembina": "kemenkum",
        "validator": "kemenkum",
    }
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="admin.jabar").is_staff
    assert not User.objects.get(username="pimpinan").is_staff
    assert all(user.first_name and user.last_name for user in User.objects.all())
    assert User.objects.get(username="operator.ki.jabar").check_password(DEMO_PASSWORD)


def test_every_row_was_created_through_an_audited_action_by_the_system():
    counts = model_counts()
    created = sum(counts[model.__name__] for model in AUDITED)
    labels = {model._meta.label_lower for model in AUDITED}
    assert AuditEvent.objects.filter(object_type__in=labels).count() == created
    # Each roster (unit and period) came from one import, audited on its headcount.
    rosters = RosterEntry.objects.values("unit_id", "period_id").distinct().count()
    assert AuditEvent.objects.filter(action="internal.roster_import").count() == rosters
    # The system loads everything; in PEKPPP the evaluator sets the levels and recommends, and the
    # validator confirms (which turns the recommendations into follow-up items); BHP Jakarta's operator
    # registers the demo kiosk tablet.
    assert set(AuditEvent.objects.values_list("actor_name", flat=True)) == {
        "system",
        "evaluator",
        "validator",
        "operator.bhp.jakarta",
    }
    by_people = AuditEvent.objects.exclude(actor_name="system").values_list("action", flat=True).distinct()
    assert set(by_people) == {
        "pekppp.score.set",
        "pekppp.score.finalise",
        "pekppp.clarification.ask",
        "pekppp.recommendation.add",
        "pekppp.lokus.validate",
        "followup.create",
        "kiosk.register",
    }


def test_running_it_again_changes_nothing():
    before = model_counts()
    out = StringIO()
    call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=out)
    assert model_counts() == before
    assert "nothing changed" in out.getvalue()


def test_it_leaves_an_existing_user_alone():
    user = User.objects.get(username="pimpinan.jabar")
    user.set_password("kata-sandi-pribadi-7")
    user.save()
    user.memberships.all().delete()
    call_command("demo", "--i-know-this-is-not-production", "--no-responses", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("kata-sandi-pribadi-7")
    assert not user.memberships.exists()


def test_it_prints_the_logins_and_accepts_no_responses():
    out = StringIO()
    call_command("demo", "--i-know-this-is-not-production", "--print-logins", "--no-responses", stdout=out)
    text = out.getvalue()
    assert "operator.bhp.jakarta" in text
    assert "pic.jabar" in text and "Administrator survei internal (PIC)" in text
    assert "Balai Harta Peninggalan Jakarta" in text
    assert DEMO_PASSWORD in text


def test_the_subtree_of_a_kanwil_is_itself_and_its_five_divisions_in_one_query(django_assert_num_queries):
    kanwil = Unit.objects.get(code="kanwil-jabar")
    with django_assert_num_queries(1):
        codes = [unit.code for unit in Unit.objects.subtree_of(kanwil)]
    assert len(codes) == 6
    assert codes[0] == "kanwil-jabar"


def test_user_counts_are_deterministic():
    spec = specs_for("kanwil-ki", 2025)[0]
    assert semester_users("kanwil-aceh-ki", 0.9, spec, 2025) == semester_users(
        "kanwil-aceh-ki", 0.9, spec, 2025
    )
    assert semester_users("kanwil-aceh-ki", 0.9, spec, 2025) != semester_users(
        "kanwil-bali-ki", 0.9, spec, 2025
    )


def test_scaling_to_a_fixed_total_keeps_every_service_and_hits_the_total():
    scaled = _scale_to_total({("a", "counter"): 90, ("b", "counter"): 9, ("c", "online"): 1}, 48)
    assert sum(scaled.values()) == 48
    assert min(scaled.values()) >= 1
    assert ("kanwil-sulbar-ki", 2026, 1) in UNIT_SEMESTER_TOTALS


def test_bhp_jakarta_has_one_registered_kiosk_tablet_waiting_to_be_paired():
    from sikap.demo.kiosk import load_kiosk
    from sikap.kiosk.models import KioskDevice

    device = KioskDevice.objects.select_related("link__unit", "created_by").get()
    assert device.link.unit.code == "bhp-jakarta" and device.link.service is None
    assert device.created_by.username == "operator.bhp.jakarta" and device.state() == "unpaired"
    assert load_kiosk() == 0  # a rerun registers nothing more
