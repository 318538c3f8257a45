"""Exact number conversion and regulation rounding shared by the scoring modules."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

NumberLike = int | float | Decimal | Fraction | str


def to_fraction(value: NumberLike, what: str = "value") -> Fraction:
    """Convert a number (or numeric string) to an exact Fraction, rejecting bool, NaN and infinity."""
    # bool is an int subclass: a stray True must not silently become 1.
    if isinstance(value, bool):
        raise ValueError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{what}: expected a finite number, got {value!r}")
        # Use the shortest decimal repr so 0.1 means one tenth, not its binary neighbour.
        return Fraction(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what}: expected a finite number, got {value!r}")
        return Fraction(value)
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.strip().replace(",", "."))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{what}: {value!r} is not a number") from None
    raise ValueError(f"{what}: expected a number, got {type(value).__name__}")


def round_half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact value to `places` decimals, halves away from zero (Decimal ROUND_HALF_UP)."""
    scaled = abs(value) * 10**places
    digits = math.floor(scaled + Fraction(1, 2))
    return Decimal(-digits if value < 0 else digits).scaleb(-places)
