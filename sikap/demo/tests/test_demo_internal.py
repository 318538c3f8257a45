"""The internal-survey demo: rosters, the two campaigns, invitations, answers, one unit under k and one
uneven Kanwil, all through the actions, and idempotent.

The organisation is loaded once for the module (inside an outer transaction rolled back at the end), then
the internal demo on a fixed "today" (2026-11-21, in 2026 Semester II; the previous is 2026 Semester I).
"""

import datetime

import pytest
from django.db import transaction
from django.db.models import Count, Q
from django.test import override_settings
from django.utils import timezone

from sikap.audit.models import AuditEvent
from sikap.demo.data import internal as data
from sikap.demo.internal import _roster_rows, campaign_name, load_internal, roster_sizes
from sikap.demo.loader import load_demo
from sikap.indices import strata
from sikap.instruments.demo import latest_published
from sikap.instruments.models import Campaign
from sikap.internal.invitations import settings_of
from sikap.internal.models import Headcount, Invitation, RosterContact, RosterEntry
from sikap.internal.participation import participation
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Answer, Submission

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)
CURRENT, PREVIOUS = "2026 Semester II", "2026 Semester I"
PROFILE = {"perspektif", "jenis_jabatan", "jenis_kelamin", "kelompok_usia", "masa_kerja"}


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo(responses=False, pekppp=False)
            yield load_internal(today=TODAY)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def campaign(period_name):
    period = Period.objects.get(name=period_name)
    return Campaign.objects.get(name=campaign_name(period), period=period)


def version(code):
    return latest_published((code,))[0]


def unit(code):
    return Unit.objects.get(code=code)


@pytest.mark.parametrize("period_name", [CURRENT, PREVIOUS])
def test_rosters_cover_setjen_three_kanwil_with_their_divisions_and_one_upt(period_name):
    period = Period.objects.get(name=period_name)
    sizes = dict(
        RosterEntry.objects.filter(period=period).values_list("unit__code").annotate(n=Count("pk")).order_by()
    )
    assert set(sizes) == set(roster_sizes())
    assert len(sizes) == 1 + 3 * 6 + 1
    assert {u.kind for u in Unit.objects.filter(code__in=sizes)} == {"eselon1", "kanwil", "division", "upt"}
    assert all(7 <= n <= 300 for n in sizes.values()), sizes
    assert sizes["setjen"] > 200 and sizes[data.UNDER_K_UNIT] == data.UNDER_K[0]
    headcounts = dict(Headcount.objects.filter(period=period).values_list("unit__code", "roster").order_by())
    assert headcounts == sizes


def test_the_mix_of_perspectives_job_types_and_contacts_is_plausible():
    period = Period.objects.get(name=CURRENT)
    entries = RosterEntry.objects.filter(period=period)
    for code in roster_sizes():
        mine = entries.filter(unit__code=code)
        mix = mine.breakdown("perspective")
        assert mix.get("pimpinan", 0) >= 1, code
        if code in data.PROVIDER_UNITS:
            assert 0.08 <= mix.get("penyedia", 0) / mine.count() <= 0.22, (code, mix)
        else:
            assert "penyedia" not in mix, code
    assert set(entries.breakdown("job_type")) == {"struktural", "fungsional", "pelaksana", "pppk", "ppnpn"}
    assert set(entries.breakdown("sex")) == {"L", "P"}
    assert len(entries.breakdown("age_band")) == 4 and len(entries.breakdown("service_band")) == 4
    with_email = RosterContact.objects.filter(entry__period=period).exclude(email="")
    assert 0.6 < with_email.count() / entries.count() < 0.85
    assert all(email.endswith("@example.go.id") for email in with_email.values_list("email", flat=True))
    assert entries.filter(contact__isnull=True).exists()  # neither name nor contact: a code slip only


