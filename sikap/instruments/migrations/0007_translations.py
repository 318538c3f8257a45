"""Translations on instruments, versions and elements, and the English of the three standard instruments.

English is a rendering of the Indonesian, which stays the authoritative text: no score reads it, so it is
filled here into the published standard versions (only where still blank and only where the Indonesian is
still the shipped text, so an instance that changed its wording keeps its own). Written out here, not
imported, so the migration replays the same way forever.
"""

from django.db import migrations, models

AGREE_1_6 = [
    "Sangat tidak setuju",
    "Tidak setuju",
    "Kurang setuju",
    "Cukup setuju",
    "Setuju",
    "Sangat setuju",
]
AGREE_1_6_EN = [
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
]

NAMES = {
    "SKM": "Community Satisfaction Survey",
    "SPKP": "Service Quality Perception Survey",
    "SPAK": "Anti-Corruption Perception Survey",
}
VERSIONS = {
    "SKM": dict(
        title=("Survei Kepuasan Masyarakat (SKM)", "Community Satisfaction Survey (SKM)"),
        intro=(
            "Mohon beri penilaian atas pelayanan yang baru saja Saudara terima.",
            "Please rate the service you have just received.",
        ),
        scale_labels=(
            ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"],
            ["Poor", "Fair", "Good", "Very good"],
        ),
    ),
    "SPKP": dict(
        title=("Survei Persepsi Kualitas Pelayanan (SPKP)", "Service Quality Perception Survey (SPKP)"),
        intro=(
            "Seberapa setuju Saudara dengan pernyataan berikut? Makin banyak bintang, makin setuju.",
            "How far do you agree with each statement? The more stars, the more you agree.",
        ),
        scale_labels=(AGREE_1_6, AGREE_1_6_EN),
    ),
    "SPAK": dict(
        title=("Survei Persepsi Anti Korupsi (SPAK)", "Anti-Corruption Perception Survey (SPAK)"),
        intro=(
            "Seberapa setuju Saudara dengan pernyataan berikut? Makin banyak bintang, makin setuju.",
            "How far do you agree with each statement? The more stars, the more you agree.",
        ),
        scale_labels=(AGREE_1_6, AGREE_1_6_EN),
    ),
}
# code -> (Indonesian name as shipped, English name, English question, English point labels or [])
ELEMENTS = {
    "SKM": {
        "U1": (
            "Persyaratan",
            "Requirements",
            "How well do the service requirements match the kind of service?",
            ["Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"],
        ),
        "U2": (
            "Sistem, Mekanisme, dan Prosedur",
            "Systems, mechanisms and procedures",
            "How easy is the service procedure at this unit?",
            ["Not easy", "Less easy", "Easy", "Very easy"],
        ),
        "U3": (
            "Waktu Penyelesaian",
            "Completion time",
            "How quickly was the service delivered?",
            ["Not fast", "Less fast", "Fast", "Very fast"],
        ),
        "U4": (
            "Biaya/Tarif",
            "Cost/fee",
            "How reasonable is the cost or fee of the service?",
            ["Very expensive", "Fairly expensive", "Cheap", "Free"],
        ),
        "U5": (
            "Produk Spesifikasi Jenis Pelayanan",
            "Service products as specified",
            "How well does what you received match the product stated in the service standard?",
            ["Not appropriate", "Less appropriate", "Appropriate", "Very appropriate"],
        ),
        "U6": (
            "Kompetensi Pelaksana",
            "Staff competence",
            "How competent were the staff who served you?",
            ["Not competent", "Less competent", "Competent", "Very competent"],
        ),
        "U7": (
            "Perilaku Pelaksana",
            "Staff conduct",
            "How polite and friendly were the staff who served you?",
            [
                "Not polite and friendly",
                "Less polite and friendly",
                "Polite and friendly",
                "Very polite and friendly",
            ],
        ),
        "U8": (
            "Penanganan Pengaduan, Saran dan Masukan",
            "Handling of complaints, suggestions and feedback",
            "How are complaints from service users handled?",
            ["None", "Exists but does not work", "Works less than fully", "Well managed"],
        ),
        "U9": (
            "Sarana dan Prasarana",
            "Facilities and infrastructure",
            "How good are the facilities and infrastructure?",
            ["Poor", "Fair", "Good", "Very good"],
        ),
    },
    "SPKP": {
        "K1": (
            "Informasi pelayanan",
            "Service information",
            "Information about the services of this unit is available.",
            [],
        ),
        "K2": ("Persyaratan", "Requirements", "The service requirements match what was announced.", []),
        "K3": ("Prosedur", "Procedure", "The service procedure at this unit is easy.", []),
        "K4": ("Jangka waktu", "Time frame", "The service was completed within the time set.", []),
        "K5": (
            "Tarif/biaya",
            "Fee/cost",
            "The service fee matches what was set (nothing is charged when the service is free).",
            [],
        ),
        "K6": (
            "Sarana dan prasarana",
            "Facilities",
            "The service facilities or online service system are comfortable to use.",
            [],
        ),
        "K7": ("Respons petugas", "Staff response", "Service staff respond quickly.", []),
        "K8": (
            "Konsultasi dan pengaduan",
            "Consultation and complaints",
            "Consultation and complaint services are easy to reach.",
            [],
        ),
    },
    "SPAK": {
        "A1": ("Diskriminasi", "Discrimination", "There is no discrimination at this unit.", []),
        "A2": ("Kecurangan", "Fraud", "There is no fraud or service outside the procedure at this unit.", []),
        "A3": (
            "Imbalan/gratifikasi",
            "Rewards/gratuities",
            "No rewards or gratuities are given at this unit.",
            [],
        ),
        "A4": ("Pungutan liar", "Illegal levies", "There are no illegal levies at this unit.", []),
        "A5": ("Percaloan", "Brokering", "There are no brokers (calo) at this unit.", []),
    },
}


