"""SPSS export: read back with pyreadstat, it has the values, variable labels and value labels."""

from __future__ import annotations

from pathlib import Path

import pyreadstat
import pytest

from sikap.reports.exports import Export, Scope
from sikap.reports.tests.test_export_fixtures import (
    COMPLAINT,
    Survey,
    stored_answers,
)
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def sav(world: World, survey: Survey, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "jawaban.sav"
    scope = Scope(world.ministry, survey.campaign.period, statuses=("accepted", "suspect", "rejected"))
    Export(scope, chunk_size=3).write("sav", str(path))
    return pyreadstat.read_sav(str(path))


def test_variable_labels_name_the_elements(sav) -> None:  # type: ignore[no-untyped-def]
    _, meta = sav
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["SKM_U1"] == "Persyaratan"
    assert labels["SPKP_K1"] == "Informasi pelayanan"
    assert labels["SPAK_A4"] == "Pungutan liar"
    assert labels["age_band"] == "Kelompok usia"


def test_value_labels_give_the_scale_points_and_the_codes(sav) -> None:  # type: ignore[no-untyped-def]
    _, meta = sav
    values = meta.variable_value_labels
    assert values["SKM_U1"] == {1: "Tidak sesuai", 2: "Kurang sesuai", 3: "Sesuai", 4: "Sangat sesuai"}
    assert values["SPKP_K1"][1] == "Sangat tidak setuju" and values["SPKP_K1"][6] == "Sangat setuju"
    assert values["sex"] == {1: "Laki-laki", 2: "Perempuan"}
    assert values["education"][5] == "D4/S1"
    assert values["status"] == {1: "Diterima", 2: "Diragukan", 3: "Ditolak"}
    assert values["verified"] == {0: "Tidak", 1: "Ya"}


def test_the_values_are_the_stored_answers(sav, survey: Survey) -> None:  # type: ignore[no-untyped-def]
    frame, _meta = sav
    assert len(frame) == 7 and list(frame["no"]) == list(range(1, 8))
    for (_, row), submission in zip(frame.iterrows(), [*survey.ours, *survey.theirs], strict=True):
        for name, value in stored_answers(submission).items():
            assert row[name] == value, name
    first = frame.iloc[0]
    assert first["age"] == 34 and first["unit_code"] == "kanwil-jabar-ki"
    assert first["complaint"] == COMPLAINT
    assert list(frame["status"][:3]) == [1, 2, 3]
    assert str(first["answered_on"]).startswith(survey.campaign.period.start.isoformat())


def test_an_empty_scope_still_writes_the_variables(world: World, tmp_path: Path) -> None:
    from sikap.testing.factories import make_period

    path = tmp_path / "kosong.sav"
    assert Export(Scope(world.division, make_period())).write("sav", str(path)) == 0
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 0 and meta.column_names[:3] == ["no", "unit_code", "unit_name"]
