"""The standard internal instruments shipped by data migration: the ILK and the integrity survey."""

from __future__ import annotations

import pytest

from sikap.instruments.actions import publication_errors
from sikap.instruments.models import InstrumentVersion
from sikap.internal.models import AgeBand, JobType, Perspective, ServiceBand, Sex
from sikap.scoring.ilk import DOMAINS, STANDARD_ITEMS
from sikap.scoring.integrity import DIMENSIONS

pytestmark = pytest.mark.django_db

ROSTER_FIELDS = {
    "perspektif": Perspective,
    "jenis_jabatan": JobType,
    "jenis_kelamin": Sex,
    "kelompok_usia": AgeBand,
    "masa_kerja": ServiceBand,
}


def version(code):
    return InstrumentVersion.objects.with_parts().get(instrument__code=code, number=1)


@pytest.mark.parametrize("code", ["ILK", "INTEGRITAS"])
def test_each_is_published_internal_and_would_pass_publication(code):
    v = version(code)
    assert v.status == InstrumentVersion.Status.PUBLISHED and v.instrument.internal
    assert publication_errors(v) == []
    assert (v.scale_min, v.scale_max) == (1, 4)
    assert all(e.allow_na and e.name_en and e.question_en for e in v.elements.all())
    assert v.title_en and v.intro_en and v.instrument.name_en


@pytest.mark.parametrize("code", ["ILK", "INTEGRITAS"])
def test_the_profile_is_the_rosters_attributes_as_breakdowns(code):
    fields = {f.code: f for f in version(code).fields.all()}
    for name, choices in ROSTER_FIELDS.items():
        field = fields[name]
        assert field.kind == "choice" and field.breakdown and field.is_breakdown
        assert [c[0] for c in field.choices] == list(choices.values)
        assert set(field.choices_en) == set(choices.values)
    assert fields["saran"].kind == "long_text" and fields["saran"].section == "feedback"


def test_the_ilk_has_five_domains_of_three_aspects():
    v = version("ILK")
    assert [e.code for e in v.elements.all()] == list(STANDARD_ITEMS)
    assert {e.code: e.dimension for e in v.elements.all()}["KEU.T"] == "KEU"
    assert [d[0] for d in v.scoring["dimensions"]] == [code for code, _name in DOMAINS]
    assert v.scoring["perspective_weights"] == {"pengguna": 1, "penyedia": 1, "pimpinan": 1}
    assert v.scale_labels == ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]
    assert next(e for e in v.elements.all() if e.code == "KEP.K").name == "Kepegawaian — kualitas"


def test_the_integrity_survey_has_seven_dimensions_with_reverse_keyed_items():
    v = version("INTEGRITAS")
    elements = list(v.elements.all())
    by_dimension: dict[str, list] = {}
    for element in elements:
        by_dimension.setdefault(element.dimension, []).append(element)
    assert list(by_dimension) == [code for code, _name in DIMENSIONS]
    assert all(len(items) >= 2 for items in by_dimension.values())
    assert [d[0] for d in v.scoring["dimensions"]] == list(by_dimension)
    reverse = {e.code for e in elements if e.reverse}
    assert {"IT1", "IT2", "SD2"} <= reverse and "TR1" not in reverse and "SO2" not in reverse
    assert all(len(e.labels) == 4 and len(e.labels_en) == 4 for e in elements)
    it1 = next(e for e in elements if e.code == "IT1")
    assert it1.question.startswith("Seberapa sering Saudara melihat") and it1.labels[-1] == "Sering"


def test_running_the_migration_again_changes_nothing():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sikap.instruments.migrations.0009_internal_instruments")
    migration.create_internal_instruments(apps, None)
    assert InstrumentVersion.objects.count() == 6  # with PEKPPP's F-03 (pekppp 0002)
    assert version("ILK").elements.count() == 15
