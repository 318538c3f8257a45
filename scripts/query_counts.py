"""Count the database queries of the main pages and API reads, to compare two versions of the code.

Run from the checkout whose code should answer, against a copy of a demo database:

    DATABASE_URL=sqlite:////tmp/demo-copy.sqlite3 .venv/bin/python scripts/query_counts.py out.json

Each page is requested once to warm per-process caches, then counted.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from sikap.accounts.models import User  # noqa: E402
from sikap.organisation.models import Period  # noqa: E402


def main() -> None:
    admin = User.objects.get(username="admin")
    from sikap.accounts.tokens import hash_key  # noqa: F401 - the module exists in both versions

    try:
        from sikap.accounts.actions import issue_token
    except ImportError:
        from sikap.accounts.tokens import issue_token  # type: ignore[no-redef]
    raw = issue_token(None, admin, name="counts")[1]
    client, api = Client(), Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.force_login(admin)
    period = Period.objects.get(name="2026 Semester I")
    query = f"?periode={period.pk}&instrumen=SKM"
    urls = {
        "index ministry": (client, f"/indeks/unit/kemenkum/{query}"),
        "index kanwil": (client, f"/indeks/unit/kanwil-jabar/{query}"),
        "index unit": (client, f"/indeks/unit/bhp-jakarta/{query}"),
        "league kanwil": (client, f"/indeks/liga/{query}"),
        "league units": (client, f"/indeks/liga/{query}&tingkat=unit"),
        "equity": (client, f"/indeks/pemerataan/{query}"),
        "dashboard ministry": (client, f"/dasbor/kemenkum/{query}"),
        "dashboard kanwil": (client, f"/dasbor/kanwil-jabar/{query}"),
        "dashboard unit": (client, f"/dasbor/bhp-jakarta/{query}"),
        "public results": (client, "/hasil/"),
        "publication manage": (client, "/hasil/kelola/bhp-jakarta/"),
        "follow-up unit": (client, f"/tindak-lanjut/unit/bhp-jakarta/?periode={period.pk}"),
        "api indices top": (api, f"/api/v1/indices?period={period.name}"),
        "api indices unit": (api, f"/api/v1/indices?period={period.name}&unit=kanwil-jabar&subtree=true"),
        "api league": (api, f"/api/v1/indices/league?period={period.name}"),
    }
    counts = {}
    for name, (who, url) in urls.items():
        who.get(url)
        with CaptureQueriesContext(connection) as captured:
            status = who.get(url).status_code
        counts[name] = [status, len(captured.captured_queries)]
    Path(sys.argv[1]).write_text(json.dumps(counts, indent=1))
    for name, (status, n) in counts.items():
        print(f"{name:22} {status} {n:5d}")


if __name__ == "__main__":
    main()
