"""Option synonyms: shipped on the standard profile fields, checked at publication, kept by new drafts."""

import pytest
from django.core.exceptions import ValidationError

from sikap.instruments import actions
from sikap.instruments.models import Field, InstrumentVersion
from sikap.instruments.tests.factories import make_draft

pytestmark = pytest.mark.django_db


def standard_field(instrument: str, code: str) -> Field:
    version = InstrumentVersion.objects.get(instrument__code=instrument, number=1)
    return version.fields.get(code=code)


@pytest.mark.parametrize("instrument", ["SKM", "SPKP", "SPAK"])
def test_the_standard_profile_fields_ship_the_annex_codes_as_synonyms(instrument):
    sex = standard_field(instrument, "sex").synonyms
    education = standard_field(instrument, "education").synonyms
    occupation = standard_field(instrument, "occupation").synonyms
    assert (sex["L"], sex["P"], sex["Wanita"]) == ("Laki-laki", "Perempuan", "Perempuan")
    assert (education["S1"], education["D3"], education["SLTA"]) == ("D4/S1", "D1-D3", "SMA")
    assert (occupation["Wiraswasta"], occupation["Mahasiswa"]) == ("Wirausaha", "Pelajar/Mahasiswa")
    for spec in (sex, education, occupation):
        assert spec  # every target is an option of its field (the migration keeps no other)
    assert standard_field(instrument, "age").synonyms == {}


def test_a_synonym_pointing_to_no_option_is_refused_at_publication(world):
    draft = make_draft()
    actions.save_field(
        None,
        Field(
            version=draft,
            code="sex",
            label="Jenis kelamin",
            kind=Field.Kind.CHOICE,
            choices=[["Laki-laki", "Laki-laki"], ["Perempuan", "Perempuan"]],
            synonyms={"L": "Laki-laki", "X": "Lainnya"},
        ),
    )
    with pytest.raises(ValidationError) as error:
        actions.publish_version(world.admin, draft)
    assert "sinonim X tidak menunjuk ke pilihan yang ada" in " ".join(error.value.messages)


def test_a_new_draft_keeps_its_sources_synonyms(world):
    source = InstrumentVersion.objects.get(instrument__code="SKM", number=1)
    draft = actions.new_draft(world.admin, source)
    assert draft.fields.get(code="sex").synonyms["L"] == "Laki-laki"
