"""Indonesian national holidays (libur nasional) and collective leave (cuti bersama) as starting data.

Source: the yearly joint decree of three ministers (SKB 3 Menteri: Agama, Ketenagakerjaan, PANRB):
for 2025 No. 1017/2024, 2/2024, 2/2024 (14 October 2024), amended by No. 933/2025, 1/2025, 3/2025
(7 August 2025: cuti bersama on 18 August); for 2026 No. 1497/2025, 2/2025, 5/2025 (17 libur nasional,
8 cuti bersama). The fixed-date holidays are given for 2024-2027, the moving ones (Islamic calendar,
Nyepi, Waisak, Imlek, Easter) for 2025 and 2026 only. Should a row ever be added on less than the
signed decree, its name ends in "(perlu dicek terhadap SKB)". The decree is amended during the year
at times (and the Islamic dates may follow the Minister of Religion's sighting), so admins keep these
rows up to date in the admin (Hari libur nasional). Idempotent: a date already present (perhaps
corrected by an admin) is left as it is.
"""

import datetime

from django.db import migrations

FIXED = [
    (1, 1, "Tahun Baru Masehi"),
    (5, 1, "Hari Buruh Internasional"),
    (6, 1, "Hari Lahir Pancasila"),
    (8, 17, "Hari Kemerdekaan Republik Indonesia"),
    (12, 25, "Kelahiran Yesus Kristus (Natal)"),
]

MOVING = [
    # 2025: SKB 3 Menteri for 2025 (libur nasional)
    ("2025-01-27", "Isra Mikraj Nabi Muhammad SAW"),
    ("2025-01-29", "Tahun Baru Imlek 2576 Kongzili"),
    ("2025-03-29", "Hari Suci Nyepi Tahun Baru Saka 1947"),
    ("2025-03-31", "Idul Fitri 1446 Hijriah"),
    ("2025-04-01", "Idul Fitri 1446 Hijriah"),
    ("2025-04-18", "Wafat Yesus Kristus"),
    ("2025-04-20", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2025-05-12", "Hari Raya Waisak 2569 BE"),
    ("2025-05-29", "Kenaikan Yesus Kristus"),
    ("2025-06-06", "Idul Adha 1446 Hijriah"),
    ("2025-06-27", "Tahun Baru Islam 1447 Hijriah"),
    ("2025-09-05", "Maulid Nabi Muhammad SAW"),
    # 2025: cuti bersama
    ("2025-01-28", "Cuti bersama Tahun Baru Imlek"),
    ("2025-03-28", "Cuti bersama Hari Suci Nyepi"),
    ("2025-04-02", "Cuti bersama Idul Fitri 1446 Hijriah"),
    ("2025-04-03", "Cuti bersama Idul Fitri 1446 Hijriah"),
    ("2025-04-04", "Cuti bersama Idul Fitri 1446 Hijriah"),
    ("2025-04-07", "Cuti bersama Idul Fitri 1446 Hijriah"),
    ("2025-05-13", "Cuti bersama Hari Raya Waisak"),
    ("2025-05-30", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2025-06-09", "Cuti bersama Idul Adha 1446 Hijriah"),
    ("2025-08-18", "Cuti bersama Hari Kemerdekaan"),
    ("2025-12-26", "Cuti bersama Kelahiran Yesus Kristus"),
    # 2026: SKB 3 Menteri for 2026 (libur nasional)
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-19", "Hari Suci Nyepi Tahun Baru Saka 1948"),
    ("2026-03-21", "Idul Fitri 1447 Hijriah"),
    ("2026-03-22", "Idul Fitri 1447 Hijriah"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-27", "Idul Adha 1447 Hijriah"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-16", "Tahun Baru Islam 1448 Hijriah"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    # 2026: cuti bersama
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-20", "Cuti bersama Idul Fitri 1447 Hijriah"),
    ("2026-03-23", "Cuti bersama Idul Fitri 1447 Hijriah"),
    ("2026-03-24", "Cuti bersama Idul Fitri 1447 Hijriah"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-28", "Cuti bersama Idul Adha 1447 Hijriah"),
    ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus"),
]


def holidays():
    for year in range(2024, 2028):
        for month, day, name in FIXED:
            yield datetime.date(year, month, day), name
    for iso, name in MOVING:
        yield datetime.date.fromisoformat(iso), name


def add_holidays(apps, schema_editor):
    Holiday = apps.get_model("indices", "Holiday")
    for date, name in holidays():
        Holiday.objects.get_or_create(date=date, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("indices", "0001_initial"),
    ]

    # Reversing keeps the rows: admins may have corrected them, and they harm nothing.
    operations = [migrations.RunPython(add_holidays, migrations.RunPython.noop)]
