"""A version's own profile fields flow through the form, validation, tallies, breakdowns and exports.

`pekerjaan_khusus` has three options defined in a non-alphabetical order, and `masa_kerja` is an integer
banded into three groups; both live in `Submission.extra`. Nothing in the code names them.
"""

from __future__ import annotations

import csv
import io
import random
from typing import Any

import pytest
from django.db import connection
from django.utils import translation

from sikap.indices import analysis
from sikap.indices.models import GroupTally
from sikap.indices.tallies import rebuild
from sikap.indices.tests.helpers import clean, scope, store, tally_snapshot
from sikap.instruments import actions as instrument_actions
from sikap.instruments.models import Field, InstrumentVersion
from sikap.instruments.tests.factories import make_campaign, make_draft
from sikap.reports.exports import Export, Scope
from sikap.responses.forms_public import build_page
from sikap.responses.models import Submission
from sikap.responses.validation import clean_submission
from sikap.testing.factories import World

pytestmark = pytest.mark.django_db

OPTIONS = [["petani", "Petani"], ["nelayan", "Nelayan"], ["guru", "Guru"]]
BANDS = [[5, "<5"], [15, "5-14"], [None, "15+"]]
# (pekerjaan_khusus, masa_kerja) of the respondents: 7 petani, 6 nelayan, 5 guru, 5 blank.
PEOPLE = (
    [("Petani", 2)] * 4
    + [("petani", 20)] * 3
    + [("nelayan", 7)] * 6
    + [("Guru", 15)] * 5
    + [("", None)] * 2
    + [("", 4)] * 3
)


def custom_version() -> InstrumentVersion:
    version = make_draft("KHUSUS", elements=3)
    instrument_actions.save_field(
        None,
        Field(
            version=version,
            code="pekerjaan_khusus",
            label="Pekerjaan khusus",
            label_en="Specific occupation",
            kind=Field.Kind.CHOICE,
            choices=OPTIONS,
            choices_en={"petani": "Farmer", "nelayan": "Fisher", "guru": "Teacher"},
            breakdown=True,
            order=1,
        ),
    )
    instrument_actions.save_field(
        None,
        Field(
            version=version,
            code="masa_kerja",
            label="Masa kerja (tahun)",
            label_en="Years of service",
            kind=Field.Kind.INTEGER,
            min_value=0,
            max_value=60,
            bands=BANDS,
            breakdown=True,
            breakdown_label="Kelompok masa kerja",
            breakdown_label_en="Service group",
            order=2,
        ),
    )
    instrument_actions.publish_version(None, version)
    return InstrumentVersion.objects.with_parts().get(pk=version.pk)


@pytest.fixture
def surveyed(world: World) -> Any:
    version = custom_version()
    campaign = make_campaign([world.division], versions=[version])
    rng = random.Random(5)
    for occupation, years in PEOPLE:
        data = {f"KHUSUS-I{n}": rng.randint(1, 4) for n in range(1, 4)}
        data |= {"pekerjaan_khusus": occupation, "masa_kerja": years}
        cleaned = clean(campaign, {k: v for k, v in data.items() if v not in ("", None)})
        assert not cleaned.errors, cleaned.errors
        store(campaign, world.division, cleaned)
    return campaign, version


def test_the_form_shows_the_fields_in_the_defined_order_and_language(world: World) -> None:
    version = custom_version()
    page = build_page([version], [], {}, {})
    assert [i.name for i in page.profile] == ["pekerjaan_khusus", "masa_kerja"]
    assert [o.label for o in page.profile[0].options] == ["Petani", "Nelayan", "Guru"]
    assert page.profile[1].widget == "number" and page.profile[1].label == "Masa kerja (tahun)"
    with translation.override("en"):
        page = build_page([version], [], {}, {})
    assert page.profile[0].label == "Specific occupation"
    assert [o.label for o in page.profile[0].options] == ["Farmer", "Fisher", "Teacher"]


def test_validation_takes_the_values_and_refuses_the_rest(world: World) -> None:
    version = custom_version()
    answers = {f"KHUSUS-I{n}": 3 for n in range(1, 4)}
    good = clean_submission([version], {**answers, "pekerjaan_khusus": "Guru", "masa_kerja": "12"})
    assert good.profile == {"pekerjaan_khusus": "guru", "masa_kerja": 12} and not good.errors
    english = clean_submission([version], {**answers, "pekerjaan_khusus": "Fisher"})
    assert english.profile == {"pekerjaan_khusus": "nelayan"}
    bad = clean_submission([version], {**answers, "pekerjaan_khusus": "pilot", "masa_kerja": "61"})
    assert set(bad.errors) == {"pekerjaan_khusus", "masa_kerja"}


def test_the_values_are_kept_in_extra(world: World, surveyed: Any) -> None:
    stored = Submission.objects.order_by("pk").first()
    assert stored is not None
    assert stored.extra == {"pekerjaan_khusus": "petani", "masa_kerja": 2}
    assert (stored.age, stored.sex, stored.education, stored.occupation) == (None, "", "", "")


