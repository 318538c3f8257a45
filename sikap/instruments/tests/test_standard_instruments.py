"""Migration 0002: the three standard instruments, published as version 1."""

import pytest

from sikap.instruments.models import Instrument, InstrumentVersion

pytestmark = pytest.mark.django_db


def version(code):
    return InstrumentVersion.objects.with_parts().get(instrument__code=code, number=1)


def test_the_standard_instruments_exist_with_their_methods():
    methods = dict(Instrument.objects.values_list("code", "method"))
    # The three public ones, the internal ILK and integrity survey (issue 11), PEKPPP's users' form F-03.
    assert methods == {
        "F03": "mean",
        "SKM": "ikm",
        "SPKP": "perception",
        "SPAK": "perception",
        "ILK": "ilk",
        "INTEGRITAS": "integrity",
    }


def test_each_is_published_as_version_1():
    for code in ["SKM", "SPKP", "SPAK"]:
        v = version(code)
        assert v.status == InstrumentVersion.Status.PUBLISHED
        assert v.published_at is not None


def test_skm_has_the_nine_elements_of_permenpanrb_14_2017_on_a_labelled_1_4_scale():
    skm = version("SKM")
    assert [e.code for e in skm.elements.all()] == [f"U{n}" for n in range(1, 10)]
    assert (skm.scale_min, skm.scale_max, skm.display) == (1, 4, "labels")
    assert skm.regulation == "PermenPANRB 14/2017"
    assert skm.scoring == {"weights": "exact"}
    elements = {e.code: e for e in skm.elements.all()}
    assert elements["U4"].name == "Biaya/Tarif"
    assert elements["U4"].labels == ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"]
    assert elements["U8"].labels[-1] == "Dikelola dengan baik"
    assert all(e.question.startswith("Bagaimana pendapat Saudara tentang") for e in elements.values())
    assert all(len(e.labels) == 4 and not e.ask_importance for e in elements.values())


def test_spkp_and_spak_use_six_stars_with_agreement_labels():
    for code, items in [("SPKP", [f"K{n}" for n in range(1, 9)]), ("SPAK", [f"A{n}" for n in range(1, 6)])]:
        v = version(code)
        assert [e.code for e in v.elements.all()] == items
        assert (v.scale_min, v.scale_max, v.display) == (1, 6, "stars")
        assert v.scale_labels[0] == "Sangat tidak setuju"
        assert v.scale_labels[-1] == "Sangat setuju"
        assert len(v.scale_labels) == 6
        assert v.scoring == {"conversion": "linear", "threshold_1_4": 3.60}
    assert version("SPAK").elements.get(code="A1").question == "Tidak ada diskriminasi di unit layanan ini."


def test_profile_and_feedback_fields_have_fixed_codes():
    for code in ["SKM", "SPKP", "SPAK"]:
        fields = {f.code: f for f in version(code).fields.all()}
        assert set(fields) == {"age", "sex", "education", "occupation", "suggestion", "complaint"}
        assert (fields["age"].min_value, fields["age"].max_value) == (10, 120)
        assert fields["age"].required is (code == "SKM")
        assert [v for v, _ in fields["education"].choices] == [
            "SD",
            "SMP",
            "SMA",
            "D1-D3",
            "D4/S1",
            "S2",
            "S3",
        ]
        assert ["Laki-laki", "Laki-laki"] in fields["sex"].choices
        assert fields["suggestion"].kind == fields["complaint"].kind == "long_text"
        assert fields["complaint"].label == "Pengaduan"


def test_running_the_migration_again_changes_nothing():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sikap.instruments.migrations.0002_standard_instruments")
    migration.create_standard_instruments(apps, None)
    # With the internal ILK and integrity survey (0009) and PEKPPP's F-03 (pekppp 0002).
    assert InstrumentVersion.objects.count() == 6
    assert version("SKM").elements.count() == 9
