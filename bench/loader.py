"""Fast bulk loader for the indices benchmark: synthetic responses written straight into PostgreSQL with COPY.

    world = prepare("2026 Semester II", ("SKM", "SPKP", "SPAK"))   # after `sikap demo --no-responses`
    stats = load(world, 1_000_000, seed=1)                          # appends; call again to grow

Over the demo organisation: every unit in the period's campaign gets submissions in proportion to its
service users in the period (so Jawa Barat gets far more than Sulawesi Barat), each on a service of the unit
(weighted by its users) with that service's public link; answers follow each unit's quality as the demo's
synthetic responses do (`sikap.demo.data.respondents`: most units grade B, weak units C/D with their weak
elements, perception high except a few units), with a respondent mood shared by all their answers; profiles,
channels and days (working days up to today) are plausible; 2 % suspect and 0.5 % rejected.

Ids are assigned by the loader (continuing after the largest stored id) so responses and answers can point
at their parents without a round trip. Submissions go as COPY text; responses and answers, the bulk, as
COPY binary built with numpy (fixed-size records, no per-row Python). Foreign-key triggers are off while
loading (`session_replication_role = replica`): rows are consistent by construction, and Django's
deferred FK checks would otherwise queue one trigger event per row. The loader bypasses
`responses.actions` and the rollups on purpose: the benchmark rebuilds the rollups afterwards.
"""

from __future__ import annotations

import datetime
import random
import struct
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, transaction

from sikap.demo.data import respondents as quality
from sikap.demo.responses import latent_mean
from sikap.indices.targets import working_days
from sikap.instruments.demo import campaign_name
from sikap.instruments.models import Campaign, InstrumentVersion, PublicLink
from sikap.organisation.models import Period, ServiceUserCount, Unit
from sikap.responses.models import Answer, Response, Submission

PGCOPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack("!ii", 0, 0)
PGCOPY_TRAILER = struct.pack("!h", -1)
NULL = "\\N"  # COPY text's NULL
SUSPECT_REASONS = '["too_fast"]'
PERSON_SD = 0.3
NOISE_SD = {4: 0.45, 6: 0.6}

SUBMISSION_COLUMNS = [
    "id", "key", "campaign_id", "link_id", "period_id", "unit_id", "service_id", "channel", "created_at",
    "answered_on", "duration_seconds", "language", "device_hash", "network_hash", "status", "signals",
    "reasons", "verified", "review_reason", "age", "sex", "education", "occupation", "extra", "suggestion",
    "complaint",
]  # fmt: skip
CHANNELS = (["web", "kiosk", "paper", "import"], [0.55, 0.10, 0.25, 0.10])
STATUSES = (["accepted", "suspect", "rejected"], [0.975, 0.02, 0.005])
SEXES = (["Laki-laki", "Perempuan", ""], [0.52, 0.46, 0.02])
EDUCATION = (["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3", ""], [4, 8, 36, 12, 32, 5, 1, 2])
OCCUPATIONS = (
    ["PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"],
    [18, 2, 3, 27, 26, 9, 15],
)


@dataclass
class VersionPlan:
    version_id: int
    code: str
    low: int
    high: int
    element_ids: np.ndarray  # int64, in form order
    latent: np.ndarray  # float64 [unit, element]: the latent mean of each unit's answers to each element


@dataclass
class World:
    """What the loader draws from: the period, its campaign, the units and their services and links."""

    period: Period
    campaign: Campaign
    unit_ids: np.ndarray
    unit_weights: np.ndarray
    services: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # per unit: service ids, weights, link ids
    unit_links: np.ndarray  # the unit's own link, for submissions without a service
    versions: list[VersionPlan]
    days: list[str]
    next_ids: dict[str, int] = field(default_factory=dict)