def test_tallies_count_its_groups_and_a_rebuild_agrees(world: World, surveyed: Any) -> None:
    _campaign, version = surveyed
    rows = GroupTally.objects.filter(version=version, n__gt=0).values_list("dimension", "category", "n")
    assert sorted(rows) == sorted(
        [
            ("pekerjaan_khusus", "petani", 7),
            ("pekerjaan_khusus", "nelayan", 6),
            ("pekerjaan_khusus", "guru", 5),
            ("pekerjaan_khusus", "", 5),
            ("masa_kerja_band", "<5", 7),
            ("masa_kerja_band", "5-14", 6),
            ("masa_kerja_band", "15+", 8),
            ("masa_kerja_band", "", 2),
        ]
    )
    incremental = tally_snapshot()
    rebuild()
    assert tally_snapshot() == incremental


def test_the_breakdown_follows_the_defined_order_in_the_readers_language(world: World, surveyed: Any) -> None:
    campaign, version = surveyed
    found = analysis.breakdowns(scope([world.division.pk], version, campaign.period), by_service=False)
    by_dimension = {b.dimension: b for b in found}
    assert list(by_dimension) == ["pekerjaan_khusus", "masa_kerja_band"]
    occupations = by_dimension["pekerjaan_khusus"]
    assert occupations.label == "Pekerjaan khusus"
    assert [(c.category, c.label, c.n) for c in occupations.cells] == [
        ("petani", "Petani", 7),
        ("nelayan", "Nelayan", 6),
        ("guru", "Guru", 5),
        ("", "(tidak diisi)", 5),
    ]
    years = by_dimension["masa_kerja_band"]
    assert years.label == "Kelompok masa kerja"
    assert [c.label for c in years.cells] == ["<5", "5-14", "15+", "(tidak diisi)"]
    # Two blanks are hidden, and the next smallest group with them so they cannot be recovered.
    assert [c.suppressed for c in years.cells] == [False, True, False, True]
    with translation.override("en"):
        found = analysis.breakdowns(scope([world.division.pk], version, campaign.period), by_service=False)
    assert found[0].label == "Specific occupation" and found[1].label == "Service group"
    assert [c.label for c in found[0].cells] == ["Farmer", "Fisher", "Teacher", "(not answered)"]


def test_the_csv_export_has_its_columns_and_values(world: World, surveyed: Any) -> None:
    campaign, _version = surveyed
    export = Export(Scope(world.division, campaign.period))
    names = export.layout.names
    at = names.index("verified")
    assert names[at + 1 : at + 4] == ["pekerjaan_khusus", "masa_kerja", "masa_kerja_band"]
    raw = b"".join(export.python_csv())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["pekerjaan_khusus"], r["masa_kerja"], r["masa_kerja_band"]) for r in rows[:2]] == [
        ("petani", "2", "<5"),
        ("petani", "2", "<5"),
    ]
    assert (rows[-1]["pekerjaan_khusus"], rows[-1]["masa_kerja"], rows[-1]["masa_kerja_band"]) == (
        "",
        "4",
        "<5",
    )
    assert (rows[-4]["masa_kerja"], rows[-4]["masa_kerja_band"]) == ("", "")
    coded = {c.name: c for c in export.layout.columns}["pekerjaan_khusus"]
    assert list(coded.values.values()) == ["Petani", "Nelayan", "Guru"]
    if connection.vendor == "postgresql":  # the COPY writer reads `extra` in SQL to the same rows
        copied = b"".join(Export(Scope(world.division, campaign.period)).csv())
        assert list(csv.reader(io.StringIO(copied.decode("utf-8-sig")))) == list(
            csv.reader(io.StringIO(raw.decode("utf-8-sig")))
        )


def test_a_banded_field_must_have_rising_bounds_and_an_open_last_band(world: World) -> None:
    version = make_draft("KHUSUS", elements=1)
    field = Field(version=version, code="umur", label="Umur", kind=Field.Kind.INTEGER, breakdown=True)
    field.bands = [[30, "muda"], [20, "tua"]]
    instrument_actions.save_field(None, field)
    errors = instrument_actions.publication_errors(InstrumentVersion.objects.with_parts().get(pk=version.pk))
    assert any("kelompok terakhir terbuka" in e for e in errors)


def test_the_standard_versions_keep_their_groups(world: World) -> None:
    """The shipped fields give the dimensions and categories the code used to spell out."""
    from sikap.indices.tallies import dimensions_of

    def old_age_band(age: int) -> str:  # the rule as it was written before the profile became data
        for limit, label in ((20, "<20"), (30, "20-29"), (40, "30-39"), (50, "40-49"), (60, "50-59")):
            if age < limit:
                return label
        return "60+"

    for code in ("SKM", "SPKP", "SPAK"):
        version = InstrumentVersion.objects.get(instrument__code=code, number=1)
        dimensions = {d.key: d for d in dimensions_of(version.pk)}
        assert set(dimensions) == {"sex", "age_band", "education", "occupation"}
        submission = Submission(sex="Perempuan", education="S2", occupation="")
        for age in range(10, 121):
            submission.age = age
            assert dimensions["age_band"].category(submission) == old_age_band(age)
        submission.age = None
        categories = {key: d.category(submission) for key, d in dimensions.items()}
        assert categories == {"sex": "Perempuan", "age_band": "", "education": "S2", "occupation": ""}
