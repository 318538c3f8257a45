"""Index methods come from one registry: a new method is one entry, and every read and page follows it."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from sikap.indices import methods, read
from sikap.indices.tests.helpers import random_submission
from sikap.instruments import actions
from sikap.instruments.tests.factories import make_campaign, make_draft, standard


def _best_element(result, version, sums, counts) -> None:  # type: ignore[no-untyped-def]
    """A toy method: the highest element mean, as 0-100 on the version's scale."""
    best = max(Fraction(sums[c], counts[c]) for c in sums if counts[c])
    result.index = float(best)
    result.score = methods.linear_score(version, float(best))
    result.grade = "TOY"


@pytest.fixture
def toy():
    method = methods.register(
        methods.Method("toy", "Unsur terbaik", _best_element, "indices/methods/_mean.html")
    )
    yield method
    methods.unregister("toy")


def test_a_toy_method_needs_one_registry_entry_and_nothing_else(world, toy, login):
    version = make_draft("TOY", elements=3, method="toy", scale_min=1, scale_max=4)
    version = actions.publish_version(None, version)
    campaign = make_campaign([world.division], versions=[version])
    rng = random.Random(5)
    for _ in range(8):
        random_submission(campaign, world.division, rng)

    result = read.result(read.Scope([world.division.pk], campaign.period, version))
    assert result.method is toy
    best = max(e.mean for e in result.elements if e.mean is not None)
    assert result.index == pytest.approx(best)
    assert result.grade == "TOY"
    assert result.score == pytest.approx((best - 1) * 100 / 3)
    assert result.ci95 is not None  # intervals map through the method's 0-100 scale

    page = login(world.kanwil_admin).get(
        f"/indeks/unit/{world.division.code}/?periode={campaign.period.pk}&instrumen=TOY"
    )
    assert page.status_code == 200
    assert 'title="Mutu pelayanan">TOY</span>' in page.content.decode()  # the method's grade


def test_each_shipped_version_names_a_registered_method(db):
    for code, method in (("SKM", "ikm"), ("SPKP", "perception"), ("SPAK", "perception")):
        version = standard(code)
        assert version.method == method
        assert methods.method_of(version) is methods.REGISTRY[method]


def test_a_version_naming_an_unknown_method_is_refused(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Metode indeks tidak dikenal"):
        make_draft("ANEH", method="nonexistent")


@pytest.mark.django_db
def test_conventions_are_named_in_the_readers_language():
    # Issue 10: "exact weight 1/9" and "linear conversion" appeared inside Indonesian pages.
    from django.utils import translation

    from sikap.indices.methods import convention_label
    from sikap.instruments.models import InstrumentVersion

    skm = InstrumentVersion.objects.published().get(instrument__code="SKM")
    spkp = InstrumentVersion.objects.published().get(instrument__code="SPKP")
    with translation.override("id"):
        assert convention_label(skm).startswith("bobot tepat 1/9 per unsur")
        assert "exact" not in convention_label(skm) and "linear conversion" not in convention_label(spkp)
    with translation.override("en"):
        assert convention_label(skm).startswith("exact weight 1/9 per element")
        assert convention_label(spkp).startswith("linear conversion")
