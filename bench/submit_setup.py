"""Set up one code's database for the submission benchmarks; run inside that code's tree.

    cd <tree> && DATABASE_URL=... python <this file>

Migrates with the tree's own migrations and creates one unit with three services and an open SKM + SPKP +
SPAK campaign for today through the tree's own factories (as the tests do); prints the per-unit form's path.
bench/submit.py runs it once per code (today's, checked out into a temporary worktree, and the new), each
against its own database, since migrations may differ; bench/faults.py runs it for the new code.
"""

import datetime
import os
import sys

# The tree to set up is the working directory, not this script's: the tree first, bench/ off the path.
sys.path[0] = os.getcwd()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from sikap.instruments.models import PublicLink  # noqa: E402
from sikap.organisation.actions import set_period_rules  # noqa: E402
from sikap.organisation.models import Unit  # noqa: E402
from sikap.testing.factories import make_campaign, make_period, make_service, make_unit  # noqa: E402

call_command("migrate", interactive=False, verbosity=0)
today = timezone.localdate()
ministry = make_unit("bench-kementerian", kind=Unit.Kind.MINISTRY, name="Kementerian Uji Beban")
unit = make_unit("bench-layanan", parent=ministry, name="Unit Layanan Uji Beban")
period = make_period(
    f"Uji beban {today:%Y-%m-%d}",
    start=today - datetime.timedelta(days=30),
    end=today + datetime.timedelta(days=30),
)
# Every client comes from 127.0.0.1: the period's rate limits are opened so the benchmark measures
# storing, not refusing; the integrity signals still run and still mark most submissions suspect.
set_period_rules(
    None,
    period,
    integrity_rules={
        **period.integrity_rules,
        "device_limit_per_10_min": 10**9,
        "network_limit_per_10_min": 10**9,
    },
    reason="benchmark",
)
for name in ("Permohonan Merek", "Legalisasi Apostille", "Pendaftaran Fidusia"):
    make_service(unit, name=name, year=period.start.year)
campaign = make_campaign([unit], period)
print(f"/s/{PublicLink.objects.get(campaign=campaign, service__isnull=True).token}/")
