"""The shipped framework: the 2022 regime (counter and online) and the 2017 aspect weights, the F-03
form as the instrument F03, weights refused unless siblings sum to 100 %, published versions immutable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.instruments.models import InstrumentVersion
from sikap.pekppp import actions
from sikap.pekppp.models import FrameworkVersion, Indicator

pytestmark = pytest.mark.django_db


def current() -> FrameworkVersion:
    version = FrameworkVersion.objects.current()
    assert version is not None
    return version


def test_the_2022_regime_is_the_current_version_with_its_weights() -> None:
    version = current()
    assert version.regime == "PermenPANRB 29/2022" and version.number == 2
    assert {a.code: a.weight for a in version.aspects.all()} == {
        "a": 24,
        "b": 25,
        "c": 18,
        "d": 11,
        "e": 10,
        "f": 12,
    }
    assert (version.f02_share, version.f03_share, version.f03_minimum) == (
        Decimal("0.75"),
        Decimal("0.25"),
        10,
    )
    counter = version.scoring_framework("counter")
    assert [i.code for i in counter.indicators][:3] == ["1.a.Ak", "2.a.P", "3.a.T"]
    assert len(counter.indicators) == 30 and counter.indicators[-1].code == "30.f.B"


def test_online_services_swap_sarana_prasarana_for_e_service_indicators_with_the_same_weights() -> None:
    version = current()
    counter = version.indicators.filter(aspect__code="c", variant=Indicator.Variant.COUNTER)
    online = version.indicators.filter(aspect__code="c", variant=Indicator.Variant.ONLINE)
    assert [i.weight for i in online] == [i.weight for i in counter] == [15, 23, 20, 20, 11, 11]
    assert [i.number for i in online] == list(range(15, 21))
    framework = version.scoring_framework("online")
    assert len(framework.indicators) == 30 and "15.c.Dr" in {i.code for i in framework.indicators}


def test_the_2017_version_keeps_its_aspect_weights() -> None:
    version = FrameworkVersion.objects.get(number=1)
    assert version.regime == "PermenPANRB 17/2017" and version.is_published
    assert [a.weight for a in version.aspects.order_by("order")] == [30, 18, 15, 15, 15, 7]


def test_every_indicator_has_a_six_level_rubric_and_f01_questions() -> None:
    for indicator in current().indicators.all():
        assert len(indicator.rubric) == 6, indicator.code
        assert indicator.questions, indicator.code
    prefilled = current().indicators.exclude(prefill="").values_list("number", flat=True)
    assert sorted(prefilled) == [6, 7, 8, 9]


def test_the_f03_instrument_has_the_official_item_numbers_in_their_aspects() -> None:
    version = current()
    f03 = InstrumentVersion.objects.published().get(instrument=version.f03_instrument)
    assert (f03.scale_min, f03.scale_max, f03.instrument.code) == (0, 5, "F03")
    elements = list(f03.elements.order_by("order").values_list("code", "dimension"))
    items = [(str(i.number), i.aspect) for i in version.f03_items.all()]
    assert elements == items
    assert [code for code, _ in items] == [*map(str, range(1, 13)), "14", "15"]


def test_a_published_version_and_its_parts_refuse_changes() -> None:
    version = current()
    indicator = version.indicators.first()
    assert indicator is not None
    indicator.weight = Decimal(50)
    with pytest.raises(ValidationError, match="sudah terbit"):
        indicator.save()
    with pytest.raises(ValidationError, match="sudah terbit"):
        version.save()
    with pytest.raises(ValidationError, match="sudah terbit"):
        actions.set_weights(None, version, aspects={"a": Decimal(24)})


def test_weights_are_refused_unless_siblings_sum_to_100(world) -> None:  # type: ignore[no-untyped-def]
    draft = actions.new_draft(world.admin, current(), title="PEKPPP uji")
    assert not draft.is_published and draft.indicators.count() == current().indicators.count()
    with pytest.raises(ValidationError) as refused:
        actions.set_weights(
            world.admin, draft, aspects={"a": Decimal(30)}, indicators={"1.a.Ak": Decimal(20)}
        )
    message = " ".join(refused.value.messages)
    assert "bobot aspek berjumlah 106 %" in message and "aspek a berjumlah 103 %" in message
    assert draft.aspects.get(code="a").weight == 24  # rolled back
    actions.set_weights(
        world.admin,
        draft,
        aspects={"a": Decimal(30), "b": Decimal(19)},
        indicators={"1.a.Ak": Decimal(20), "2.a.P": Decimal(11)},
        reason="uji",
    )
    assert AuditEvent.objects.filter(action="pekppp.framework.weights", reason="uji").count() == 1
    actions.publish_version(world.admin, draft)
    draft.refresh_from_db()
    assert draft.is_published and FrameworkVersion.objects.current() == draft


def test_model_clean_refuses_a_bad_sum(world) -> None:  # type: ignore[no-untyped-def]
    draft = actions.new_draft(world.admin, current())
    draft.aspects.filter(code="f").update(weight=Decimal(13))
    with pytest.raises(ValidationError, match="101"):
        draft.full_clean()


def test_running_the_migration_again_changes_nothing() -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("sikap.pekppp.migrations.0002_catalogue")
    migration.create_catalogue(apps, None)
    assert FrameworkVersion.objects.count() == 2
    assert current().indicators.count() == 36  # 24 for all services, 6 counter, 6 online
    assert InstrumentVersion.objects.filter(instrument__code="F03").count() == 1
