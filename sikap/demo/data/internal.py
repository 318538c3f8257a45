"""The internal-survey demo as plain data: which units keep rosters, how large and how mixed they are, and
how their employees answer the ILK and the internal integrity survey.

Rosters: the Secretariat General, three Kanwil with their divisions, and one Balai Harta Peninggalan.
Kanwil Sumatera Utara is uneven (two units clearly below their sisters in the ILK, with weak domains, and
reverse-keyed integrity items answered badly), as it is in the public demo; the Divisi Pelayanan Hukum of
Kanwil Nusa Tenggara Barat is small and answers under k = 5, so its figures are withheld.
"""

from __future__ import annotations

# Kanwil with rosters (slug, relative size) and the unit sizes of a mid-sized Kanwil (1.0).
KANWIL: tuple[tuple[str, float], ...] = (("jabar", 1.35), ("sumut", 1.1), ("ntb", 0.75))
KANWIL_SIZES: dict[str, int] = {"": 9, "tu": 52, "yankum": 9, "ahu": 30, "ki": 26, "p3h": 36}
# Units outside the Kanwil: (code, headcount).
OTHER_UNITS: tuple[tuple[str, int], ...] = (("setjen", 236), ("bhp-jakarta", 48))

UNEVEN_KANWIL = "kanwil-sumut"
UNDER_K_UNIT = "kanwil-ntb-yankum"
UNDER_K = (7, 3)  # its headcount and how many answer: fewer than k = 5

# Units that deliver the secretariat services: ~10-20 % of their staff are providers (penyedia).
PROVIDER_UNITS = ("setjen", "kanwil-jabar-tu", "kanwil-sumut-tu", "kanwil-ntb-tu", "bhp-jakarta")
PROVIDER_SHARE = (0.10, 0.20)
LEADER_SHARE = 0.06  # officials (pimpinan): at least one per unit

JOB_TYPES: tuple[tuple[str, int], ...] = (
    ("fungsional", 34),
    ("pelaksana", 38),
    ("pppk", 14),
    ("ppnpn", 14),
)
SEXES: tuple[tuple[str, int], ...] = (("L", 53), ("P", 47))
AGE_BANDS: tuple[tuple[str, int], ...] = (("<30", 20), ("30-39", 35), ("40-49", 28), ("50+", 17))
# Years of service given the age band.
SERVICE_BANDS: dict[str, tuple[tuple[str, int], ...]] = {
    "<30": (("<5", 75), ("5-9", 25)),
    "30-39": (("<5", 20), ("5-9", 40), ("10-19", 40)),
    "40-49": (("<5", 5), ("5-9", 15), ("10-19", 55), ("20+", 25)),
    "50+": (("5-9", 5), ("10-19", 35), ("20+", 60)),
}
EMAIL_SHARE = 0.72  # the others get a printed code slip
PHONE_SHARE = 0.4  # of those without e-mail

# How many answer: a share of those invited per unit (the uneven Kanwil answers less).
PARTICIPATION = {"current": (0.62, 0.9), "previous": (0.7, 0.92), "uneven": (0.6, 0.72)}

# --- ILK (1-4): a unit's usual mean, and offsets by perspective, domain and aspect ----------------------
ILK_RANGE = (3.71, 3.89)
# The uneven Kanwil's weak units: (mean, weak domains); the weak domains drop further.
ILK_WEAK: dict[str, tuple[float, tuple[str, ...]]] = {
    "kanwil-sumut-ki": (3.0, ("BMN", "TI")),
    "kanwil-sumut-ahu": (3.1, ("TI", "KEU")),
}
ILK_WEAK_DOMAIN_DROP = 0.35
ILK_PREVIOUS = -0.05  # the previous semester a little lower
ILK_PERSPECTIVE = {"pengguna": 0.0, "penyedia": 0.05, "pimpinan": 0.0}
ILK_DOMAIN = {"KEP": 0.03, "KEU": -0.02, "BMN": -0.05, "HUM": 0.04, "TI": -0.07}
ILK_ASPECT = {"K": 0.0, "T": -0.03, "A": -0.02}
# "Not used this period" per domain (all three items), and now and then one item alone.
ILK_NOT_USED = {"KEP": 0.02, "KEU": 0.12, "BMN": 0.06, "HUM": 0.2, "TI": 0.04}
ILK_ITEM_NA = 0.015

# --- integrity (1-4, 4 = often for frequency items): usual means of positive and reverse-keyed items -----
INTEGRITY_POSITIVE = (3.1, 3.35)  # ~70-78 after recoding
INTEGRITY_REVERSE = (1.35, 1.6)  # ~80-88 after recoding
# In the uneven Kanwil's weak units bad practices are seen more often (reverse items answered badly).
INTEGRITY_WEAK_REVERSE = 2.15
INTEGRITY_WEAK_DIMENSIONS = ("IT", "AN", "SD")
# "Tidak tahu" per dimension (procurement and budget are what staff know least about).
INTEGRITY_DONT_KNOW = {"TR": 0.02, "IT": 0.04, "AN": 0.1, "PB": 0.15, "SD": 0.05, "TI": 0.07, "SO": 0.02}

SUGGESTION_SHARE = 0.1
SUGGESTIONS: tuple[str, ...] = (
    "Mohon proses kenaikan pangkat dan cuti dibuat sepenuhnya daring agar tidak perlu bolak-balik ke bagian "
    "kepegawaian.",
    "Jaringan internet kantor sering lambat pada siang hari; mohon kapasitasnya ditambah.",
    "Pencairan uang perjalanan dinas masih lama, sebaiknya ada jadwal yang jelas.",
    "Ruang arsip perlu ditata ulang, berkas lama sulit dicari.",
    "Informasi kegiatan dan anggaran unit sebaiknya diumumkan rutin di grup pegawai.",
    "Sosialisasi antikorupsi lebih baik berupa diskusi kasus nyata, bukan hanya ceramah.",
    "Kendaraan dinas perlu jadwal pemakaian yang terbuka agar adil.",
    "Mohon ada petugas TI yang siaga saat aplikasi kepegawaian bermasalah.",
    "Penilaian kinerja sebaiknya dijelaskan kriterianya sejak awal tahun.",
    "Layanan humas sudah baik, publikasi kegiatan cepat dan rapi.",
    "Pengadaan alat tulis kantor sering terlambat; mohon stok minimum dijaga.",
    "Terima kasih, layanan bagian umum ramah dan cepat menanggapi.",
)