def prepare(period_name: str, codes: tuple[str, ...] = ("SKM", "SPKP", "SPAK")) -> World:
    period = Period.objects.get(name=period_name)
    campaign = Campaign.objects.get(name=campaign_name(period), period=period)
    units = list(campaign.units.order_by("path"))
    counts: dict[int, list[tuple[int, int]]] = {}
    for count in ServiceUserCount.objects.filter(
        period=period, service__active=True, service__unit__in=units
    ):
        counts.setdefault(count.service.unit_id, []).append((count.service_id, count.users))
    links = {
        (link.unit_id, link.service_id): link.pk for link in PublicLink.objects.filter(campaign=campaign)
    }
    units = [u for u in units if u.pk in counts]
    services = []
    for unit in units:
        pairs = sorted(counts[unit.pk])
        ids = np.array([s for s, _ in pairs], dtype=np.int64)
        weights = np.array([n for _, n in pairs], dtype=np.float64)
        link_ids = np.array(
            [links.get((unit.pk, s), links[(unit.pk, None)]) for s, _ in pairs], dtype=np.int64
        )
        services.append((ids, weights / weights.sum(), link_ids))
    population = np.array([sum(n for _, n in counts[u.pk]) for u in units], dtype=np.float64)
    today = datetime.date.today()
    days = [d.isoformat() for d in working_days(period) if d <= today] or [period.start.isoformat()]
    versions = [
        _version_plan(v, units)
        for v in InstrumentVersion.objects.with_parts().filter(pk__in=campaign.versions.values("pk"))
        if v.instrument.code in codes
    ]
    versions.sort(key=lambda p: codes.index(p.code))
    return World(
        period=period,
        campaign=campaign,
        unit_ids=np.array([u.pk for u in units], dtype=np.int64),
        # Large central units (millions of online users) would swamp everything: damp with a square root.
        unit_weights=np.sqrt(population) / np.sqrt(population).sum(),
        services=services,
        unit_links=np.array([links[(u.pk, None)] for u in units], dtype=np.int64),
        versions=versions,
        days=days,
    )


def _version_plan(version: InstrumentVersion, units: list[Unit]) -> VersionPlan:
    code, low, high = version.instrument.code, version.scale_min, version.scale_max
    elements = list(version.elements.all())
    offsets = {"SKM": quality.SKM_OFFSETS, "SPKP": quality.SPKP_OFFSETS}.get(code, quality.SPAK_OFFSETS)
    stretch = (high - low) / 3
    spread = float(np.hypot(PERSON_SD * stretch, NOISE_SD.get(high, 0.5)))
    latent = np.zeros((len(units), len(elements)))
    for i, unit in enumerate(units):
        usual = random.Random(f"demo-quality|{unit.code}")  # the same levels as the demo's responses
        mean, weak = quality.WEAK_UNITS.get(unit.code, (0.0, ()))
        mean = mean or quality.STRONG_UNITS.get(unit.code) or usual.uniform(*quality.GOOD_RANGE)
        perception = {c: usual.uniform(*quality.PERCEPTION_RANGE) for c in ("SPKP", "SPAK")}
        perception.update(quality.LOW_PERCEPTION.get(unit.code, {}))
        base = mean if code == "SKM" else perception.get(code, 5.6)
        for j, element in enumerate(elements):
            m = (
                base
                + offsets.get(element.code, 0.0)
                - (quality.WEAK_ELEMENT_DROP if element.code in weak else 0)
            )
            latent[i, j] = latent_mean(round(m, 3), round(spread, 3), low, high)
    return VersionPlan(
        version.pk, code, low, high, np.array([e.pk for e in elements], dtype=np.int64), latent
    )


@dataclass
class LoadStats:
    submissions: int = 0
    responses: int = 0
    answers: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)


def load(world: World, count: int, *, seed: int, chunk: int = 250_000) -> LoadStats:
    """Append `count` submissions with all their responses and answers, `chunk` per transaction."""
    stats = LoadStats()
    started = time.perf_counter()
    tables = {m: m._meta.db_table for m in (Submission, Response, Answer)}
    with connection.cursor() as cursor:
        for model, table in tables.items():
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            world.next_ids[model.__name__] = cursor.fetchone()[0]
    rng = np.random.default_rng(seed)
    done = 0
    while done < count:
        n = min(chunk, count - done)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            _chunk(raw, world, rng, n, tables, stats)
        done += n
    with connection.cursor() as cursor:
        for table in tables.values():
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )
    stats.seconds = time.perf_counter() - started
    return stats


def _timed(stats: LoadStats, phase: str, since: float) -> float:
    now = time.perf_counter()
    stats.phases[phase] = stats.phases.get(phase, 0.0) + now - since
    return now


