"""Rollups of generated respondents, summed with numpy without storing them (bench/indices.py --rollup-sizes).

`Rollups.extend(count, seed=...)` draws exactly the respondents `loader.load(world, count, seed=...)` stores
(same generator, same seed, same chunks) and adds them to dense numpy counters keyed like the three tally
tables; `write(period)` replaces the period's tallies with them. They equal what `tallies.rebuild` computes
from the stored respondents (the benchmark checks it at its largest stored size), so page reads can be timed
at volumes whose raw rows do not fit the machine's time or disk.
"""

from __future__ import annotations

import numpy as np
from django.db import connection, transaction

from bench.loader import EDUCATION, OCCUPATIONS, SEXES, STATUSES, Batch, World, generate
from sikap.organisation.models import Period

STATUS_CODES = STATUSES[0][:2]  # accepted, suspect: rejected respondents are in no rollup
AGE_LIMITS = [20, 30, 40, 50, 60]
AGE_LABELS = ["<20", "20-29", "30-39", "40-49", "50-59", "60+"]
GROUPS = {"sex": SEXES[0], "age_band": AGE_LABELS, "education": EDUCATION[0], "occupation": OCCUPATIONS[0]}


def _codes(values: np.ndarray, categories: list[str]) -> np.ndarray:
    codes = np.full(len(values), -1, dtype=np.int64)
    for i, category in enumerate(categories):
        codes[values == category] = i
    return codes


class Rollups:
    """The three tally tables of generated respondents, summed with numpy, then written with COPY.

    They hold exactly what `tallies.rebuild` computes from the same respondents stored (the benchmark
    checks this at its largest stored size).
    """

    def __init__(self, world: World) -> None:
        self.world = world
        pairs = [(u, sid) for u, (ids, _w, _l) in enumerate(world.services) for sid in ids.tolist()]
        self.service_ids = np.array([sid for _, sid in pairs], dtype=np.int64)
        self.service_units = np.array([world.unit_ids[u] for u, _ in pairs], dtype=np.int64)
        self.lookup = {sid: i for i, sid in enumerate(self.service_ids.tolist())}
        size = len(pairs) * len(STATUS_CODES)
        self.cells = size
        self.answers = [
            np.zeros(size * len(p.element_ids) * (p.high + 1), dtype=np.int64) for p in world.versions
        ]
        self.respondents = [np.zeros((3, size)) for _ in world.versions]
        self.groups = {
            (k, dim): np.zeros((3, size * len(cats)))
            for k in range(len(world.versions))
            for dim, cats in GROUPS.items()
        }

    def add(self, batch: Batch) -> None:
        status = _codes(batch.status, STATUS_CODES)
        keep = status >= 0
        service = np.array([self.lookup[s] for s in batch.service_ids[keep].tolist()], dtype=np.int64)
        cell = service * len(STATUS_CODES) + status[keep]
        categories = {
            "sex": _codes(batch.sex[keep], SEXES[0]),
            "age_band": np.searchsorted(AGE_LIMITS, batch.age[keep], side="right"),
            "education": _codes(batch.education[keep], EDUCATION[0]),
            "occupation": _codes(batch.occupation[keep], OCCUPATIONS[0]),
        }
        for k, plan in enumerate(self.world.versions):
            values = batch.values[k][keep].astype(np.int64)
            e, width = len(plan.element_ids), plan.high + 1
            keys = (cell[:, None] * e + np.arange(e)[None, :]) * width + values
            self.answers[k] += np.bincount(keys.ravel(), minlength=len(self.answers[k]))
            total = values.sum(axis=1).astype(np.float64)
            weights = (np.ones_like(total), total, total * total)
            for i, w in enumerate(weights):
                self.respondents[k][i] += np.bincount(cell, weights=w, minlength=self.respondents[k].shape[1])
            for dim, cats in GROUPS.items():
                group_keys = cell * len(cats) + categories[dim]
                target = self.groups[(k, dim)]
                for i, w in enumerate(weights):
                    target[i] += np.bincount(group_keys, weights=w, minlength=target.shape[1])

    def write(self, period: Period) -> dict[str, int]:
        from sikap.indices.models import AnswerTally, ElementTally, GroupTally, RespondentTally
        from sikap.indices.tallies import derive_element_tallies

        for model in (AnswerTally, ElementTally, RespondentTally, GroupTally):
            model.objects.filter(period=period).delete()
        n_status = len(STATUS_CODES)
        rows: dict[str, list[str]] = {"answers": [], "respondents": [], "groups": []}
        for k, plan in enumerate(self.world.versions):
            e, width = len(plan.element_ids), plan.high + 1
            for key in np.nonzero(self.answers[k])[0].tolist():
                rest, value = divmod(key, width)
                cell, j = divmod(rest, e)
                service, status = divmod(cell, n_status)
                rows["answers"].append(
                    f"{self.service_units[service]}\t{self.service_ids[service]}\t{plan.version_id}\t{period.pk}\t"
                    f"{STATUS_CODES[status]}\t{plan.element_ids[j]}\t{value}\t0\t{self.answers[k][key]}\n"
                )
            n, total, sumsq = self.respondents[k]
            for key in np.nonzero(n)[0].tolist():
                service, status = divmod(key, n_status)
                rows["respondents"].append(
                    f"{self.service_units[service]}\t{self.service_ids[service]}\t{plan.version_id}\t{period.pk}\t"
                    f"{STATUS_CODES[status]}\t{int(n[key])}\t{int(n[key])}\t"
                    f"{int(total[key])}\t{int(sumsq[key])}\n"
                )
            for dim, cats in GROUPS.items():
                n, total, sumsq = self.groups[(k, dim)]
                for key in np.nonzero(n)[0].tolist():
                    cell, c = divmod(key, len(cats))
                    service, status = divmod(cell, n_status)
                    rows["groups"].append(
                        f"{self.service_units[service]}\t{self.service_ids[service]}\t{plan.version_id}\t"
                        f"{period.pk}\t{STATUS_CODES[status]}\t{dim}\t{cats[c]}\t{int(n[key])}\t{int(n[key])}\t"
                        f"{int(total[key])}\t{int(sumsq[key])}\n"
                    )
        columns = {
            "answers": (
                AnswerTally,
                "unit_id, service_key, version_id, period_id, status, element_id, value, importance, n",
            ),
            "respondents": (
                RespondentTally,
                "unit_id, service_key, version_id, period_id, status, n, complete, total_sum, total_sumsq",
            ),
            "groups": (
                GroupTally,
                "unit_id, service_key, version_id, period_id, status, dimension, category, n, complete, "
                "total_sum, total_sumsq",
            ),
        }
        with transaction.atomic(), connection.cursor() as cursor:
            for name, (model, cols) in columns.items():
                with cursor.cursor.copy(f"COPY {model._meta.db_table} ({cols}) FROM STDIN") as copy:
                    copy.write("".join(rows[name]))
            derive_element_tallies(period.pk)
        return {name: len(lines) for name, lines in rows.items()}

    def extend(self, count: int, *, seed: int, chunk: int = 250_000) -> None:
        """Add the respondents `load(world, count, seed=seed, chunk=chunk)` stores, without storing them."""
        rng = np.random.default_rng(seed)
        done = 0
        while done < count:
            n = min(chunk, count - done)
            self.add(generate(self.world, rng, n))
            done += n
