"""The PEKPPP catalogue as the data migration ships it (PermenPANRB 29/2022, counter variant, with the
online variant's e-service indicators; see ../shared/PEKPPP.md). Plain data, read only by migrations
(the loader skips modules whose name starts with "_"), so a migration replays the same way forever: a
later change to the catalogue is a new migration, never an edit here.
"""

ASPECTS = [
    ("a", "Kebijakan Pelayanan", "Service policy", "24"),
    ("b", "Profesionalisme SDM", "Staff professionalism", "25"),
    ("c", "Sarana Prasarana", "Facilities", "18"),
    ("d", "Sistem Informasi Pelayanan Publik", "Public service information system", "11"),
    ("e", "Konsultasi dan Pengaduan", "Consultation and complaints", "10"),
    ("f", "Inovasi", "Innovation", "12"),
]
# PermenPANRB 17/2017's aspect weights (one source), shipped as a second version on the same indicators.
ASPECT_WEIGHTS_2017 = {"a": "30", "b": "18", "c": "15", "d": "15", "e": "15", "f": "7"}

COUNTS = [1, 2, 3, 4, 5]  # 0 none; 1..4 = that many; 5 = five (or more than four) or more


def count(key, label, steps=None):
    """A number asked in F-01 whose value suggests the level by thresholds."""
    return [{"key": key, "kind": "number", "label": label}], {"count": key, "steps": steps or COUNTS}


def gated(gate, gate_label, key, label, options, steps):
    """A yes/no that must hold for level 1, then a checklist whose ticks add levels."""
    return (
        [
            {"key": gate, "kind": "yes_no", "label": gate_label},
            {"key": key, "kind": "checklist", "label": label, "options": options},
        ],
        {"gate": gate, "base": 1, "count": key, "steps": steps},
    )


def checklist(key, label, options, steps=None):
    return [{"key": key, "kind": "checklist", "label": label, "options": options}], {
        "count": key,
        "steps": steps or COUNTS,
    }


def condition(rubric):
    """The unit picks the rubric line that fits it: the suggestion is that level."""
    return [{"key": "kondisi", "kind": "choice", "label": "Kondisi yang sesuai", "options": rubric}], {
        "choice": "kondisi"
    }


def levels_by_count(none, unit):
    return [none] + [f"{n} {unit}" for n in range(1, 5)] + [f"Lebih dari 4 {unit}"]