def translate_standard_instruments(apps, schema_editor):
    Instrument = apps.get_model("instruments", "Instrument")
    InstrumentVersion = apps.get_model("instruments", "InstrumentVersion")
    Element = apps.get_model("instruments", "Element")
    for code, name_en in NAMES.items():
        Instrument.objects.filter(code=code, name_en="").update(name_en=name_en)
        spec = VERSIONS[code]
        for version in InstrumentVersion.objects.filter(instrument__code=code):
            if version.title == spec["title"][0] and not version.title_en:
                version.title_en = spec["title"][1]
            if version.intro == spec["intro"][0] and not version.intro_en:
                version.intro_en = spec["intro"][1]
            if version.scale_labels == spec["scale_labels"][0] and not version.scale_labels_en:
                version.scale_labels_en = spec["scale_labels"][1]
            version.save(update_fields=["title_en", "intro_en", "scale_labels_en"])
        shipped = ELEMENTS[code]
        for element in Element.objects.filter(version__instrument__code=code, code__in=list(shipped)):
            name, name_en, question_en, labels_en = shipped[element.code]
            if element.name != name or element.name_en:
                continue
            element.name_en, element.question_en = name_en, question_en
            if labels_en and len(element.labels) == len(labels_en) and not element.labels_en:
                element.labels_en = labels_en
            element.save(update_fields=["name_en", "question_en", "labels_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("instruments", "0006_field_synonyms"),
    ]

    operations = [
        migrations.AddField(
            model_name="element",
            name="labels_en",
            field=models.JSONField(blank=True, default=list, verbose_name="label skala khusus (Inggris)"),
        ),
        migrations.AddField(
            model_name="element",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="nama unsur (Inggris)"),
        ),
        migrations.AddField(
            model_name="element",
            name="question_en",
            field=models.TextField(blank=True, verbose_name="pertanyaan (Inggris)"),
        ),
        migrations.AddField(
            model_name="instrument",
            name="name_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="nama (Inggris)"),
        ),
        migrations.AddField(
            model_name="instrumentversion",
            name="intro_en",
            field=models.TextField(blank=True, verbose_name="pengantar (Inggris)"),
        ),
        migrations.AddField(
            model_name="instrumentversion",
            name="scale_labels_en",
            field=models.JSONField(blank=True, default=list, verbose_name="label skala (Inggris)"),
        ),
        migrations.AddField(
            model_name="instrumentversion",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="judul pada formulir (Inggris)"),
        ),
        migrations.RunPython(translate_standard_instruments, migrations.RunPython.noop),
    ]
