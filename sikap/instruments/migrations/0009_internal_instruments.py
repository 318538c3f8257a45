"""The two standard internal instruments, each published as version 1: the ILK (Indeks Layanan
Kesekretariatan, five service domains x kualitas, ketersediaan, aksesibilitas on 1-4 with "not used this
period" as N/A) and the internal integrity survey (seven SPI-style dimensions, reverse-keyed items, "Tidak
tahu" as N/A). See docs/architecture.md and ../shared/INTERNAL.md for how they are scored.

Idempotent like 0002: an instrument whose code exists is left alone, and so is a version 1 that exists.
Reversing is a no-op: once responses point at these versions they must never disappear. Written out here,
not imported from application code, so the migration replays the same way forever.
"""

from django.db import migrations, models
from django.utils import timezone

GOOD_1_4 = (["Tidak baik", "Kurang baik", "Baik", "Sangat baik"], ["Poor", "Fair", "Good", "Very good"])
NOT_USED = (
    "Pilih “Tidak berlaku / tidak tahu” bila Saudara tidak memakai layanan ini pada periode ini.",
    "Choose “Not applicable / don't know” if you did not use this service in this period.",
)

# (code, Indonesian name, English name, Indonesian examples, English examples)
DOMAINS = [
    (
        "KEP",
        "Kepegawaian",
        "Personnel",
        "kenaikan pangkat, cuti, gaji berkala, data pegawai",
        "promotions, leave, periodic pay rises, staff records",
    ),
    (
        "KEU",
        "Perencanaan dan Keuangan",
        "Planning and finance",
        "perencanaan anggaran, pencairan dana, pertanggungjawaban keuangan",
        "budget planning, disbursements, financial accountability",
    ),
    (
        "BMN",
        "BMN dan Umum",
        "State property and general affairs",
        "barang milik negara, ruang kerja, kendaraan dinas, persuratan",
        "state property, workspace, official vehicles, correspondence",
    ),
    (
        "HUM",
        "Hubungan Masyarakat",
        "Public relations",
        "informasi dan publikasi, media sosial, keprotokolan",
        "information and publications, social media, protocol",
    ),
    (
        "TI",
        "Teknologi Informasi",
        "Information technology",
        "jaringan, aplikasi, perangkat, dukungan teknis",
        "network, applications, devices, technical support",
    ),
]
# (code, Indonesian, English, Indonesian question template, English question template)
ASPECTS = [
    (
        "K",
        "kualitas",
        "quality",
        "Bagaimana kualitas layanan {domain} di unit kerja Saudara pada periode ini ({examples}): tepat, "
        "cermat, dan sesuai ketentuan?",
        "How good was the quality of the {domain} services of your unit in this period ({examples}): "
        "accurate, careful and by the rules?",
    ),
    (
        "T",
        "ketersediaan",
        "availability",
        "Bagaimana ketersediaan layanan {domain} di unit kerja Saudara pada periode ini ({examples}): ada "
        "ketika dibutuhkan, dengan petugas dan sarana yang cukup?",
        "How available were the {domain} services of your unit in this period ({examples}): there when "
        "needed, with enough staff and means?",
    ),
    (
        "A",
        "aksesibilitas",
        "accessibility",
        "Bagaimana kemudahan mengakses layanan {domain} di unit kerja Saudara pada periode ini ({examples}): "
        "jelas salurannya, mudah dihubungi, dan cepat menanggapi?",
        "How easy was it to reach the {domain} services of your unit in this period ({examples}): clear "
        "channels, easy to contact and quick to respond?",
    ),
]


def ilk_elements():
    elements = []
    for domain, name, name_en, examples, examples_en in DOMAINS:
        for aspect, word, word_en, question, question_en in ASPECTS:
            elements.append(
                dict(
                    code=f"{domain}.{aspect}",
                    name=f"{name} — {word}",
                    name_en=f"{name_en} — {word_en}",
                    question=question.format(domain=name.lower(), examples=examples) + " " + NOT_USED[0],
                    question_en=question_en.format(domain=name_en.lower(), examples=examples_en)
                    + " "
                    + NOT_USED[1],
                    dimension=domain,
                    allow_na=True,
                )
            )
    return elements


# Frequencies run from "never" (1) up to "often" (4). A reverse-keyed item asks how often a bad practice
# happens, so its 4 is recoded to 0; asked of a good practice (SO1), 4 is recoded to 100.
FREQUENCY = (["Tidak pernah", "Jarang", "Kadang-kadang", "Sering"], ["Never", "Rarely", "Sometimes", "Often"])
SEEN = ("Seberapa sering Saudara melihat atau mendengar ", "How often have you seen or heard of ")

