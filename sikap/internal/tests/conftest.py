"""An open internal campaign with a small roster: three employees with e-mail, two without."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from sikap.instruments.models import Campaign, CampaignVersion, InstrumentVersion
from sikap.internal.models import RosterContact, RosterEntry
from sikap.organisation.models import Period
from sikap.testing.factories import World, make_period, make_scaled_version, make_world


@dataclass
class Internal:
    world: World
    period: Period
    campaign: Campaign
    version: InstrumentVersion
    entries: list[RosterEntry]


def make_internal(world: World | None = None, *, people: int = 5, with_email: int = 3) -> Internal:
    world = world or make_world()
    today = timezone.localdate()
    period = make_period(
        "Internal test period",
        start=today - datetime.timedelta(days=40),
        end=today + datetime.timedelta(days=40),
    )
    version = make_scaled_version("ILKT", scale=(1, 4), elements=("KEP.K", "KEP.T"), allow_na=("KEP.T",))
    campaign = Campaign.objects.create(
        name="Survei internal uji",
        period=period,
        status=Campaign.Status.OPEN,
        audience=Campaign.Audience.INTERNAL,
    )
    CampaignVersion.objects.create(campaign=campaign, version=version, order=0)
    campaign.units.set([world.division])
    entries = []
    for i in range(people):
        entry = RosterEntry.objects.create(
            unit=world.division, period=period, perspective="penyedia" if i == 0 else "pengguna", sex="P"
        )
        if i < with_email:
            RosterContact.objects.create(entry=entry, name=f"Pegawai {i}", email=f"pegawai{i}@example.go.id")
        entries.append(entry)
    return Internal(world, period, campaign, version, entries)


@pytest.fixture
def internal(db: None) -> Internal:
    return make_internal()


@pytest.fixture(autouse=True)
def base_url(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
