"""The PEKPPP mandiri demo: last year's finished cycle and the current year's cycle in progress.

Last year (`sikap.demo.data.pekppp.FINISHED`): nine lokus units (Kanwil divisions, Balai Harta Peninggalan
and Ditjen AHU with its online services), each with its F-01 answers and three evidence files (a PDF and two
PNG images drawn here with Pillow), one unit revising its F-01 after a question; the `evaluator` sets every
F-02 level with a note and finalises, the `validator` confirms; the users' F-03 answers come in through the
F-03 import action, after which the cycle's F-03 campaign is closed. The grades spread from A to D, and
one unit has fewer F-03 answers than the minimum, so its result is not final (the cycle's "block" policy).

This year: every unit with public services is a lokus (the counter variant, or the online one when all its
public services are online), the `evaluator` is assigned every aspect; a few units submitted their F-01
(the evaluator set aspect a's levels on two and asked one a question), a few have drafts, nothing is final.

Everything goes through the PEKPPP actions, so every row has its audit event: the system sets up the
cycles and enters the units' F-01 and F-03 answers; the levels are the evaluator's, the validation the
validator's. Deterministic: levels, answers and F-03 values come from `random.Random` seeded by unit and
year. Idempotent: an existing cycle of last year is left alone; a rerun of this year's only adds units that
gained public services since (nothing, normally).
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from sikap.accounts.models import Membership, User
from sikap.audit.actors import Actor
from sikap.demo.data import pekppp as data
from sikap.instruments.actions import close_campaign
from sikap.instruments.demo import public_service_units
from sikap.organisation.models import Service, Unit
from sikap.pekppp import actions
from sikap.pekppp.actions.f03 import campaign_version
from sikap.pekppp.models import Cycle, Indicator, Lokus

EVALUATOR = "evaluator"
VALIDATOR = "validator"
ALL_ASPECTS = ("a", "b", "c", "d", "e", "f")


@dataclass
class PekpppLoaded:
    """What one run created and found already there."""

    cycles: int = 0
    cycles_existing: int = 0
    lokus: int = 0
    levels: int = 0
    evidence: int = 0
    f03_answers: int = 0


def load_pekppp(actor: Actor = None, *, today: datetime.date | None = None) -> PekpppLoaded:
    """Load last year's finished cycle and this year's cycle in progress; see the module."""
    year = (today or timezone.localdate()).year
    loaded = PekpppLoaded()
    evaluator = _user(EVALUATOR, Membership.Role.EVALUATOR)
    validator = _user(VALIDATOR, Membership.Role.VALIDATOR)
    with transaction.atomic():
        _load_finished(actor, year - 1, evaluator, validator, loaded)
    with transaction.atomic():
        _load_current(actor, year, evaluator, loaded)
    return loaded


def _user(username: str, role: str) -> User | None:
    """The demo user, when it (still) holds its role; otherwise the system acts in its place."""
    return User.objects.filter(username=username, memberships__role=role).first()


def _stages(year: int) -> dict[str, Any]:
    def day(month: int, dom: int) -> datetime.date:
        return datetime.date(year, month, dom)

    return {
        "self_assessment_start": day(2, 1),
        "self_assessment_end": day(4, 30),
        "desk_evaluation_start": day(5, 2),
        "desk_evaluation_end": day(7, 31),
        "validation_start": day(8, 1),
        "validation_end": day(8, 31),
        "results_on": day(9, 30),
    }


def _variant(unit: Unit, year: int) -> str:
    """Online when every active public service of the unit that year is online, else counter."""
    channels = set(
        Service.objects.for_year(year)
        .active()
        .for_the_public()
        .filter(unit=unit)
        .values_list("channel", flat=True)
    )
    return Lokus.Variant.ONLINE if channels == {Service.Channel.ONLINE} else Lokus.Variant.COUNTER


def _add(actor: Actor, cycle: Cycle, unit: Unit, year: int, evaluator: User | None) -> Lokus:
    lokus = actions.add_lokus(actor, cycle, unit, variant=_variant(unit, year))
    if evaluator is not None:
        actions.assign_evaluator(actor, lokus, evaluator, ALL_ASPECTS)
    return lokus


# Last year ------------------------------------------------------------------------------------------


def _load_finished(
    actor: Actor, year: int, evaluator: User | None, validator: User | None, loaded: PekpppLoaded
) -> None:
    if Cycle.objects.filter(year=year, scheme=Cycle.Scheme.MANDIRI).exists():
        loaded.cycles_existing += 1
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=[spec.unit_code for spec in data.FINISHED])}
    specs = [spec for spec in data.FINISHED if spec.unit_code in units]
    if not specs:
        return
    cycle = actions.create_cycle(actor, year=year, scheme=Cycle.Scheme.MANDIRI, **_stages(year))
    loaded.cycles += 1
    for spec in specs:
        rng = random.Random(f"pekppp-{year}-{spec.unit_code}")
        lokus = _add(actor, cycle, units[spec.unit_code], year, evaluator)
        loaded.lokus += 1
        indicators = list(lokus.indicators())
        levels = {i.code: _draw(rng, spec.level) for i in indicators}
        # The unit sometimes claims a level more than its evidence shows; the evaluator's note says so.
        claims = {code: min(5, level + 1) if rng.random() < 0.2 else level for code, level in levels.items()}
        actions.save_self_assessment(
            actor, lokus, {i.code: f01_answers(i, claims[i.code]) for i in indicators}
        )
        loaded.evidence += _add_evidence(actor, lokus, indicators, data.EVIDENCE)
        actions.submit_self_assessment(actor, lokus)
        if spec.unit_code == data.REVISED:
            _revise(actor, lokus, indicators[0], evaluator, claims)
        rows = [
            actions.LevelRow(indicator=i, level=levels[i.code], note=_note(levels[i.code], claims[i.code]))
            for i in indicators
        ]
        loaded.levels += len(actions.set_levels(evaluator, lokus, rows))
        actions.finalise(evaluator, lokus)
        _recommend(evaluator, lokus, indicators, levels, year)
        actions.validate(validator, lokus)  # each recommendation becomes a follow-up item
        loaded.f03_answers += len(actions.import_f03(actor, lokus, _f03_rows(lokus, rng, spec)))
    cycle.refresh_from_db(fields=["campaign"])  # opened by the first `add_lokus`
    if cycle.campaign is not None:
        close_campaign(actor, cycle.campaign)


def _recommend(
    evaluator: User | None, lokus: Lokus, indicators: list[Indicator], levels: dict[str, int], year: int
) -> None:
    """The evaluator's recommendations: the two indicators furthest below 5 (weightiest first on a tie),
    due by the middle of the next year."""
    weakest = sorted(indicators, key=lambda i: (levels[i.code], -i.weight, i.number))[:2]
    for indicator in weakest:
        text = (
            f"Tingkatkan indikator {indicator.code} ({indicator.name}) dari level {levels[indicator.code]}: "
            "lengkapi bukti dukungnya dan laporkan kemajuannya pada pemantauan berikut."
        )
        actions.add_recommendation(
            evaluator,
            lokus,
            text,
            datetime.date(year + 1, 6, 30),
            aspect=indicator.aspect.code,
            indicator=indicator,
        )


def _draw(rng: random.Random, mean: float) -> int:
    return max(0, min(5, round(mean + rng.uniform(-1.0, 1.0))))


def _note(level: int, claim: int) -> str:
    if level == claim:
        return "Sesuai jawaban F-01 dan bukti dukung."
    return f"Bukti dukung belum menunjukkan level {claim}; dinilai {level}."


def _revise(
    actor: Actor, lokus: Lokus, indicator: Indicator, evaluator: User | None, claims: dict[str, int]
) -> None:
    """A question from the evaluator, the unit's answer and a second submitted version of its F-01."""
    question = actions.ask_clarification(
        evaluator,
        lokus,
        indicator,
        "Keputusan penetapan Standar Pelayanan belum terlampir; mohon dilengkapi.",
    )
    actions.answer_clarification(
        actor, question, "Keputusan penetapan sudah kami unggah dan F-01 kami perbarui."
    )
    answers = f01_answers(indicator, claims[indicator.code])
    answers["catatan"] = "Dilengkapi setelah klarifikasi evaluator."
    actions.save_self_assessment(actor, lokus, {indicator.code: answers})
    actions.submit_self_assessment(actor, lokus)


