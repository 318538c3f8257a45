"""Reporting periods of the demo: calendar years and their semesters."""

from __future__ import annotations

import datetime
from typing import NamedTuple


class PeriodSpec(NamedTuple):
    name: str
    kind: str  # a Period.Kind value
    start: datetime.date
    end: datetime.date


def year_name(year: int) -> str:
    return str(year)


def semester_name(year: int, semester: int) -> str:
    return f"{year} Semester {'I' * semester}"


def build_periods(years: tuple[int, ...] = (2024, 2025, 2026)) -> tuple[PeriodSpec, ...]:
    periods = []
    for year in years:
        periods.append(
            PeriodSpec(year_name(year), "year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        )
        periods.append(
            PeriodSpec(
                semester_name(year, 1), "semester", datetime.date(year, 1, 1), datetime.date(year, 6, 30)
            )
        )
        periods.append(
            PeriodSpec(
                semester_name(year, 2), "semester", datetime.date(year, 7, 1), datetime.date(year, 12, 31)
            )
        )
    return tuple(periods)


PERIODS: tuple[PeriodSpec, ...] = build_periods()