R1 = [
    "Tidak ada Standar Pelayanan",
    "Ada, belum memuat 14 komponen",
    "Memuat 14 komponen",
    "Memuat 14 komponen dan ditetapkan",
    "Ditetapkan dan disusun dengan melibatkan masyarakat",
    "Ditetapkan, melibatkan masyarakat, dan dipantau pelaksanaannya",
]
R3 = [
    "Tidak dipublikasikan",
    "Sebagian komponen dipublikasikan",
    "Seluruh komponen di 2 media, belum di SIPP Nasional",
    "Dua media dan SIPP Nasional",
    "Tiga media dan SIPP Nasional",
    "Empat media atau lebih dan SIPP Nasional",
]
R4 = [
    "Tidak pernah ditinjau",
    "Ditinjau setiap 3 tahun atau lebih",
    "Dua tahunan, sebagian layanan",
    "Dua tahunan, seluruh layanan",
    "Tahunan, sebagian layanan",
    "Tahunan, seluruh layanan",
]
R5 = [
    "Tidak ada Maklumat Pelayanan",
    "Ada, belum ditetapkan",
    "Ditetapkan, isinya belum sesuai",
    "Ditetapkan dan isinya sesuai",
    "Sesuai dan dipublikasikan di media cetak",
    "Sesuai dan dipublikasikan di media cetak dan daring",
]
R6 = [
    "Tidak melaksanakan SKM",
    "SKM tidak sesuai PermenPANRB 14/2017",
    "SKM sesuai peraturan",
    "Sesuai peraturan dan hasilnya dipublikasikan di media cetak",
    "Dipublikasikan di media cetak dan daring",
    "Dipublikasikan dan ditindaklanjuti",
]
R8 = [
    "Tidak ada rencana tindak lanjut",
    "Ada rencana, belum dilaksanakan",
    "Kurang dari 30 % terlaksana",
    "30-80 % terlaksana",
    "Lebih dari 80 % terlaksana",
    "100 % terlaksana",
]
R9 = [
    "Tidak ditindaklanjuti",
    "Dalam satu tahun",
    "Dalam 9 bulan",
    "Dalam 6 bulan",
    "Dalam 3 bulan",
    "Dalam satu bulan",
]
R13 = [
    "Tidak ada kriteria",
    "1-2 kriteria tanpa kinerja",
    "3-5 kriteria tanpa kinerja",
    "1-2 kriteria dengan kinerja",
    "3-4 kriteria dengan kinerja",
    "5-6 kriteria dengan kinerja",
]
R21 = [
    "Tidak ada",
    "Lisan",
    "Lisan dan papan/media cetak",
    "Elektronik luring",
    "Daring",
    "Daring dan terhubung SIPP Nasional",
]
R22 = [
    "Tidak ada",
    "Data Standar Pelayanan",
    "Ditambah SP4N-LAPOR!",
    "Ditambah SKM",
    "Ditambah kinerja pegawai",
    "Ditambah data lainnya",
]
R23 = [
    "Tidak daring",
    "Mudah digunakan",
    "Mudah digunakan dan mudah diakses",
    "Ditambah kompatibel di berbagai perangkat",
    "Ditambah domain .go.id",
    "Ditambah navigasi yang jelas",
]
R24 = ["Tidak pernah", "Tahunan", "Per semester", "Bulanan", "Mingguan", "Harian"]
R26 = [
    "Tidak ada",
    "Luring di front office",
    "Luring terpisah",
    "Luring di front office dan daring",
    "Luring terpisah dan daring",
    "Luring terpisah dan SP4N-LAPOR!",
]
R27 = [
    "Tidak terdokumentasi",
    "Diarsipkan",
    "Diarsipkan dan dilaporkan",
    "Ditambah dipantau",
    "Ditambah ditindaklanjuti",
    "Ditambah dipublikasikan",
]
R28 = [
    "Tidak ada",
    "< 50 % di luar SP4N-LAPOR!",
    ">= 50 % di luar SP4N-LAPOR!",
    "< 50 % melalui SP4N-LAPOR!",
    "50-90 % melalui SP4N-LAPOR!",
    ">= 90 % melalui SP4N-LAPOR!",
]
R29 = [
    "Tidak ada inovasi",
    "Tahap pembelajaran",
    "Berjalan kurang dari satu tahun",
    "Lebih dari satu tahun, belum mengikuti kompetisi",
    "Mengikuti kompetisi",
    "Meraih penghargaan",
]
R30 = [
    "Tidak ada",
    "Rancangan dasar hukum",
    "Dasar hukum ditetapkan",
    "Dasar hukum dan 1 sumber daya (anggaran, sarana, SK tim)",
    "Dasar hukum dan 2 sumber daya",
    "Dasar hukum dan 3 sumber daya",
]
HOURS = [
    "Tanpa istirahat (bergiliran)",
    "Jam layanan diperpanjang",
    "Hari tambahan pada masa sibuk",
    "Hari tambahan rutin",
    "24 jam",
]
ETHICS = ["Larangan korupsi", "Larangan diskriminasi", "Sanksi", "Penghargaan"]
CULTURE = ["Seragam", "Tanda nama", "Lencana unit", "Aturan 5S", "Nilai-nilai pelayanan"]
WAITING = ["Layar antrean", "Televisi", "Bahan bacaan", "Tempat pengisian daya", "Wifi", "Air minum"]
INNOVATION_RESOURCES = ["Anggaran", "Sarana", "SK tim"]


def _rubric_count(none, unit, many="Lima atau lebih"):
    return [none] + [f"{n} {unit}" for n in range(1, 5)] + [f"{many} {unit}"]


