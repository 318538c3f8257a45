"""Mean and t confidence interval from rollups; t quantiles against published table values."""

from __future__ import annotations

import math
import statistics as stdlib_statistics

import pytest

from sikap.scoring import mean_ci, student_t_quantile, t_critical
from sikap.scoring.statistics import student_t_cdf


@pytest.mark.parametrize(
    ("df", "confidence", "expected"),
    [
        (1, 0.95, 12.7062047362),
        (2, 0.95, 4.3026527297),
        (5, 0.95, 2.5705818366),
        (10, 0.95, 2.2281388520),
        (28, 0.95, 2.0484071418),
        (30, 0.95, 2.0422724563),
        (100, 0.95, 1.9839715185),
        (1000, 0.95, 1.9623390808),
        (1, 0.99, 63.6567411629),
        (10, 0.99, 3.1692726726),
        (10, 0.90, 1.8124611228),
    ],
)
def test_t_critical_values_match_published_tables(df: int, confidence: float, expected: float) -> None:
    assert t_critical(df, confidence) == pytest.approx(expected, abs=1e-8)


def test_very_large_df_uses_the_normal_quantile() -> None:
    assert t_critical(10**7) == pytest.approx(1.959964, abs=1e-6)


def test_the_t_cdf_matches_the_closed_form_for_one_df() -> None:
    for t in (-3.0, -0.5, 0.0, 1.0, 7.0):
        assert student_t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-12)
    assert student_t_quantile(0.025, 10) == pytest.approx(-2.2281388520, abs=1e-8)


def test_mean_ci_from_rollups_matches_the_raw_data() -> None:
    values = [4, 3, 3, 4, 2, 4, 3, 3, 4, 4, 3, 1]
    interval = mean_ci(len(values), sum(values), sum(v * v for v in values))
    assert interval.mean == pytest.approx(stdlib_statistics.mean(values))
    assert interval.sd == pytest.approx(stdlib_statistics.stdev(values))
    half = t_critical(len(values) - 1) * stdlib_statistics.stdev(values) / math.sqrt(len(values))
    assert interval.half_width == pytest.approx(half)
    assert (interval.lower, interval.upper) == pytest.approx((interval.mean - half, interval.mean + half))


def test_the_finite_population_correction_narrows_the_interval() -> None:
    plain = mean_ci(43, 150, 540)
    corrected = mean_ci(43, 150, 540, population=48)
    assert corrected.half_width == pytest.approx(plain.half_width * math.sqrt(5 / 47))
    assert mean_ci(48, 150, 540, population=48).half_width == 0


def test_mean_ci_rejects_impossible_rollups() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        mean_ci(1, 4, 16)
    with pytest.raises(ValueError, match="inconsistent"):
        mean_ci(3, 9, 20)
    with pytest.raises(ValueError, match="confidence"):
        mean_ci(3, 9, 30, confidence=1.0)
