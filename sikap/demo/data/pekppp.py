"""The PEKPPP mandiri demo: last year's finished cycle (which units, how good they are, how many F-03
answers and evidence files) and the units busy in the current year's cycle.

The levels are drawn around each unit's `level` (seeded by unit and year), so the grades spread from A to D;
Balai Harta Peninggalan Medan has fewer F-03 answers than the cycle's minimum, so its result is held back
(the cycle's "block" policy) although the validator confirmed its F-02.
"""

from __future__ import annotations

from typing import NamedTuple


class FinishedLokus(NamedTuple):
    unit_code: str
    level: float  # the mean F-02 level the evaluator finds
    f03_mean: float  # the mean 0-5 answer of the unit's users
    f03_answers: int  # F-03 responses (the cycle's minimum is 10)
    grade: str  # the grade the demo is built to give (checked by the tests); "" when not final


# Kanwil divisions, UPT (Balai Harta Peninggalan) and one central unit with online services only.
FINISHED: tuple[FinishedLokus, ...] = (
    FinishedLokus("kanwil-jabar-ki", 4.85, 4.7, 18, "A"),
    FinishedLokus("bhp-jakarta", 4.3, 4.35, 16, "A-"),
    FinishedLokus("ahu", 3.85, 3.8, 24, "B"),
    FinishedLokus("kanwil-jatim-ahu", 3.8, 3.7, 14, "B"),
    FinishedLokus("bhp-surabaya", 3.3, 3.3, 12, "B-"),
    FinishedLokus("kanwil-sumut-p3h", 3.3, 3.2, 11, "B-"),
    FinishedLokus("kanwil-ntb-ki", 2.75, 2.9, 12, "C"),
    FinishedLokus("kanwil-papua-ahu", 1.7, 2.1, 10, "D"),
    FinishedLokus("bhp-medan", 3.7, 3.8, 6, ""),
)

# The unit that answers an evaluator's question and submits a second version of its F-01.
REVISED = "kanwil-jatim-ahu"

# Where a unit's F-01 attaches evidence (numbers asked of both the counter and the online variant).
EVIDENCE: tuple[tuple[int, str, str], ...] = (
    (1, "pdf", "Keputusan penetapan Standar Pelayanan"),
    (5, "png", "Foto Maklumat Pelayanan di ruang layanan"),
    (14, "png", "Foto petugas dengan seragam dan tanda pengenal"),
)

# The current year's cycle: units whose F-01 was submitted (the evaluator set aspect a's levels on the
# first two and asked the third a question), and units with a draft only.
SUBMITTED: tuple[str, ...] = ("kanwil-jabar-ki", "kanwil-jatim-ahu", "bhp-surabaya", "kanwil-ntb-ki", "ahu")
LEVELS_SET: tuple[str, ...] = ("kanwil-jabar-ki", "kanwil-jatim-ahu")
CLARIFIED = "bhp-surabaya"
CLARIFICATION = (
    "Mohon unggah keputusan penetapan Standar Pelayanan tahun berjalan; yang terlampir tahun lalu."
)
DRAFTS: tuple[str, ...] = ("bhp-jakarta", "kanwil-papua-ahu", "kanwil-sumut-p3h", "bhp-medan", "djki")
CURRENT_LEVEL = 3.6  # the mean level of the units active in the current cycle