@dataclass
class Batch:
    """One chunk of synthetic respondents, as arrays (row i of each is respondent i)."""

    unit_index: np.ndarray
    service_ids: np.ndarray
    link_ids: np.ndarray
    channel: np.ndarray
    status: np.ndarray
    day: np.ndarray
    seconds: np.ndarray
    age: np.ndarray
    sex: np.ndarray
    education: np.ndarray
    occupation: np.ndarray
    duration: np.ndarray
    suggestion: np.ndarray
    values: list[np.ndarray]  # per version plan: int16 [respondent, element]


def generate(world: World, rng: np.random.Generator, n: int) -> Batch:
    """Draw n respondents: unit, service, profile, status, day and every answer."""
    unit_index = rng.choice(len(world.unit_ids), size=n, p=world.unit_weights)
    service_ids = np.zeros(n, dtype=np.int64)
    link_ids = np.zeros(n, dtype=np.int64)
    for u in np.unique(unit_index):
        rows = np.nonzero(unit_index == u)[0]
        ids, weights, links = world.services[u]
        pick = rng.choice(len(ids), size=len(rows), p=weights)
        service_ids[rows], link_ids[rows] = ids[pick], links[pick]
    edu_p = np.array(EDUCATION[1], dtype=float)
    occ_p = np.array(OCCUPATIONS[1], dtype=float)
    batch = Batch(
        unit_index=unit_index,
        service_ids=service_ids,
        link_ids=link_ids,
        channel=rng.choice(CHANNELS[0], size=n, p=CHANNELS[1]),
        status=rng.choice(STATUSES[0], size=n, p=STATUSES[1]),
        day=rng.integers(0, len(world.days), size=n),
        seconds=rng.integers(8 * 3600, 16 * 3600, size=n),
        age=np.clip(np.rint(rng.normal(40, 12, size=n)), 18, 70).astype(int),
        sex=rng.choice(SEXES[0], size=n, p=SEXES[1]),
        education=rng.choice(EDUCATION[0], size=n, p=edu_p / edu_p.sum()),
        occupation=rng.choice(OCCUPATIONS[0], size=n, p=occ_p / occ_p.sum()),
        duration=np.clip(rng.lognormal(5.2, 0.5, size=n), 8, 3600).astype(int),
        suggestion=rng.random(n) < 0.2,
        values=[],
    )
    person = rng.normal(0, PERSON_SD, size=n)
    for plan in world.versions:
        stretch = (plan.high - plan.low) / 3
        noise = rng.normal(0, NOISE_SD.get(plan.high, 0.5), size=(n, len(plan.element_ids)))
        values = np.rint(plan.latent[unit_index] + (person * stretch)[:, None] + noise)
        batch.values.append(np.clip(values, plan.low, plan.high).astype(np.int16))
    return batch