# (code, dimension, reverse, Indonesian name, English name, Indonesian question, English question,
#  point labels (Indonesian, English))
INTEGRITY_ITEMS = [
    (
        "TR1",
        "TR",
        False,
        "Keterbukaan informasi",
        "Openness of information",
        "Seberapa terbuka informasi tentang layanan, anggaran, dan kegiatan di unit kerja Saudara bagi pegawai?",
        "How open is information about the services, budget and activities of your unit to its staff?",
        (
            ["Tidak terbuka", "Kurang terbuka", "Terbuka", "Sangat terbuka"],
            ["Not open", "Barely open", "Open", "Very open"],
        ),
    ),
    (
        "TR2",
        "TR",
        False,
        "Keterbukaan keputusan",
        "Open decisions",
        "Seberapa jelas dan terbuka cara pengambilan keputusan di unit kerja Saudara (misalnya pembagian tugas "
        "dan penilaian kinerja)?",
        "How clear and open is the way decisions are made in your unit (for example sharing out work and "
        "appraising performance)?",
        (
            ["Tidak jelas", "Kurang jelas", "Jelas", "Sangat jelas"],
            ["Not clear", "Barely clear", "Clear", "Very clear"],
        ),
    ),
    (
        "IT1",
        "IT",
        True,
        "Gratifikasi",
        "Gratuities",
        SEEN[0] + "pegawai di unit kerja Saudara menerima pemberian imbalan atau gratifikasi dari pengguna "
        "layanan atau rekanan?",
        SEEN[1] + "staff of your unit accepting rewards or gratuities from service users or contractors?",
        FREQUENCY,
    ),
    (
        "IT2",
        "IT",
        True,
        "Pungutan dan pemerasan",
        "Levies and extortion",
        SEEN[0]
        + "pungutan di luar ketentuan atau permintaan uang dalam pelaksanaan tugas di unit kerja Saudara?",
        SEEN[1] + "levies outside the rules or demands for money in the work of your unit?",
        FREQUENCY,
    ),
    (
        "AN1",
        "AN",
        True,
        "Perjalanan dinas fiktif",
        "Fictitious official travel",
        SEEN[0] + "perjalanan dinas fiktif atau yang biayanya dilebihkan di unit kerja Saudara?",
        SEEN[1] + "fictitious official travel, or travel claimed above its cost, in your unit?",
        FREQUENCY,
    ),
    (
        "AN2",
        "AN",
        True,
        "Honorarium tidak sesuai",
        "Improper honoraria",
        SEEN[0]
        + "honorarium atau uang kegiatan yang dibayarkan tidak sesuai kenyataan di unit kerja Saudara?",
        SEEN[1] + "honoraria or activity money paid for work that did not happen as claimed in your unit?",
        FREQUENCY,
    ),
    (
        "PB1",
        "PB",
        True,
        "Pengadaan yang diatur",
        "Rigged procurement",
        SEEN[0] + "pengadaan barang/jasa di unit kerja Saudara diatur untuk memenangkan rekanan tertentu?",
        SEEN[1] + "procurement in your unit being arranged so that a chosen contractor wins?",
        FREQUENCY,
    ),
    (
        "PB2",
        "PB",
        False,
        "Kesesuaian hasil pengadaan",
        "Procurement fit for purpose",
        "Seberapa sesuai hasil pengadaan barang/jasa di unit kerja Saudara dengan kebutuhan dan spesifikasinya?",
        "How well do the goods and services your unit procures match the need and the specification?",
        (
            ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
            ["Not matching", "Barely matching", "Matching", "Fully matching"],
        ),
    ),
    (
        "SD1",
        "SD",
        True,
        "Nepotisme",
        "Nepotism",
        SEEN[0]
        + "penerimaan, mutasi, atau promosi pegawai di unit kerja Saudara dipengaruhi hubungan keluarga "
        "atau kedekatan?",
        SEEN[1] + "hiring, transfers or promotions in your unit being swayed by family ties or closeness?",
        FREQUENCY,
    ),
    (
        "SD2",
        "SD",
        True,
        "Jual beli jabatan",
        "Buying positions",
        SEEN[0] + "pemberian uang atau imbalan untuk memperoleh jabatan atau promosi di unit kerja Saudara?",
        SEEN[1] + "money or favours given to obtain a position or a promotion in your unit?",
        FREQUENCY,
    ),
    (
        "TI1",
        "TI",
        True,
        "Intervensi pihak luar",
        "Outside intervention",
        "Seberapa sering pihak luar (misalnya politisi, pengusaha, atau pejabat lain) mencampuri keputusan atau "
        "pelaksanaan tugas di unit kerja Saudara?",
        "How often do outsiders (for example politicians, business people or other officials) interfere in "
        "the decisions or work of your unit?",
        FREQUENCY,
    ),
    (
        "TI2",
        "TI",
        True,
        "Titipan",
        "Favours on request",
        "Seberapa sering keputusan di unit kerja Saudara berubah karena titipan atau permintaan pihak tertentu?",
        "How often do decisions in your unit change because someone asked for a favour?",
        FREQUENCY,
    ),
    (
        "SO1",
        "SO",
        False,
        "Keikutsertaan sosialisasi",
        "Anti-corruption outreach reached",
        "Seberapa sering Saudara mengikuti sosialisasi atau kampanye antikorupsi di unit kerja Saudara?",
        "How often have you taken part in anti-corruption outreach or campaigns in your unit?",
        FREQUENCY,
    ),
    (
        "SO2",
        "SO",
        False,
        "Efektivitas sosialisasi",
        "Outreach effectiveness",
        "Seberapa efektif sosialisasi antikorupsi di unit kerja Saudara mengubah perilaku pegawai?",
        "How effective is the anti-corruption outreach in your unit at changing how staff behave?",
        (
            ["Tidak efektif", "Kurang efektif", "Efektif", "Sangat efektif"],
            ["Not effective", "Barely effective", "Effective", "Very effective"],
        ),
    ),
]