def _f03_rows(lokus: Lokus, rng: random.Random, spec: data.FinishedLokus) -> list[dict[str, int | None]]:
    codes = [e.code for e in campaign_version(lokus).elements.order_by("order")]
    rows: list[dict[str, int | None]] = []
    for _n in range(spec.f03_answers):
        person = rng.gauss(0, 0.35)
        rows.append(
            {code: max(0, min(5, round(spec.f03_mean + person + rng.gauss(0, 0.55)))) for code in codes}
        )
    return rows


# This year ------------------------------------------------------------------------------------------


def _load_current(actor: Actor, year: int, evaluator: User | None, loaded: PekpppLoaded) -> None:
    units = public_service_units(year)
    cycle = Cycle.objects.filter(year=year, scheme=Cycle.Scheme.MANDIRI).first()
    if cycle is not None:
        loaded.cycles_existing += 1
        present = set(cycle.lokus.values_list("unit_id", flat=True))
        for unit in units:
            if unit.pk not in present:
                _add(actor, cycle, unit, year, evaluator)
                loaded.lokus += 1
        return
    if not units:
        return
    cycle = actions.create_cycle(actor, year=year, scheme=Cycle.Scheme.MANDIRI, **_stages(year))
    loaded.cycles += 1
    lokus = {}
    for unit in units:
        lokus[unit.code] = _add(actor, cycle, unit, year, evaluator)
        loaded.lokus += 1
    for code in (*data.SUBMITTED, *data.DRAFTS):
        if code not in lokus:
            continue
        rng = random.Random(f"pekppp-{year}-{code}")
        one = lokus[code]
        indicators = list(one.indicators())
        submitted = code in data.SUBMITTED
        # A draft has the first two aspects; a submitted F-01 has them all and the Standar Pelayanan decree.
        chosen = [i for i in indicators if submitted or i.aspect.code in ("a", "b")]
        levels = {i.code: _draw(rng, data.CURRENT_LEVEL) for i in chosen}
        actions.save_self_assessment(actor, one, {i.code: f01_answers(i, levels[i.code]) for i in chosen})
        if not submitted:
            continue
        loaded.evidence += _add_evidence(actor, one, indicators, data.EVIDENCE[:1])
        actions.submit_self_assessment(actor, one)
        if code in data.LEVELS_SET:
            rows = [
                actions.LevelRow(
                    indicator=i, level=levels[i.code], note=_note(levels[i.code], levels[i.code])
                )
                for i in chosen
                if i.aspect.code == "a"
            ]
            loaded.levels += len(actions.set_levels(evaluator, one, rows))
        if code == data.CLARIFIED:
            actions.ask_clarification(evaluator, one, indicators[0], data.CLARIFICATION)