# (number, code, Indonesian name, English name, weight %, rubric, (questions, suggest), prefill)
COUNTER = [
    (
        1,
        "1.a.Ak",
        "Standar Pelayanan sesuai ketentuan",
        "Service Standard meets the rules",
        "17",
        R1,
        condition(R1),
        "",
    ),
    (
        2,
        "2.a.P",
        "Pelibatan masyarakat dalam penyusunan Standar Pelayanan",
        "Community involved in drafting the Service Standard",
        "14",
        levels_by_count("Tidak melibatkan masyarakat", "unsur masyarakat"),
        count("jumlah_unsur", "Jumlah unsur masyarakat yang dilibatkan"),
        "",
    ),
    (
        3,
        "3.a.T",
        "Media publikasi komponen Standar Pelayanan",
        "Media publishing the service components",
        "7",
        R3,
        condition(R3),
        "",
    ),
    (
        4,
        "4.a.K",
        "Peninjauan Standar Pelayanan secara berkala",
        "Service Standard reviewed periodically",
        "14",
        R4,
        condition(R4),
        "",
    ),
    (
        5,
        "5.a.K",
        "Maklumat Pelayanan",
        "Service Declaration (Maklumat Pelayanan)",
        "10",
        R5,
        condition(R5),
        "",
    ),
    (
        6,
        "6.a.B",
        "SKM sesuai PermenPANRB 14/2017",
        "Satisfaction survey per PermenPANRB 14/2017",
        "17",
        R6,
        condition(R6),
        "skm",
    ),
    (
        7,
        "7.a.T",
        "Media publikasi hasil SKM",
        "Media publishing the survey result",
        "7",
        levels_by_count("Tidak dipublikasikan", "media"),
        count("jumlah_media", "Jumlah media publikasi hasil SKM"),
        "skm_media",
    ),
    (
        8,
        "8.a.Ak",
        "Persentase tindak lanjut hasil SKM",
        "Share of the survey follow-up plan done",
        "7",
        R8,
        condition(R8),
        "followup_share",
    ),
    (
        9,
        "9.a.Ak",
        "Kecepatan tindak lanjut hasil SKM",
        "Speed of the survey follow-up",
        "7",
        R9,
        condition(R9),
        "followup_speed",
    ),
    (
        10,
        "10.b.As",
        "Jam pelayanan yang memudahkan pengguna",
        "Service hours that ease users",
        "10",
        ["Tidak ada kebijakan", "Ada kebijakan jam pelayanan"]
        + [f"Kebijakan dan {n} kemudahan" for n in range(1, 5)],
        gated(
            "kebijakan",
            "Ada kebijakan jam pelayanan",
            "kemudahan",
            "Kemudahan jam pelayanan",
            HOURS,
            [1, 2, 3, 4],
        ),
        "",
    ),
    (
        11,
        "11.b.K",
        "Kode etik / kode perilaku / budaya pelayanan",
        "Code of ethics, conduct or service culture",
        "20",
        ["Tidak ada", "Hanya memuat hak dan kewajiban"] + [f"Ditambah {n} ketentuan" for n in range(1, 5)],
        gated(
            "ada_kode",
            "Ada kode etik yang memuat hak dan kewajiban",
            "ketentuan",
            "Ketentuan yang dimuat",
            ETHICS,
            [1, 2, 3, 4],
        ),
        "",
    ),
    (
        12,
        "12.b.Ak",
        "Mekanisme menjaga motivasi pegawai",
        "Mechanisms keeping staff motivated",
        "20",
        levels_by_count("Tidak ada", "mekanisme"),
        count("jumlah_mekanisme", "Jumlah mekanisme"),
        "",
    ),
    (
        13,
        "13.b.K",
        "Kriteria pemberian penghargaan pegawai",
        "Criteria for rewarding staff",
        "20",
        R13,
        condition(R13),
        "",
    ),
    (
        14,
        "14.b.K",
        "Penerapan budaya pelayanan oleh pegawai",
        "Staff apply the service culture",
        "30",
        ["Tidak ada"] + [f"{n} dari 5 unsur budaya pelayanan" for n in range(1, 6)],
        checklist("unsur_budaya", "Unsur budaya pelayanan yang diterapkan", CULTURE),
        "",
    ),
]
CONTINUED = [
    (
        21,
        "21.d.T",
        "SIPP untuk informasi publik",
        "Service information system for public information",
        "30",
        R21,
        condition(R21),
        "",
    ),
    (
        22,
        "22.d.B",
        "SIPP mendukung operasional pelayanan",
        "Information system supporting operations",
        "20",
        R22,
        condition(R22),
        "",
    ),
    (
        23,
        "23.d.As",
        "Kualitas situs web atau aplikasi",
        "Quality of the website or app",
        "20",
        R23,
        condition(R23),
        "",
    ),
    (
        24,
        "24.d.T",
        "Pemutakhiran kanal digital",
        "Updating of digital channels",
        "30",
        R24,
        condition(R24),
        "",
    ),
    (
        25,
        "25.e.P",
        "Sarana konsultasi/pengaduan tatap muka",
        "Face-to-face consultation and complaint facility",
        "20",
        _rubric_count("Tidak ada", "sarana"),
        count("jumlah_sarana", "Jumlah sarana konsultasi/pengaduan tatap muka"),
        "",
    ),
    (
        26,
        "26.e.P",
        "Kanal pengaduan bagi semua kelompok",
        "Channels for all groups",
        "25",
        R26,
        condition(R26),
        "",
    ),
    (
        27,
        "27.e.Ak",
        "Akuntabilitas penanganan pengaduan",
        "Accountability of complaint handling",
        "25",
        R27,
        condition(R27),
        "",
    ),
    (
        28,
        "28.e.Ak",
        "Pengaduan yang diselesaikan (tahun lalu)",
        "Complaints resolved (last year)",
        "30",
        R28,
        condition(R28),
        "",
    ),
    (
        29,
        "29.f.B",
        "Menciptakan inovasi pelayanan",
        "Creating service innovation",
        "50",
        R29,
        condition(R29),
        "",
    ),
    (
        30,
        "30.f.B",
        "Sumber daya keberlanjutan inovasi",
        "Resources sustaining it",
        "50",
        R30,
        condition(R30),
        "",
    ),
]
FACILITIES_COUNTER = [
    (
        15,
        "15.c.K",
        "Tempat parkir dengan fasilitas",
        "Parking with facilities",
        "15",
        _rubric_count("Tidak ada", "fasilitas"),
        count("jumlah_fasilitas", "Jumlah fasilitas tempat parkir"),
    ),
    (
        16,
        "16.c.As",
        "Ruang tunggu",
        "Waiting room",
        "23",
        ["Tidak ada", "Hanya fasilitas wajib (kursi, sirkulasi udara)"]
        + [f"Fasilitas wajib dan {n} tambahan" for n in range(1, 4)]
        + ["Fasilitas wajib dan 4 tambahan atau lebih"],
        gated(
            "fasilitas_wajib",
            "Ada kursi dan sirkulasi udara",
            "tambahan",
            "Fasilitas tambahan",
            WAITING,
            [1, 2, 3, 4],
        ),
    ),
    (
        17,
        "17.c.As",
        "Toilet yang layak",
        "Usable toilets",
        "20",
        _rubric_count("Tidak ada", "kondisi"),
        count("jumlah_kondisi", "Jumlah kondisi toilet yang terpenuhi"),
    ),
    (
        18,
        "18.c.K",
        "Sarana bagi kelompok rentan",
        "Facilities for vulnerable groups",
        "20",
        ["Tidak ada", "1-3 sarana", "4-6 sarana", "7-9 sarana", "10-12 sarana", "13 sarana atau lebih"],
        count("jumlah_sarana", "Jumlah sarana bagi kelompok rentan", [1, 4, 7, 10, 13]),
    ),
    (
        19,
        "19.c.As",
        "Sarana pendukung",
        "Supporting facilities",
        "11",
        _rubric_count("Tidak ada", "sarana"),
        count("jumlah_sarana", "Jumlah sarana pendukung"),
    ),
    (
        20,
        "20.c.B",
        "Front office informasi",
        "Information front office",
        "11",
        _rubric_count("Tidak ada", "unsur"),
        count("jumlah_unsur", "Jumlah unsur front office"),
    ),
]
# Online services replace Sarana Prasarana by six e-service indicators; their weights and rubrics are not
# public: weights are the counter ones by position (as data), the rubric a plain 0-5 ladder.
ONLINE_RUBRIC = [
    "Tidak tersedia",
    "Tersedia, belum memadai",
    "Memadai sebagian kecil",
    "Memadai sebagian",
    "Memadai hampir seluruhnya",
    "Memadai seluruhnya dan dipantau",
]
FACILITIES_ONLINE = [
    (15, "15.c.Dr", "Akses layanan elektronik", "Access to the e-service"),
    (16, "16.c.Dr", "Interaksi layanan elektronik", "Interaction"),
    (17, "17.c.Dr", "Fitur keamanan", "Security features"),
    (18, "18.c.Dr", "Kemudahan visual", "Visual ease"),
    (19, "19.c.Dr", "Kanal layanan lainnya", "Other channels"),
    (20, "20.c.Dr", "Penyimpanan data", "Data storage"),
]
# Asked of online services under #26: how fast a consultation or complaint gets its first answer.
RESPONSE_SPEED = {
    "key": "kecepatan_respons",
    "kind": "choice",
    "label": "Kecepatan respons konsultasi/pengaduan daring",
    "variant": "online",
    "options": ["Lebih dari 14 hari", "8-14 hari", "4-7 hari", "2-3 hari", "2 hari", "Dalam satu hari"],
}


