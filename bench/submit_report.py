"""Figures and the side-by-side table of the submission benchmark (bench/submit.py)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from bench.submit_clients import Tally
from bench.submit_servers import Stored

KINDS = ("GET form", "POST form", "GET thanks")
P99_GOAL_MS = 100.0


@dataclass
class Phase:
    name: str
    seconds: float
    tally: Tally
    cpu: dict[str, float]
    waits: Counter[str] = field(default_factory=Counter)
    rate: float = 0.0  # offered arrivals per second (open loop); 0 when flat out

    @property
    def accepted_rate(self) -> float:
        return self.tally.accepted_in_window / self.seconds

    @property
    def cpu_ms(self) -> float:
        """Server CPU (gunicorn + PostgreSQL) per accepted response: it hardly depends on the neighbours."""
        served = self.tally.accepted_in_window
        busy = self.cpu["gunicorn"] + self.cpu["postgres"]
        return busy * self.seconds / served * 1000 if served else float("nan")


@dataclass
class Code:
    """One code measured: its phases and what its database stored."""

    name: str
    database_url: str
    flat: Phase | None = None
    open: Phase | None = None
    stored: Stored | None = None
    ceiling_rows: Counter[str] | None = None  # the ceiling stores into bench_ceiling, not Submission
    extra_keys: list[str] = field(default_factory=list)  # accepted outside the phases (capturing the form)
    server_errors: str = ""

    def check(self) -> tuple[str, bool]:
        """stored == accepted: every key answered with a 302 stored once, nothing stored that was not."""
        phases = [p for p in (self.flat, self.open) if p is not None]
        accepted = [k for p in phases for k in p.tally.accepted_keys] + self.extra_keys
        unanswered = {k for p in phases for k in p.tally.unanswered_keys}
        if self.ceiling_rows is not None:
            rows = self.ceiling_rows
        else:
            assert self.stored is not None
            rows = self.stored.keys
        distinct = set(accepted)
        lost = distinct - set(rows)
        twice = sum(n - 1 for n in rows.values() if n > 1) + len(accepted) - len(distinct)
        extra = set(rows) - distinct - unanswered
        ok = bool(accepted) and not lost and not twice and not extra
        line = (
            f"{self.name:<10} accepted {len(accepted)}, stored {sum(rows.values())}: "
            f"{'stored == accepted' if ok else 'MISMATCH'} (lost {len(lost)}, twice {twice}, "
            f"stored but never answered {len(extra)}, "
            f"stored after the client gave up {len(set(rows) & unanswered)})"
        )
        if self.stored is not None and self.ceiling_rows is None:
            s = self.stored
            line += f"; {s.responses} responses, {s.answers} answers, {dict(s.statuses)}"
            if s.uneven:
                line += f"; {s.uneven} submissions with an unusual number of responses"
                ok = False
            if s.counted >= 0 and s.counted != sum(rows.values()):
                line += f"; the rollups count {s.counted} respondents"
                ok = False
        if self.server_errors:
            line += "\n  gunicorn log: " + "\n  ".join(self.server_errors.splitlines()[-8:])
        return line, ok


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile, in milliseconds."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-fraction * len(ordered) // 1)) - 1))
    return ordered[index] * 1000


def describe(phase: Phase) -> list[str]:
    tally, seconds = phase.tally, phase.seconds
    head = f"{phase.name}: {tally.requests_in_window / seconds:.1f} requests/s, "
    head += f"{phase.accepted_rate:.1f} accepted/s"
    lines = [head + (f" (offered {phase.rate:.1f} arrivals/s)" if phase.rate else "")]
    series = {**tally.latencies, "respondent": tally.respondents}
    for kind, values in sorted(series.items()):
        if values:
            lines.append(
                f"  {kind:<12} n={len(values):6d}  p50 {percentile(values, 0.50):7.1f} ms  "
                f"p99 {percentile(values, 0.99):7.1f} ms  max {max(values) * 1000:7.1f} ms"
            )
    errors = ", ".join(f"{k}: {v}" for k, v in tally.errors.most_common()) or "none"
    lines.append(f"  errors: {errors}")
    if phase.waits:
        samples = phase.waits.pop("(samples)")
        busy = ", ".join(f"{event} {n / samples:.2f}" for event, n in phase.waits.most_common(6))
        lines.append(f"  PostgreSQL backends busy, on average: {busy or 'none'}")
    cpu = phase.cpu
    lines.append(
        f"  CPU (cores busy, of {os.cpu_count()}): machine {cpu['machine']:.2f}, "
        f"gunicorn {cpu['gunicorn']:.2f}, "
        f"PostgreSQL {cpu['postgres']:.2f}, bench clients {cpu['clients']:.2f}; "
        f"neighbours {cpu['machine'] - cpu['gunicorn'] - cpu['postgres'] - cpu['clients']:.2f}"
    )
    if not phase.rate and tally.accepted_in_window:
        lines.append(f"  server CPU per accepted response: {phase.cpu_ms:.1f} ms (gunicorn + PostgreSQL)")
    return lines


def goals_table(codes: list[Code], clients: int) -> list[str]:
    """The three side by side, and each goal: met, or by how far it is missed."""
    by = {c.name: c for c in codes}
    names = [c.name for c in codes]

    def row(label: str, cell, goal: str = "", verdict: str = "") -> str:
        cells = "".join(f"{cell(c):>16}" for c in codes)
        return f"{label:<34}{cells}   {goal:<34} {verdict}"

    def fmt(value: float, digits: int = 1) -> str:
        return "-" if value != value else f"{value:,.{digits}f}"

    def p(c: Code, kind: str) -> str:
        if c.open is None:
            return "-"
        v = c.open.tally.respondents if kind == "respondent" else c.open.tally.latencies.get(kind, [])
        return f"{fmt(percentile(v, 0.5), 0)} / {fmt(percentile(v, 0.99), 0)}"

    lines = [f"{'':<34}" + "".join(f"{n:>16}" for n in names) + f"   {'goal':<34} verdict"]
    new, base, ceil = by.get("new"), by.get("baseline"), by.get("ceiling")
    cpu = {n: (by[n].flat.cpu_ms if by[n].flat else float("nan")) for n in names}
    goal = verdict = ""
    if new and base and new.flat and base.flat:
        target = cpu["baseline"] / 4
        goal = f"new <= baseline / 4 = {target:.1f} ms"
        verdict = "met" if cpu["new"] <= target else f"NOT met: {cpu['new'] / target:.1f}x the goal"
    lines.append(row("server CPU per accepted, ms", lambda c: fmt(cpu[c.name]), goal, verdict))
    rate = {n: (by[n].flat.accepted_rate if by[n].flat else float("nan")) for n in names}
    goal = verdict = ""
    if new and ceil and new.flat and ceil.flat:
        share = rate["new"] / rate["ceiling"]
        goal = f"new >= 60 % of ceiling = {0.6 * rate['ceiling']:.1f}/s"
        verdict = "met" if share >= 0.6 else f"NOT met: {share:.1%} of the ceiling"
    lines.append(row(f"accepted/s flat out, {clients} clients", lambda c: fmt(rate[c.name]), goal, verdict))
    lines.append(row("open loop: offered arrivals/s", lambda c: fmt(c.open.rate) if c.open else "-"))
    for kind in KINDS:
        lines.append(row(f"  {kind} p50 / p99, ms", lambda c, k=kind: p(c, k)))
    lines.append(row("  respondent p50 / p99, ms", lambda c: p(c, "respondent")))
    goal = verdict = ""
    if new and new.open:
        worst = max(percentile(new.open.tally.latencies.get(k, []), 0.99) for k in KINDS)
        goal = f"new: every request's p99 < {P99_GOAL_MS:.0f} ms"
        verdict = "met" if worst < P99_GOAL_MS else f"NOT met: worst p99 {worst:.0f} ms"
    lines.append(row("open loop: worst request p99, ms", lambda c: _worst(c), goal, verdict))
    checks = {c.name: c.check()[1] for c in codes}
    verdict = "met" if all(checks.values()) else "NOT met"
    lines.append(
        row("stored == accepted", lambda c: "yes" if checks[c.name] else "NO", "every code", verdict)
    )
    return lines


def _worst(c: Code) -> str:
    if c.open is None:
        return "-"
    return f"{max(percentile(c.open.tally.latencies.get(k, []), 0.99) for k in KINDS):.0f}"
