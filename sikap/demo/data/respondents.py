"""Who answers the demo surveys and how: unit quality, respondent profiles and feedback texts, as data.

The numbers are invented but shaped like published SKM/SPKP/SPAK reports of the Ministry of Law: most units
score B (IKM 3.1-3.5), free services push U4 (Biaya/Tarif) up, waiting time (U3) and complaint handling (U8)
are the usual weak elements, and perception surveys sit high on the 1-6 star scale.
"""

from __future__ import annotations

# --- quality of service per unit -------------------------------------------------------------------------

# A unit's usual SKM mean on 1-4 is drawn from this range (seeded by its code), unless listed below.
GOOD_RANGE = (3.12, 3.50)

# Offsets of each element from the unit's mean, the same everywhere (a national pattern).
SKM_OFFSETS = {
    "U1": 0.0,
    "U2": -0.05,
    "U3": -0.14,
    "U4": 0.38,  # most services are free: "Gratis" is the top answer
    "U5": 0.0,
    "U6": 0.04,
    "U7": 0.12,
    "U8": -0.16,
    "U9": -0.04,
}
SPKP_OFFSETS = {
    "K1": 0.05,
    "K2": 0.0,
    "K3": -0.02,
    "K4": -0.15,
    "K5": 0.18,
    "K6": -0.06,
    "K7": -0.04,
    "K8": -0.1,
}
SPAK_OFFSETS = {"A1": 0.08, "A2": 0.0, "A3": 0.02, "A4": 0.02, "A5": -0.1}
# How much lower a unit's named weak elements are than its mean.
WEAK_ELEMENT_DROP = 0.5

# Weak units: (SKM mean, weak elements). They land in grade C (or D), and their weak elements stand out.
# Kanwil Sumatera Utara, Kalimantan Barat and Jawa Timur are deliberately uneven: one division well below
# its sisters, so the equity page has something to show.
WEAK_UNITS: dict[str, tuple[float, tuple[str, ...]]] = {
    "kanwil-papua-ahu": (2.72, ("U3", "U8")),
    "bhp-medan": (2.62, ("U3", "U8")),
    "kanwil-malut-ki": (2.86, ("U3", "U9")),
    "kanwil-ntt-p3h": (2.90, ("U8", "U2")),
    "kanwil-sumut-ki": (2.78, ("U3", "U2")),
    "kanwil-kalbar-ahu": (2.84, ("U3", "U8")),
    "kanwil-jatim-p3h": (2.88, ("U8",)),
}
# The strong sisters of the uneven Kanwil (fixed, so the contrast does not depend on the draw).
STRONG_UNITS: dict[str, float] = {
    "kanwil-sumut-ahu": 3.52,
    "kanwil-sumut-p3h": 3.40,
    "kanwil-kalbar-ki": 3.50,
    "kanwil-jatim-ahu": 3.55,
    "kanwil-jatim-ki": 3.45,
}
# Improvement over time: earlier periods score a little lower (offset by periods before the current one).
TREND_PER_PERIOD = 0.04

# Perception on the 1-6 star scale: a unit's usual mean, and the few units under the WBK/WBBM threshold
# (3.60 on 1-4 is 5.33 on 1-6 under the linear conversion).
PERCEPTION_RANGE = (5.5, 5.85)
LOW_PERCEPTION: dict[str, dict[str, float]] = {
    "kanwil-papua-ahu": {"SPKP": 5.05},
    "bhp-medan": {"SPAK": 5.10, "SPKP": 5.25},
}

# --- how many respond -------------------------------------------------------------------------------------

# Past periods are thinner than the ministry's real samples, to keep `make run` under a minute on SQLite:
# about an eighth of the Krejcie-Morgan target and at least 20 (or the whole target when it is smaller), so
# they carry indices and trends but show as "not yet representative".
PAST_SHARE = 0.12
PAST_FLOOR = 20
PAST_SPREAD = (0.9, 1.2)
# Current period: share of what was expected by today; some units are clearly behind schedule.
ON_PACE = (1.0, 1.2)
BEHIND_SHARE = 0.10
BEHIND = (0.3, 0.7)
BEHIND_UNITS = {"kanwil-papua-ahu", "kanwil-maluku-p3h", "bhp-makassar", "kanwil-kalteng-ki", "djpp"}
# Web visits (through the public link, with integrity signals); most of these were filled far too fast.
WEB_SHARE = 0.02
WEB_TOO_FAST = 0.75

# --- respondent profiles ----------------------------------------------------------------------------------

