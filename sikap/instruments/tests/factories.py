"""Test helpers for instruments and campaigns, built on the standard instruments of migration 0002."""

from __future__ import annotations

import datetime
from typing import Any

from sikap.instruments import actions
from sikap.instruments.models import Campaign, Element, Instrument, InstrumentVersion, PublicLink
from sikap.organisation.models import Period, Unit
from sikap.testing.factories import make_period


def standard(code: str) -> InstrumentVersion:
    """Version 1 of a standard instrument (SKM, SPKP, SPAK) as the migration made it."""
    return InstrumentVersion.objects.get(instrument__code=code, number=1)


def bundle() -> list[InstrumentVersion]:
    return [standard("SKM"), standard("SPKP"), standard("SPAK")]


def make_draft(code: str = "UJIDRAF", *, elements: int = 2, **fields: Any) -> InstrumentVersion:
    """A draft of a new instrument with `elements` simple elements on a 1-4 scale."""
    instrument, _ = Instrument.objects.get_or_create(
        code=code, defaults={"name": "Survei Integritas", "method": Instrument.Method.MEAN, "internal": True}
    )
    version = actions.save_draft(
        None, InstrumentVersion(instrument=instrument, title="Survei Integritas", **fields)
    )
    for n in range(1, elements + 1):
        actions.save_element(
            None,
            Element(version=version, code=f"I{n}", name=f"Unsur {n}", question=f"Pertanyaan {n}?", order=n),
        )
    return version


def make_campaign(
    units: list[Unit],
    *,
    period: Period | None = None,
    versions: list[InstrumentVersion] | None = None,
    name: str = "Survei Kepuasan dan Persepsi 2026 Semester II",
    open_it: bool = True,
) -> Campaign:
    campaign = actions.create_campaign(
        None, name=name, period=period or make_period(), versions=versions or bundle(), units=units
    )
    return actions.open_campaign(None, campaign) if open_it else campaign


def unit_link(campaign: Campaign, unit: Unit) -> PublicLink:
    return PublicLink.objects.get(campaign=campaign, unit=unit, service__isnull=True)


IN_PERIOD = datetime.date(2026, 9, 15)
