"""Per-element sums and counts from answer rows: the rollup every index is computed from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Answer = int | None
AnswerRow = Mapping[str, Answer]


class NoAnswersError(ValueError):
    """Raised when an element that counts towards an index has no answers, so the index is undefined."""

    def __init__(self, codes: Sequence[str], hint: str) -> None:
        """Keep the offending codes for callers that want to show them."""
        self.codes = list(codes)
        listed = ", ".join(self.codes)
        super().__init__(f"element(s) {listed} have no answers, so their mean is undefined; {hint}")


@dataclass(frozen=True)
class Aggregates:
    """Sum and number of answers per element code, and how many rows answered at least one element."""

    sums: dict[str, int]
    counts: dict[str, int]
    respondents: int


def check_answer(value: object, code: str, scale_min: int, scale_max: int, where: str) -> Answer:
    """Validate one answer: None (not answered) or an int on the scale; anything else raises ValueError."""
    if value is None:
        return None
    # bool is an int subclass; a True in the data is a bug upstream, not a score of 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{where}, element {code}: expected a whole number or None, got {value!r}")
    if not scale_min <= value <= scale_max:
        raise ValueError(f"{where}, element {code}: value {value} outside scale {scale_min}-{scale_max}")
    return value


def aggregate_rows(
    rows: Iterable[AnswerRow], codes: Sequence[str], scale_min: int, scale_max: int
) -> Aggregates:
    """Sum the answers to `codes` over rows; other keys are ignored and a missing key counts as blank."""
    sums = dict.fromkeys(codes, 0)
    counts = dict.fromkeys(codes, 0)
    respondents = 0
    for index, row in enumerate(rows):
        answered_any = False
        for code in codes:
            value = check_answer(row.get(code), code, scale_min, scale_max, f"row index {index}")
            if value is not None:
                sums[code] += value
                counts[code] += 1
                answered_any = True
        respondents += answered_any
    return Aggregates(sums=sums, counts=counts, respondents=respondents)


def check_aggregate(code: str, total: object, n: object, scale_min: int, scale_max: int) -> tuple[int, int]:
    """Validate one element's (sum, n) rollup: whole numbers, and a sum reachable on the scale."""
    if isinstance(total, bool) or not isinstance(total, int):
        raise ValueError(f"element {code}: sum must be a whole number, got {total!r}")
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"element {code}: count must be a whole number, got {n!r}")
    if n < 0:
        raise ValueError(f"element {code}: count {n} is negative")
    # A rollup out of step with the scale means corrupt data; better to stop than publish a wrong index.
    if not n * scale_min <= total <= n * scale_max:
        raise ValueError(
            f"element {code}: sum {total} impossible for {n} answers on scale {scale_min}-{scale_max}"
        )
    return total, n


def check_respondents(respondents: int | None, counts: Mapping[str, int]) -> int:
    """Default the respondent count to the largest element n, and reject a count below it."""
    largest = max(counts.values(), default=0)
    if respondents is None:
        return largest
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < largest:
        raise ValueError(f"respondents {respondents!r} must be a whole number >= the largest element n")
    return respondents