SEXES = (("Laki-laki", 52), ("Perempuan", 46), ("", 2))
OCCUPATIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "internal": (("PNS", 82), ("Lainnya", 12), ("Swasta", 6)),
    "ahu": (
        ("Swasta", 36),
        ("Wirausaha", 30),
        ("Lainnya", 16),
        ("PNS", 9),
        ("Pelajar/Mahasiswa", 3),
        ("POLRI", 3),
        ("TNI", 3),
    ),
    "ki": (("Wirausaha", 44), ("Swasta", 20), ("Pelajar/Mahasiswa", 14), ("Lainnya", 13), ("PNS", 9)),
    "p3h": (
        ("PNS", 36),
        ("Lainnya", 22),
        ("Swasta", 14),
        ("Pelajar/Mahasiswa", 15),
        ("Wirausaha", 9),
        ("TNI", 2),
        ("POLRI", 2),
    ),
    "bhp": (
        ("Lainnya", 30),
        ("Swasta", 24),
        ("Wirausaha", 20),
        ("PNS", 16),
        ("Pelajar/Mahasiswa", 4),
        ("POLRI", 3),
        ("TNI", 3),
    ),
}
EDUCATION: dict[str, tuple[tuple[str, int], ...]] = {
    "PNS": (("SMA", 10), ("D1-D3", 14), ("D4/S1", 56), ("S2", 18), ("S3", 2)),
    "Pelajar/Mahasiswa": (("SMA", 70), ("D1-D3", 10), ("D4/S1", 18), ("S2", 2)),
    "other": (("SD", 4), ("SMP", 8), ("SMA", 38), ("D1-D3", 12), ("D4/S1", 32), ("S2", 5), ("S3", 1)),
}
# (mean, standard deviation) of age by occupation; ages are kept within 18-70.
AGES: dict[str, tuple[float, float]] = {"Pelajar/Mahasiswa": (21, 2.5), "PNS": (39, 9), "other": (41, 11)}
AGE_RANGE = (18, 70)
MISSING_EDUCATION = 0.03  # paper forms with the education box left empty

# --- suggestions and complaints (saran dan pengaduan) -----------------------------------------------------

SUGGESTION_SHARE = 0.22
COMPLAINT_SHARE = {"good": 0.03, "weak": 0.14}

SUGGESTIONS = (
    "Pelayanan sudah baik, mohon dipertahankan.",
    "Petugas ramah dan sigap, terima kasih.",
    "Mohon ditambah kursi di ruang tunggu.",
    "Sebaiknya informasi persyaratan ditempel di depan loket.",
    "Mohon disediakan nomor antrean daring agar tidak perlu datang pagi-pagi.",
    "Jam layanan sebaiknya diperpanjang sampai sore.",
    "Perlu papan petunjuk alur pelayanan yang lebih jelas.",
    "Tolong sediakan pojok baca dan air minum bagi pengunjung.",
    "Sosialisasi layanan daring perlu ditingkatkan, banyak yang belum tahu.",
    "Website sebaiknya memuat contoh formulir yang sudah diisi.",
    "Lahan parkir perlu diperluas.",
    "Mohon ada layanan konsultasi lewat WhatsApp.",
    "Pelayanan cepat dan tidak dipungut biaya, sangat membantu UMKM.",
    "Perlu fasilitas ramah disabilitas seperti jalur kursi roda.",
    "Klinik KI keliling sangat bermanfaat, mohon diadakan juga di kabupaten kami.",
    "Penyuluhan hukum sebaiknya lebih sering diadakan di desa.",
    "Mohon petugas menjelaskan status berkas tanpa harus ditanya.",
    "Sebaiknya ada notifikasi SMS ketika dokumen sudah selesai.",
    "Toilet perlu lebih bersih.",
    "Terima kasih, prosesnya lebih mudah dibanding tahun lalu.",
    "Mohon aplikasi bisa dipakai dengan baik di ponsel.",
    "Sediakan loket khusus untuk lansia.",
)
# Complaints, some tied to the element they are about (weak units draw those of their weak elements first).
COMPLAINTS: dict[str, tuple[str, ...]] = {
    "U3": (
        "Berkas saya belum selesai padahal sudah lewat dari waktu yang dijanjikan.",
        "Antrean sangat lama, saya menunggu lebih dari tiga jam.",
        "Proses pengesahan memakan waktu terlalu lama.",
        "Sudah dua minggu belum ada kabar tentang permohonan saya.",
    ),
    "U8": (
        "Pengaduan saya sebelumnya tidak pernah ditanggapi.",
        "Tidak jelas ke mana harus menyampaikan keluhan.",
        "Nomor pengaduan yang tercantum tidak bisa dihubungi.",
        "Kotak saran ada, tetapi tidak pernah ada tindak lanjut.",
    ),
    "U2": (
        "Prosedurnya berbelit, saya harus bolak-balik ke beberapa meja.",
        "Alur pelayanan membingungkan dan tidak ada petugas yang mengarahkan.",
    ),
    "U9": (
        "Ruang tunggu panas dan sempit.",
        "Komputer layanan mandiri sering rusak.",
    ),
    "U1": ("Persyaratan yang diminta berbeda dengan yang diumumkan di website.",),
    "U7": ("Ada petugas yang kurang ramah saat menjawab pertanyaan.",),
    "": (
        "Jaringan internet di kantor sering putus sehingga layanan terhenti.",
        "Saya diminta kembali besok karena sistem sedang gangguan.",
        "Ada orang yang menawarkan jasa pengurusan di luar kantor.",
    ),
}
