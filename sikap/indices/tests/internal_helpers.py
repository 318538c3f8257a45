"""Internal campaigns (ILK, integrity) answered through the real submit action, for hand-worked tests."""

from __future__ import annotations

from typing import Any

from sikap.indices.tests.helpers import submit_answers
from sikap.instruments.models import Campaign, InstrumentVersion
from sikap.internal.models import Headcount, InternalSettings
from sikap.organisation.models import Period, Unit
from sikap.scoring.ilk import STANDARD_ITEMS
from sikap.testing.factories import make_campaign


def internal_campaign(
    units: list[Unit],
    codes: tuple[str, ...] = ("ILK",),
    *,
    period: Period | None = None,
    k: int = 5,
    profile: str = "itjen-2024",
) -> Campaign:
    campaign = make_campaign(units, period, codes, with_service_links=False)
    campaign.audience = Campaign.Audience.INTERNAL
    campaign.save(update_fields=["audience"])
    InternalSettings.objects.create(campaign=campaign, k=k, integrity_profile=profile)
    return campaign


def version_of(campaign: Campaign, code: str) -> InstrumentVersion:
    return next(v for v in campaign.ordered_versions() if v.instrument.code == code)


def answer(
    campaign: Campaign,
    unit: Unit,
    values: dict[str, Any],
    *,
    code: str = "ILK",
    every: Any = None,
    **profile: Any,
) -> Any:
    """One respondent: `every` for each item not in `values` (None: left blank), "TT" for not applicable."""
    version = version_of(campaign, code)
    data: dict[str, Any] = {}
    for element in version.elements.all():
        value = values.get(element.code, every)
        if value is not None:
            data[f"{code}-{element.code}"] = value
    data.update({key: value for key, value in profile.items() if value})
    return submit_answers(campaign, unit, data)


def ilk_everywhere(value: Any, **overrides: Any) -> dict[str, Any]:
    """Every standard ILK item answered `value`, with overrides by item code (KEP_K -> KEP.K)."""
    found: dict[str, Any] = dict.fromkeys(STANDARD_ITEMS, value)
    found.update({key.replace("_", "."): v for key, v in overrides.items()})
    return found


def set_headcount(unit: Unit, period: Period, value: int) -> None:
    Headcount.objects.update_or_create(unit=unit, period=period, defaults={"roster": value})