def integrity_elements():
    return [
        dict(
            code=code,
            dimension=dimension,
            reverse=reverse,
            name=name,
            name_en=name_en,
            question=question,
            question_en=question_en,
            labels=labels[0],
            labels_en=labels[1],
            allow_na=True,
        )
        for code, dimension, reverse, name, name_en, question, question_en, labels in INTEGRITY_ITEMS
    ]


INTEGRITY_DIMENSIONS = [
    ["TR", "Transparansi", "Transparency"],
    ["IT", "Integritas dalam pelaksanaan tugas", "Integrity in carrying out duties"],
    ["AN", "Pengelolaan anggaran", "Budget management"],
    ["PB", "Pengelolaan pengadaan barang/jasa", "Procurement management"],
    ["SD", "Pengelolaan SDM", "Human resources management"],
    ["TI", "Trading in influence", "Trading in influence"],
    ["SO", "Sosialisasi antikorupsi", "Anti-corruption outreach"],
]


def _choice_field(code, label, label_en, options, order, synonyms=None):
    """A breakdown field of options [value, Indonesian label, English label]."""
    return dict(
        code=code,
        label=label,
        label_en=label_en,
        kind="choice",
        section="profile",
        choices=[[value, text] for value, text, _en in options],
        choices_en={value: en for value, _text, en in options},
        synonyms=synonyms or {},
        breakdown=True,
        order=order,
    )


# The roster's attributes, copied onto the answers (the values of sikap/internal/models.py's choices).
PROFILE = [
    _choice_field(
        "perspektif",
        "Perspektif",
        "Perspective",
        [
            ["pengguna", "Pengguna layanan", "Service user"],
            ["penyedia", "Penyedia layanan", "Service provider"],
            ["pimpinan", "Pimpinan", "Leadership"],
        ],
        1,
        {"user": "pengguna", "provider": "penyedia", "leader": "pimpinan"},
    ),
    _choice_field(
        "jenis_jabatan",
        "Jenis jabatan",
        "Job type",
        [
            ["struktural", "Struktural", "Structural (managerial)"],
            ["fungsional", "Fungsional", "Functional"],
            ["pelaksana", "Pelaksana", "Administrative staff"],
            ["pppk", "PPPK", "PPPK (government employee on contract)"],
            ["ppnpn", "PPNPN", "PPNPN (non-civil-servant staff)"],
        ],
        2,
        {"structural": "struktural", "functional": "fungsional", "staff": "pelaksana"},
    ),
    _choice_field(
        "jenis_kelamin",
        "Jenis kelamin",
        "Sex",
        [
            ["L", "Laki-laki", "Male"],
            ["P", "Perempuan", "Female"],
        ],
        3,
        {"Pria": "L", "Wanita": "P", "LK": "L", "PR": "P", "M": "L", "F": "P"},
    ),
    _choice_field(
        "kelompok_usia",
        "Kelompok usia",
        "Age band",
        [
            ["<30", "di bawah 30 tahun", "under 30"],
            ["30-39", "30-39 tahun", "30-39 years"],
            ["40-49", "40-49 tahun", "40-49 years"],
            ["50+", "50 tahun ke atas", "50 and over"],
        ],
        4,
    ),
    _choice_field(
        "masa_kerja",
        "Masa kerja",
        "Years of service",
        [
            ["<5", "di bawah 5 tahun", "under 5 years"],
            ["5-9", "5-9 tahun", "5-9 years"],
            ["10-19", "10-19 tahun", "10-19 years"],
            ["20+", "20 tahun ke atas", "20 years and over"],
        ],
        5,
    ),
]