# F-01 answers and evidence --------------------------------------------------------------------------


def f01_answers(indicator: Indicator, level: int) -> dict[str, Any]:
    """Answers to the indicator's F-01 questions whose suggested level (where its rule decides one) is
    `level`: the rubric line for a choice, a number or ticks that reach it for a count or checklist."""
    rule = indicator.suggest or {}
    answers: dict[str, Any] = {}
    for question in indicator.questions:
        key, kind = question["key"], question["kind"]
        if kind == "yes_no":
            answers[key] = level > 0
        elif kind == "choice":
            answers[key] = min(level, len(question.get("options", [])) - 1)
        elif kind in ("number", "checklist"):
            n = _count_for(rule, level) if rule.get("count") == key else level
            if kind == "checklist":
                options = list(question.get("options", []))
                answers[key] = options[: min(n, len(options))]
            else:
                answers[key] = n
    return answers


def _count_for(rule: dict[str, Any], level: int) -> int:
    """The smallest count whose suggestion is `level` (past the gate), or the largest step below it."""
    base = int(rule.get("base", 0))
    steps = sorted(int(s) for s in rule.get("steps", []))
    wanted = level - base
    if wanted <= 0:
        return 0
    return steps[min(wanted, len(steps)) - 1]


def _add_evidence(
    actor: Actor, lokus: Lokus, indicators: list[Indicator], wanted: tuple[tuple[int, str, str], ...]
) -> int:
    by_number = {i.number: i for i in indicators}
    added = 0
    for number, kind, title in wanted:
        indicator = by_number.get(number)
        if indicator is None:
            continue
        name = f"{lokus.unit.code}-{lokus.cycle.year}-{number}.{kind}"
        content = evidence_file(kind, title, lokus.unit.name, lokus.cycle.year)
        actions.add_evidence(actor, lokus, indicator, ContentFile(content, name=name), description=title)
        added += 1
    return added


def evidence_file(kind: str, title: str, unit_name: str, year: int) -> bytes:
    """A small document drawn on the spot: the title, the unit and the year on an A4-like page (PDF) or a
    photo-like card (PNG). Pillow writes both; nothing is copied into the repository."""
    size = (595, 842) if kind == "pdf" else (640, 400)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((12, 12, size[0] - 12, size[1] - 12), outline=(30, 64, 120), width=3)
    lines = ["DATA DEMO SIKAP - BUKTI DUKUNG PEKPPP", "", title, unit_name, f"Tahun {year}"]
    for n, line in enumerate(lines):
        draw.text((36, 40 + 28 * n), line, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PDF" if kind == "pdf" else "PNG", **({"resolution": 72.0} if kind == "pdf" else {}))
    return buffer.getvalue()
