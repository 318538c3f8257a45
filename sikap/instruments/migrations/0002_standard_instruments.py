"""The three standard instruments (SKM, SPKP, SPAK), each published as version 1.

Idempotent: an instrument whose code already exists is left alone, and so is a version 1 that exists.
Reversing is a no-op: once responses point at these versions they must never disappear.
The data is written out here, not imported from application code, so the migration replays the same
way forever even when the application's own defaults change.
"""

from django.db import migrations
from django.utils import timezone

AGREE_1_6 = [
    "Sangat tidak setuju",
    "Tidak setuju",
    "Kurang setuju",
    "Cukup setuju",
    "Setuju",
    "Sangat setuju",
]

SKM_ELEMENTS = [
    (
        "U1",
        "Persyaratan",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ),
    (
        "U2",
        "Sistem, Mekanisme, dan Prosedur",
        "Bagaimana pendapat Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
    ),
    (
        "U3",
        "Waktu Penyelesaian",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
    ),
    (
        "U4",
        "Biaya/Tarif",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
    ),
    (
        "U5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam "
        "standar pelayanan dengan hasil yang diberikan?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
    ),
    (
        "U6",
        "Kompetensi Pelaksana",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        ["Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
    ),
    (
        "U7",
        "Perilaku Pelaksana",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        ["Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
    ),
    (
        "U8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        ["Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
    ),
    (
        "U9",
        "Sarana dan Prasarana",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        ["Buruk", "Cukup", "Baik", "Sangat baik"],
    ),
]

SPKP_ELEMENTS = [
    ("K1", "Informasi pelayanan", "Informasi tentang pelayanan di unit layanan ini tersedia."),
    ("K2", "Persyaratan", "Persyaratan pelayanan sesuai dengan yang diinformasikan."),
    ("K3", "Prosedur", "Prosedur pelayanan di unit layanan ini mudah."),
    ("K4", "Jangka waktu", "Jangka waktu penyelesaian pelayanan sesuai dengan yang ditetapkan."),
    (
        "K5",
        "Tarif/biaya",
        "Tarif/biaya pelayanan sesuai dengan yang ditetapkan (tidak dipungut biaya bila layanan gratis).",
    ),
    ("K6", "Sarana dan prasarana", "Sarana prasarana pelayanan atau sistem pelayanan daring nyaman digunakan."),
    ("K7", "Respons petugas", "Petugas pelayanan merespons dengan cepat."),
    ("K8", "Konsultasi dan pengaduan", "Layanan konsultasi dan pengaduan mudah diakses."),
]

SPAK_ELEMENTS = [
    ("A1", "Diskriminasi", "Tidak ada diskriminasi di unit layanan ini."),
    ("A2", "Kecurangan", "Tidak ada kecurangan atau pelayanan di luar prosedur di unit layanan ini."),
    ("A3", "Imbalan/gratifikasi", "Tidak ada imbalan atau gratifikasi di unit layanan ini."),
    ("A4", "Pungutan liar", "Tidak ada pungutan liar di unit layanan ini."),
    ("A5", "Percaloan", "Tidak ada percaloan di unit layanan ini."),
]


def _pairs(values):
    return [[value, value] for value in values]


def profile_fields(age_required):
    """The shared respondent profile and feedback fields; choices are [value, label] pairs."""
    return [
        dict(code="age", label="Usia (tahun)", kind="integer", section="profile", required=age_required,
             min_value=10, max_value=120, order=1),
        dict(code="sex", label="Jenis kelamin", kind="choice", section="profile",
             choices=_pairs(["Laki-laki", "Perempuan"]), order=2),
        dict(code="education", label="Pendidikan terakhir", kind="choice", section="profile",
             choices=_pairs(["SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3"]), order=3),
        dict(code="occupation", label="Pekerjaan", kind="choice", section="profile",
             choices=_pairs(["PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"]),
             order=4),
        dict(code="suggestion", label="Saran", kind="long_text", section="feedback", order=1),
        dict(code="complaint", label="Pengaduan", kind="long_text", section="feedback", order=2),
    ]


INSTRUMENTS = [
    dict(
        code="SKM",
        name="Survei Kepuasan Masyarakat",
        method="ikm",
        version=dict(
            regulation="PermenPANRB 14/2017",
            title="Survei Kepuasan Masyarakat (SKM)",
            intro="Mohon beri penilaian atas pelayanan yang baru saja Saudara terima.",
            scale_min=1,
            scale_max=4,
            display="labels",
            scale_labels=["Tidak baik", "Kurang baik", "Baik", "Sangat baik"],
            scoring={"weights": "exact"},
        ),
        elements=[dict(code=c, name=n, question=q, labels=lb) for c, n, q, lb in SKM_ELEMENTS],
        fields=profile_fields(age_required=True),
    ),
    dict(
        code="SPKP",
        name="Survei Persepsi Kualitas Pelayanan",
        method="perception",
        version=dict(
            regulation="PermenPANRB 90/2021",
            title="Survei Persepsi Kualitas Pelayanan (SPKP)",
            intro="Seberapa setuju Saudara dengan pernyataan berikut? Makin banyak bintang, makin setuju.",
            scale_min=1,
            scale_max=6,
            display="stars",
            scale_labels=AGREE_1_6,
            scoring={"conversion": "linear", "threshold_1_4": 3.60},
        ),
        elements=[dict(code=c, name=n, question=q) for c, n, q in SPKP_ELEMENTS],
        fields=profile_fields(age_required=False),
    ),
    dict(
        code="SPAK",
        name="Survei Persepsi Anti Korupsi",
        method="perception",
        version=dict(
            regulation="PermenPANRB 90/2021",
            title="Survei Persepsi Anti Korupsi (SPAK)",
            intro="Seberapa setuju Saudara dengan pernyataan berikut? Makin banyak bintang, makin setuju.",
            scale_min=1,
            scale_max=6,
            display="stars",
            scale_labels=AGREE_1_6,
            scoring={"conversion": "linear", "threshold_1_4": 3.60},
        ),
        elements=[dict(code=c, name=n, question=q) for c, n, q in SPAK_ELEMENTS],
        fields=profile_fields(age_required=False),
    ),
]


def create_standard_instruments(apps, schema_editor):
    Instrument = apps.get_model("instruments", "Instrument")
    InstrumentVersion = apps.get_model("instruments", "InstrumentVersion")
    Element = apps.get_model("instruments", "Element")
    Field = apps.get_model("instruments", "Field")
    now = timezone.now()
    for spec in INSTRUMENTS:
        instrument, _ = Instrument.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"], "method": spec["method"]}
        )
        if InstrumentVersion.objects.filter(instrument=instrument, number=1).exists():
            continue
        version = InstrumentVersion.objects.create(
            instrument=instrument, number=1, status="published", published_at=now, **spec["version"]
        )
        Element.objects.bulk_create(
            Element(version=version, order=n, ask_importance=False, **element)
            for n, element in enumerate(spec["elements"], start=1)
        )
        Field.objects.bulk_create(Field(version=version, **field) for field in spec["fields"])


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [migrations.RunPython(create_standard_instruments, migrations.RunPython.noop)]