def feedback(label, label_en):
    return dict(code="saran", label=label, label_en=label_en, kind="long_text", section="feedback", order=1)


PRIVACY = (
    "Jawaban Saudara tidak dapat dikaitkan dengan nama Saudara; angka hanya ditampilkan bila paling sedikit "
    "lima pegawai menjawab.",
    "Your answers cannot be linked to your name; figures are shown only where at least five staff answered.",
)

INSTRUMENTS = [
    dict(
        code="ILK",
        name="Indeks Layanan Kesekretariatan",
        name_en="Secretariat Services Index",
        method="ilk",
        order=10,
        version=dict(
            title="Indeks Layanan Kesekretariatan (ILK)",
            title_en="Secretariat Services Index (ILK)",
            intro="Nilailah layanan kesekretariatan unit kerja Saudara pada periode ini. "
            + NOT_USED[0]
            + " "
            + PRIVACY[0],
            intro_en="Rate the secretariat services of your unit in this period. "
            + NOT_USED[1]
            + " "
            + PRIVACY[1],
            scale_min=1,
            scale_max=4,
            display="labels",
            scale_labels=GOOD_1_4[0],
            scale_labels_en=GOOD_1_4[1],
            scoring={
                "dimensions": [[code, name, name_en] for code, name, name_en, _e, _f in DOMAINS],
                "perspective_weights": {"pengguna": 1, "penyedia": 1, "pimpinan": 1},
                "flag_below": 0.25,
            },
        ),
        elements=ilk_elements(),
        fields=[
            *PROFILE,
            feedback("Saran untuk layanan kesekretariatan", "Suggestions for the secretariat services"),
        ],
    ),
    dict(
        code="INTEGRITAS",
        name="Survei Integritas Internal",
        name_en="Internal Integrity Survey",
        method="integrity",
        order=11,
        version=dict(
            title="Survei Integritas Internal",
            title_en="Internal Integrity Survey",
            intro="Jawablah berdasarkan apa yang Saudara lihat, dengar, atau alami di unit kerja Saudara selama "
            "setahun terakhir. Pilih “Tidak berlaku / tidak tahu” bila Saudara tidak tahu. " + PRIVACY[0],
            intro_en="Answer from what you have seen, heard or experienced in your unit over the past year. "
            "Choose “Not applicable / don't know” if you do not know. " + PRIVACY[1],
            scale_min=1,
            scale_max=4,
            display="labels",
            scoring={"dimensions": INTEGRITY_DIMENSIONS, "dimension_weights": {}, "flag_below": 5},
        ),
        elements=integrity_elements(),
        fields=[
            *PROFILE,
            feedback("Saran untuk memperkuat integritas", "Suggestions to strengthen integrity"),
        ],
    ),
]


def create_internal_instruments(apps, schema_editor):
    Instrument = apps.get_model("instruments", "Instrument")
    InstrumentVersion = apps.get_model("instruments", "InstrumentVersion")
    Element = apps.get_model("instruments", "Element")
    Field = apps.get_model("instruments", "Field")
    now = timezone.now()
    for spec in INSTRUMENTS:
        instrument, _ = Instrument.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "name_en": spec["name_en"],
                "method": spec["method"],
                "order": spec["order"],
                "internal": True,
            },
        )
        if InstrumentVersion.objects.filter(instrument=instrument, number=1).exists():
            continue
        version = InstrumentVersion.objects.create(
            instrument=instrument,
            number=1,
            status="published",
            published_at=now,
            method=spec["method"],
            **spec["version"],
        )
        Element.objects.bulk_create(
            Element(version=version, order=n, ask_importance=False, **element)
            for n, element in enumerate(spec["elements"], start=1)
        )
        Field.objects.bulk_create(Field(version=version, **field) for field in spec["fields"])


class Migration(migrations.Migration):
    dependencies = [("instruments", "0008_internal_surveys")]

    operations = [
        migrations.AlterField(
            model_name="instrument",
            name="method",
            field=models.CharField(
                choices=[
                    ("ikm", "IKM (PermenPANRB 14/2017)"),
                    ("perception", "Indeks persepsi (rata-rata skala 1-6)"),
                    ("mean", "Rata-rata sederhana"),
                    ("ilk", "ILK (Indeks Layanan Kesekretariatan)"),
                    ("integrity", "Indeks integritas internal (0-100)"),
                ],
                max_length=20,
                verbose_name="metode indeks",
            ),
        ),
        migrations.RunPython(create_internal_instruments, migrations.RunPython.noop),
    ]