def indicators():
    """Every indicator as model fields, with its aspect code: counter (all + counter) and online."""
    found = []
    for number, code, name, name_en, weight, rubric, (questions, suggest), prefill in COUNTER + CONTINUED:
        if number == 26:
            questions = [*questions, RESPONSE_SPEED]
        found.append(
            dict(
                aspect=code.split(".")[1],
                number=number,
                code=code,
                name=name,
                name_en=name_en,
                weight=weight,
                variant="all",
                rubric=rubric,
                questions=questions,
                suggest=suggest,
                prefill=prefill,
            )
        )
    for number, code, name, name_en, weight, rubric, (questions, suggest) in FACILITIES_COUNTER:
        found.append(
            dict(
                aspect="c",
                number=number,
                code=code,
                name=name,
                name_en=name_en,
                weight=weight,
                variant="counter",
                rubric=rubric,
                questions=questions,
                suggest=suggest,
                prefill="",
            )
        )
    weights = {row[0]: row[4] for row in FACILITIES_COUNTER}
    for number, code, name, name_en in FACILITIES_ONLINE:
        questions, suggest = condition(ONLINE_RUBRIC)
        found.append(
            dict(
                aspect="c",
                number=number,
                code=code,
                name=name,
                name_en=name_en,
                weight=weights[number],
                variant="online",
                rubric=ONLINE_RUBRIC,
                questions=questions,
                suggest=suggest,
                prefill="",
            )
        )
    return sorted(found, key=lambda row: (row["number"], row["variant"]))


