"""Ship the PEKPPP framework: version 1 with PermenPANRB 17/2017's aspect weights and version 2 with the
2022 regime (PermenPANRB 29/2022: counter indicators, the online variant's e-service indicators replacing
Sarana Prasarana), both published, on the same indicators; and the users' form F-03 as the instrument
F03 (0-5, elements coded by the official item numbers 1-12, 14, 15, dimension = F-03 aspect I-V).

Idempotent like instruments/0002: what exists is left alone. Reversing is a no-op: once cycles and
answers point at these versions they must never disappear. The data is in `_catalogue.py`, written out,
not imported from application code.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

from sikap.pekppp.migrations import _catalogue as cat


def create_f03_instrument(apps):
    Instrument = apps.get_model("instruments", "Instrument")
    InstrumentVersion = apps.get_model("instruments", "InstrumentVersion")
    Element = apps.get_model("instruments", "Element")
    instrument, _ = Instrument.objects.get_or_create(
        code="F03",
        defaults={
            "name": "Survei Pengguna Layanan PEKPPP (F-03)",
            "name_en": "PEKPPP service users' survey (F-03)",
            "method": "mean",
            "order": 5,
        },
    )
    if not InstrumentVersion.objects.filter(instrument=instrument, number=1).exists():
        version = InstrumentVersion.objects.create(
            instrument=instrument,
            number=1,
            status="published",
            published_at=timezone.now(),
            regulation="PermenPANRB 29/2022",
            title="Survei Pengguna Layanan (F-03 PEKPPP)",
            title_en="Service users' survey (PEKPPP F-03)",
            intro="Berikan nilai 0 (sangat buruk) sampai 5 (sangat baik) untuk pelayanan yang Saudara terima.",
            intro_en="Rate the service you received from 0 (very poor) to 5 (very good).",
            scale_min=0,
            scale_max=5,
            scale_labels=cat.F03_SCALE[0],
            scale_labels_en=cat.F03_SCALE[1],
            method="mean",
            scoring={"dimensions": cat.F03_DIMENSIONS},
        )
        Element.objects.bulk_create(
            Element(
                version=version,
                code=str(number),
                name=name,
                name_en=name_en,
                question=f"{name}?",
                question_en=f"{name_en}?",
                dimension=aspect,
                order=order,
            )
            for order, (number, aspect, name, name_en) in enumerate(cat.F03_ITEMS, start=1)
        )
    return instrument


def create_version(apps, framework, number, *, regime, title, aspect_weights, f03_instrument, now):
    FrameworkVersion = apps.get_model("pekppp", "FrameworkVersion")
    Aspect = apps.get_model("pekppp", "Aspect")
    Indicator = apps.get_model("pekppp", "Indicator")
    F03Item = apps.get_model("pekppp", "F03Item")
    if FrameworkVersion.objects.filter(framework=framework, number=number).exists():
        return
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status="published",
        published_at=now,
        regime=regime,
        title=title,
        f02_share=Decimal("0.75"),
        f03_share=Decimal("0.25"),
        f03_minimum=10,
        f03_instrument=f03_instrument,
    )
    aspects = {}
    for order, (code, name, name_en, weight) in enumerate(cat.ASPECTS, start=1):
        aspects[code] = Aspect.objects.create(
            version=version, code=code, name=name, name_en=name_en, weight=Decimal(aspect_weights[code]), order=order
        )
    for order, row in enumerate(cat.indicators(), start=1):
        row = dict(row)
        aspect = aspects[row.pop("aspect")]
        Indicator.objects.create(
            version=version,
            aspect=aspect,
            order=order,
            evidence_required=True,
            **{**row, "weight": Decimal(row["weight"])},
        )
    F03Item.objects.bulk_create(
        F03Item(version=version, number=number, aspect=aspect, name=name, name_en=name_en)
        for number, aspect, name, name_en in cat.F03_ITEMS
    )


def create_catalogue(apps, schema_editor):
    Framework = apps.get_model("pekppp", "Framework")
    f03 = create_f03_instrument(apps)
    framework, _ = Framework.objects.get_or_create(
        code="PEKPPP", defaults={"name": "Pemantauan dan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik"}
    )
    now = timezone.now()
    create_version(
        apps,
        framework,
        1,
        regime="PermenPANRB 17/2017",
        title="PEKPPP (bobot aspek PermenPANRB 17/2017)",
        aspect_weights=cat.ASPECT_WEIGHTS_2017,
        f03_instrument=f03,
        now=now,
    )
    create_version(
        apps,
        framework,
        2,
        regime="PermenPANRB 29/2022",
        title="PEKPPP (PermenPANRB 29/2022)",
        aspect_weights={code: weight for code, _n, _e, weight in cat.ASPECTS},
        f03_instrument=f03,
        now=now,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pekppp", "0001_initial"),
        ("instruments", "0009_internal_instruments"),
    ]

    operations = [migrations.RunPython(create_catalogue, migrations.RunPython.noop)]