def test_the_current_campaign_is_open_and_the_previous_closed_with_their_settings():
    current, previous = campaign(CURRENT), campaign(PREVIOUS)
    assert (current.status, previous.status) == (Campaign.Status.OPEN, Campaign.Status.CLOSED)
    for found in (current, previous):
        assert found.audience == Campaign.Audience.INTERNAL
        assert [v.instrument.code for v in found.ordered_versions()] == ["ILK", "INTEGRITAS"]
        assert set(found.units.values_list("code", flat=True)) == set(roster_sizes())
        assert not found.links.exists()
        settings = settings_of(found)
        assert (settings.pk is not None, settings.k, settings.reminder_days) == (True, 5, 7)


@pytest.mark.parametrize("period_name", [CURRENT, PREVIOUS])
def test_everyone_is_invited_and_answered_counts_match_the_submissions(period_name):
    found = campaign(period_name)
    invitations = Invitation.objects.filter(campaign=found)
    assert invitations.count() == RosterEntry.objects.filter(period=found.period).count()
    slips = invitations.filter(channel=Invitation.Channel.SLIP).count()
    assert (
        slips
        == RosterEntry.objects.filter(period=found.period)
        .filter(Q(contact__isnull=True) | Q(contact__email=""))
        .count()
    )
    used = dict(invitations.filter(used=True).values_list("entry__unit__code").annotate(n=Count("pk")))
    answered = dict(
        Submission.objects.filter(campaign=found).values_list("unit__code").annotate(n=Count("pk")).order_by()
    )
    assert used == answered
    rows = participation(found, Unit.objects.filter(code__in=roster_sizes()), today=TODAY)
    assert {p.unit.code: p.answered for p in rows} == answered
    for row in rows:
        if row.unit.code == data.UNDER_K_UNIT:
            assert row.answered < 5
        else:
            assert 0.55 <= row.answered / row.invited <= 0.93, (row.unit.code, row.rate)
    total = sum(p.answered for p in rows) / sum(p.invited for p in rows)
    assert 0.6 <= total <= 0.9


def test_answers_keep_the_roster_attributes_and_the_day_only():
    found = Submission.objects.filter(campaign__audience=Campaign.Audience.INTERNAL)
    assert set(found.values_list("channel", flat=True)) == {Submission.Channel.INTERNAL}
    assert not found.exclude(device_hash="", network_hash="").exists()
    assert not found.filter(link__isnull=False).exists()
    for submission in found[:300]:
        assert timezone.localtime(submission.created_at) == timezone.make_aware(
            datetime.datetime.combine(submission.answered_on, datetime.time())
        )
        assert set(submission.extra) <= PROFILE | {"saran"}
        assert submission.extra["perspektif"] in {"pengguna", "penyedia", "pimpinan"}
    current = Period.objects.get(name=CURRENT)
    days = found.filter(period=current).values_list("answered_on", flat=True)
    assert all(current.start <= day <= TODAY for day in days)


def test_some_answers_are_not_applicable_or_dont_know_and_free_text_only_at_k_or_more():
    for code in ("ILK", "INTEGRITAS"):
        answers = Answer.objects.filter(response__version=version(code))
        share = answers.filter(not_applicable=True).count() / answers.count()
        assert 0.02 < share < 0.15, (code, share)
    internal = Submission.objects.filter(campaign__audience=Campaign.Audience.INTERNAL)
    with_text = internal.filter(extra__has_key="saran")
    assert with_text.count() >= 20
    assert not with_text.filter(unit__code=data.UNDER_K_UNIT).exists()


@pytest.mark.parametrize("period_name", [CURRENT, PREVIOUS])
def test_one_unit_is_under_k_and_withheld(period_name):
    period = Period.objects.get(name=period_name)
    rollup = strata.rollup(unit("kemenkum"), version("ILK"), period)
    withheld = [s.unit.code for s in rollup.strata if s.result is not None and s.result.suppressed]
    assert withheld == [data.UNDER_K_UNIT]