# F-03 (counter services): official numbers 1-12, 14, 15 (there is no 13), aspect I-V.
F03_ITEMS = [
    (1, "I", "Persyaratan pelayanan mudah dipenuhi", "The requirements are easy to meet"),
    (2, "I", "Prosedur pelayanan mudah", "The procedure is easy"),
    (3, "I", "Biaya/tarif sesuai dengan yang diumumkan", "The fee is as announced"),
    (4, "I", "Waktu penyelesaian sesuai dengan yang diumumkan", "The time taken is as announced"),
    (5, "II", "Jam pelayanan ditepati", "The service hours are kept"),
    (6, "II", "Petugas responsif", "The staff are responsive"),
    (7, "II", "Sikap petugas sopan dan ramah", "The staff are polite and friendly"),
    (8, "III", "Tempat parkir memadai", "The parking is adequate"),
    (9, "III", "Ruang tunggu nyaman", "The waiting room is comfortable"),
    (10, "III", "Toilet bersih", "The toilets are clean"),
    (11, "III", "Sarana pendukung lainnya memadai", "The other facilities are adequate"),
    (12, "IV", "Informasi pelayanan secara daring mudah diperoleh", "Information online is easy to get"),
    (14, "IV", "Informasi pelayanan di lokasi mudah diperoleh", "Information on site is easy to get"),
    (15, "V", "Sarana konsultasi dan pengaduan memadai", "Consultation and complaint channels are adequate"),
]
F03_DIMENSIONS = [
    ["I", "Kebijakan Pelayanan", "Service policy"],
    ["II", "Profesionalisme SDM", "Staff professionalism"],
    ["III", "Sarana Prasarana", "Facilities"],
    ["IV", "Sistem Informasi Pelayanan Publik", "Service information system"],
    ["V", "Konsultasi dan Pengaduan", "Consultation and complaints"],
]
F03_SCALE = (
    ["Sangat buruk", "Buruk", "Kurang", "Cukup", "Baik", "Sangat baik"],
    ["Very poor", "Poor", "Fair", "Adequate", "Good", "Very good"],
)