def _chunk(
    raw: Any, world: World, rng: np.random.Generator, n: int, tables: dict[Any, str], stats: LoadStats
) -> None:
    t = time.perf_counter()
    batch = generate(world, rng, n)
    first_sub = world.next_ids["Submission"]
    sub_ids = np.arange(first_sub, first_sub + n, dtype=np.int64)
    lines = _submission_lines(world, batch, sub_ids)
    t = _timed(stats, "generate submissions", t)
    with raw.copy(f"COPY {tables[Submission]} ({', '.join(SUBMISSION_COLUMNS)}) FROM STDIN") as copy:
        copy.write(lines)
    t = _timed(stats, "copy submissions", t)
    world.next_ids["Submission"] += n
    stats.submissions += n

    response_parts, answer_parts = [], []
    first_response = world.next_ids["Response"]
    first_answer = world.next_ids["Answer"]
    v = len(world.versions)
    for k, plan in enumerate(world.versions):
        # Response ids interleave by submission: submission i's responses are first_response + i*V + k.
        response_ids = first_response + np.arange(n, dtype=np.int64) * v + k
        response_parts.append((response_ids, sub_ids, np.full(n, plan.version_id, dtype=np.int64)))
        answer_parts.append((response_ids, plan.element_ids, batch.values[k]))
    responses = _binary_responses(response_parts)
    answers, answer_count = _binary_answers(answer_parts, first_answer)
    t = _timed(stats, "generate answers", t)
    with raw.copy(
        f"COPY {tables[Response]} (id, submission_id, version_id) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        copy.write(responses)
    t = _timed(stats, "copy responses", t)
    with raw.copy(
        f"COPY {tables[Answer]} (id, response_id, element_id, value, importance) FROM STDIN (FORMAT BINARY)"
    ) as copy:
        for part in answers:
            copy.write(part)
    _timed(stats, "copy answers", t)
    world.next_ids["Response"] += n * v
    world.next_ids["Answer"] += answer_count
    stats.responses += n * v
    stats.answers += answer_count


def _submission_lines(world: World, batch: Batch, sub_ids: np.ndarray) -> str:
    keys = ((sub_ids.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ np.uint64(0x5BD1E995)).tolist()
    head = f"\t{world.campaign.pk}\t"
    period = world.period.pk
    text = "Pelayanan sudah baik, mohon dipertahankan."
    columns = zip(
        sub_ids.tolist(),
        keys,
        batch.link_ids.tolist(),
        world.unit_ids[batch.unit_index].tolist(),
        batch.service_ids.tolist(),
        batch.channel.tolist(),
        batch.status.tolist(),
        batch.day.tolist(),
        batch.seconds.tolist(),
        batch.age.tolist(),
        batch.sex.tolist(),
        batch.education.tolist(),
        batch.occupation.tolist(),
        batch.duration.tolist(),
        batch.suggestion.tolist(),
        strict=True,
    )
    out = []
    for sid, key, link, unit, service, chan, st, d, s, years, sx, edu, occ, dur, suggests in columns:
        date = world.days[d]
        out.append(
            f"{sid}\t{key:016x}{sid:016x}{head}{link}\t{period}\t{unit}\t{service}\t{chan}\t"
            f"{date} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+07\t{date}\t"
            f"{dur if chan in ('web', 'kiosk') else NULL}\tid\t\t\t{st}\t{{}}\t"
            f"{SUSPECT_REASONS if st == 'suspect' else '[]'}\tf\t\t{years}\t{sx}\t{edu}\t{occ}\t{{}}\t"
            f"{text if suggests else ''}\t\n"
        )
    return "".join(out)


def _binary_responses(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> bytes:
    dtype = np.dtype(
        [
            ("f", ">i2"),
            ("l1", ">i4"),
            ("id", ">i8"),
            ("l2", ">i4"),
            ("sub", ">i8"),
            ("l3", ">i4"),
            ("ver", ">i8"),
        ]
    )
    ids = np.concatenate([p[0] for p in parts])
    order = np.argsort(ids, kind="stable")
    rec = np.zeros(len(ids), dtype=dtype)
    rec["f"], rec["l1"], rec["l2"], rec["l3"] = 3, 8, 8, 8
    rec["id"] = ids[order]
    rec["sub"] = np.concatenate([p[1] for p in parts])[order]
    rec["ver"] = np.concatenate([p[2] for p in parts])[order]
    return PGCOPY_HEADER + rec.tobytes() + PGCOPY_TRAILER


def _binary_answers(
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], first_id: int
) -> tuple[list[bytes], int]:
    """COPY binary blocks, one per version: (id, response_id, element_id, value, importance NULL)."""
    dtype = np.dtype(
        [
            ("f", ">i2"),
            ("l1", ">i4"),
            ("id", ">i8"),
            ("l2", ">i4"),
            ("resp", ">i8"),
            ("l3", ">i4"),
            ("el", ">i8"),
            ("l4", ">i4"),
            ("val", ">i2"),
            ("l5", ">i4"),
        ]
    )
    blocks = [PGCOPY_HEADER]
    next_id = first_id
    for response_ids, element_ids, values in parts:
        n, k = values.shape
        rec = np.zeros(n * k, dtype=dtype)
        rec["f"], rec["l1"], rec["l2"], rec["l3"], rec["l4"], rec["l5"] = 5, 8, 8, 8, 2, -1
        rec["id"] = np.arange(next_id, next_id + n * k, dtype=np.int64)
        rec["resp"] = np.repeat(response_ids, k)
        rec["el"] = np.tile(element_ids, n)
        rec["val"] = values.reshape(-1)
        blocks.append(rec.tobytes())
        next_id += n * k
    blocks.append(PGCOPY_TRAILER)
    return blocks, next_id - first_id