@pytest.mark.parametrize("period_name", [CURRENT, PREVIOUS])
def test_the_ilk_and_integrity_scores_are_plausible_and_one_kanwil_is_uneven(period_name):
    period = Period.objects.get(name=period_name)
    ilk = version("ILK")
    kanwil = [unit(f"kanwil-{slug}") for slug, _size in data.KANWIL]
    root = unit("kemenkum")
    ups = strata.rollups([root, *kanwil], ilk, period)
    assert 3.6 <= ups[root.pk].weighted.index <= 3.9
    equity = strata.across({k.pk: ups[k.pk] for k in kanwil}, ups[root.pk])
    assert [row.key for row in equity.flagged] == [data.UNEVEN_KANWIL]
    uneven = ups[unit(data.UNEVEN_KANWIL).pk]
    assert {s.unit.code for s in uneven.flagged} == set(data.ILK_WEAK)
    assert not ups[unit("kanwil-jabar").pk].flagged
    others = [ups[k.pk].weighted.index for k in kanwil if k.code != data.UNEVEN_KANWIL]
    assert uneven.weighted.index < min(others) - 0.2
    integrity = strata.rollups([root, unit(data.UNEVEN_KANWIL)], version("INTEGRITAS"), period)
    assert 75 <= integrity[root.pk].weighted.index <= 85
    assert integrity[unit(data.UNEVEN_KANWIL).pk].weighted.index < integrity[root.pk].weighted.index - 2


def test_every_roster_and_campaign_step_is_audited_by_the_system():
    rosters = RosterEntry.objects.values("unit_id", "period_id").distinct().count()
    imports = AuditEvent.objects.filter(action="internal.roster_import")
    assert imports.count() == rosters == Headcount.objects.count()
    for found in (campaign(CURRENT), campaign(PREVIOUS)):
        events = AuditEvent.objects.filter(object_type="instruments.campaign", object_id=str(found.pk))
        actions = set(events.values_list("action", flat=True))
        assert {"campaign.create", "internal.settings", "campaign.open", "internal.invite"} <= actions
    assert "campaign.close" in set(
        AuditEvent.objects.filter(object_id=str(campaign(PREVIOUS).pk)).values_list("action", flat=True)
    )
    # The demo's only other actor: the operator registering BHP Jakarta's kiosk tablet (demo/kiosk.py).
    others = AuditEvent.objects.exclude(action__startswith="kiosk.")
    assert set(others.values_list("actor_name", flat=True)) == {"system"}


def test_running_it_again_changes_nothing():
    models = [RosterEntry, RosterContact, Headcount, Campaign, Invitation, Submission, Answer, AuditEvent]
    before = {m.__name__: m.objects.count() for m in models}
    again = load_internal(today=TODAY)
    assert (again.rosters, again.campaigns, again.invitations, again.answers) == (0, 0, 0, 0)
    assert again.rosters_existing == 2 * len(roster_sizes()) and again.campaigns_existing == 2
    assert {m.__name__: m.objects.count() for m in models} == before


def test_rosters_are_deterministic():
    period = Period.objects.get(name=CURRENT)
    assert _roster_rows("kanwil-jabar-tu", 70, period) == _roster_rows("kanwil-jabar-tu", 70, period)
    assert _roster_rows("kanwil-jabar-tu", 70, period) != _roster_rows("kanwil-sumut-tu", 70, period)


def test_the_indices_command_states_the_internal_campaigns_participation_not_a_public_target():
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "indices",
        "--instrument",
        "ILK",
        "--period",
        CURRENT,
        "--unit",
        "kanwil-jabar",
        "--subtree",
        "--json",
        stdout=out,
    )
    found = json.loads(out.getvalue())
    row = found[0] if isinstance(found, list) else found
    kanwil = Unit.objects.get(code="kanwil-jabar")
    rows = [r for r in participation(campaign(CURRENT), today=TODAY) if r.unit.path.startswith(kanwil.path)]
    assert row["invited"] == sum(r.invited for r in rows)
    assert row["attained"] == sum(r.answered for r in rows) == row["respondents"]
    assert row["target"] == sum(r.target for r in rows) < row["headcount"]  # 75 % of the headcount
    assert row["units_total"] == len(rows)
