"""On PostgreSQL the CSV comes from one COPY: it must read back exactly as the Python writer's rows."""

from __future__ import annotations

import csv
import io
import random

import pytest
from django.db import connection

from sikap.indices.tests.helpers import random_submission
from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import Survey, make_survey
from sikap.responses.models import Submission
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db

TEXTS = [
    "a,b",
    'kata "kutip"',
    "baris satu\r\nbaris dua",
    "",
    "=1+1",
    "-5 bintang",
    "+62 812",
    "@admin",
    "\tdiawali tab",
    "ünïcode ✓ 😀",
    "\\.",
    "\\N",
    "NULL",
    " spasi ",
]


def parsed(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.fixture
def survey(world: World) -> Survey:
    if connection.vendor != "postgresql":
        pytest.skip("the COPY path is PostgreSQL's; SQLite always writes with Python (tested everywhere)")
    made = make_survey(world)
    rng = random.Random(11)
    for i, text in enumerate(TEXTS):
        submission = random_submission(made.campaign, world.other_division, rng, blanks=0.3)
        assert submission is not None
        Submission.objects.filter(pk=submission.pk).update(
            suggestion=text,
            complaint=TEXTS[-1 - i],
            age=None if i % 3 else 17 + 7 * i,
            sex="",
            verified=i % 2 == 0,
        )
    return made


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"statuses": ("accepted", "suspect", "rejected")},
        {"instrument": "SPAK", "free_text": False},
        {"instrument": "SKM", "statuses": ("suspect",)},
    ],
)
def test_copy_and_python_give_the_same_rows(world: World, survey: Survey, options: dict) -> None:
    scope = Scope(world.ministry, survey.campaign.period, **options)
    by_copy, by_python = Export(scope), Export(scope, chunk_size=3)
    copied = parsed(b"".join(by_copy.csv()))
    written = parsed(b"".join(by_python.python_csv()))
    assert copied == written
    assert by_copy.rows == by_python.rows == len(copied) - 1
    assert len(copied) > 1
    header = b"".join(Export(scope).csv()).split(b"\n", 1)[0]
    assert not header.endswith(b"\r")  # the header ends its line like PostgreSQL's rows: LF


def test_the_copy_defuses_formulas_and_keeps_line_breaks(world: World, survey: Survey) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(Export(Scope(world.other_division, survey.campaign.period)).csv()).decode(
                    "utf-8-sig"
                ),
                newline="",
            )
        )
    )
    suggestions = [r["suggestion"] for r in rows]
    assert "'=1+1" in suggestions and "'-5 bintang" in suggestions and "'@admin" in suggestions
    assert "baris satu\r\nbaris dua" in suggestions and "a,b" in suggestions
