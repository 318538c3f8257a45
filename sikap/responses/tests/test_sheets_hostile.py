"""The responses app's files with hostile text: the service-code CSV (a unit's name) and the import
templates (a custom field's label, the roster's too through the same writer)."""

from __future__ import annotations

import pytest

from sikap.organisation.models import Unit
from sikap.responses import actions, codes
from sikap.responses.import_template import TemplateColumn, columns_xlsx
from sikap.testing.factories import World, make_period
from sikap.testing.spreadsheets import HOSTILE, csv_rows, defused, xlsx_texts

pytestmark = pytest.mark.django_db


def test_the_service_code_csv_shows_a_hostile_unit_name_as_text(world: World) -> None:
    period = make_period()
    issued = actions.issue_codes(world.operator, world.division, period, 2)
    Unit.objects.filter(pk=world.division.pk).update(name=HOSTILE[0])
    world.division.refresh_from_db()
    rows = csv_rows(codes.as_csv(issued, world.division, period))
    assert rows[1:] == [[c.code, world.division.code, defused(HOSTILE[0]), period.name] for c in issued]


def test_an_import_template_shows_hostile_labels_as_text() -> None:
    columns = [TemplateColumn(f"kolom_{i}", "teks", text) for i, text in enumerate(HOSTILE)]
    texts = xlsx_texts(columns_xlsx(columns, "Jawaban"))  # fails on any formula cell
    for text in HOSTILE:
        assert defused(text).replace("\r", "\n") in texts, text
    assert "kolom_0" in texts
