"""Write every figure the demo shows to one JSON file, to compare two versions of the code on one database.

Run from the checkout whose code should answer, against an existing database (a copy: pages may write
sessions and API tokens):

    DATABASE_URL=sqlite:////tmp/demo-copy.sqlite3 .venv/bin/python scripts/figures_snapshot.py out.json

It reads what users and integrations read, through the same URLs: `sikap indices --json` for every unit,
period and instrument (alone and pooled over its subtree); every API answer (indices and league tables);
the SKM and SPKP/SPAK reports as XLSX cell values; and the HTML of the index, league, equity, dashboard,
public results and follow-up pages with the per-request tokens taken out. Two snapshots are compared with
`diff` or `python -m json.tool`; restructurings must leave them identical.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from sikap.accounts.models import User  # noqa: E402
from sikap.organisation.models import Period, Unit  # noqa: E402

INSTRUMENTS = ("SKM", "SPKP", "SPAK")
VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'name="(kunci|key|mulai|start)" value="[^"]+"'), r'name="\1" value=""'),
    (re.compile(r"/static/[^\"')]+"), "/static/"),
]


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    text = f"{response.status_code}\n" + response.content.decode("utf-8", "replace")
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _indices_cli() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for period in Period.objects.order_by("start", "name"):
        for unit in Unit.objects.order_by("path"):
            for code in INSTRUMENTS:
                for subtree in (False, True):
                    if subtree and not unit.children.exists():
                        continue
                    buffer = io.StringIO()
                    args = ["--unit", unit.code, "--period", period.name, "--instrument", code, "--json"]
                    try:
                        call_command("indices", *args, *(["--subtree"] if subtree else []), stdout=buffer)
                    except Exception as error:
                        buffer.write(f"error: {error}")
                    out[f"{period.name}|{unit.code}|{code}|{subtree}"] = buffer.getvalue()
    return out


def _api(admin: User) -> dict[str, Any]:
    try:
        from sikap.accounts.actions import issue_token
    except ImportError:  # before issue 9 the token helpers issued tokens themselves
        from sikap.accounts.tokens import issue_token  # type: ignore[no-redef]

    raw = issue_token(None, admin, name="snapshot")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    out: dict[str, Any] = {}
    for period in Period.objects.order_by("start", "name"):
        for code in INSTRUMENTS:
            for query in (
                f"indices?period={period.name}&instrument={code}",
                f"indices/league?period={period.name}&instrument={code}",
                f"indices/league?period={period.name}&instrument={code}&kind=kanwil",
            ):
                response = client.get(f"/api/v1/{query}")
                out[query] = [response.status_code, response.json()]
    for unit in Unit.objects.filter(kind__in=["kanwil", "eselon1"]).order_by("path")[:12]:
        for period in Period.objects.order_by("start", "name"):
            query = f"indices?period={period.name}&unit={unit.code}&subtree=true"
            response = client.get(f"/api/v1/{query}")
            out[query] = [response.status_code, response.json()]
    return out


def _xlsx_values(content: bytes) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [
        [
            sheet.title,
            *[[str(c) if c is not None else None for c in row] for row in sheet.iter_rows(values_only=True)],
        ]
        for sheet in book.worksheets
    ]


def _reports(client: Client, units: list[Unit], periods: list[Period]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for unit in units:
        for period in periods:
            for kind in ("skm", "spkp_spak"):
                data = {"kind": kind, "format": "xlsx", "period": period.pk}
                response = client.post(f"/laporan/unit/{unit.code}/", data)
                key = f"{unit.code}|{period.name}|{kind}"
                if response.status_code == 200 and response.get("Content-Type", "").startswith(
                    "application/vnd"
                ):
                    content = b"".join(response.streaming_content) if response.streaming else response.content
                    out[key] = _xlsx_values(content)
                else:
                    out[key] = [response.status_code, _html(client, f"/laporan/unit/{unit.code}/")[:0]]
    return out


def _pages(client: Client, units: list[Unit], periods: list[Period]) -> dict[str, str]:
    out: dict[str, str] = {}
    for period in periods:
        for code in INSTRUMENTS:
            query = f"?periode={period.pk}&instrumen={code}"
            out[f"league{query}"] = _html(client, f"/indeks/liga/{query}")
            out[f"league-unit{query}"] = _html(client, f"/indeks/liga/{query}&tingkat=unit&urut=n")
            out[f"equity{query}"] = _html(client, f"/indeks/pemerataan/{query}")
            for unit in units:
                out[f"index|{unit.code}{query}"] = _html(client, f"/indeks/unit/{unit.code}/{query}")
                out[f"dash|{unit.code}{query}"] = _html(client, f"/dasbor/{unit.code}/{query}")
        for unit in units:
            out[f"followup|{unit.code}|{period.pk}"] = _html(
                client, f"/tindak-lanjut/unit/{unit.code}/?periode={period.pk}"
            )
    out["public"] = _html(client, "/hasil/")
    for unit in units:
        out[f"public|{unit.code}"] = _html(client, f"/hasil/{unit.code}/")
        out[f"publication|{unit.code}"] = _html(client, f"/hasil/kelola/{unit.code}/")
    return out


def main() -> None:
    target = Path(sys.argv[1])
    admin = User.objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    periods = list(Period.objects.order_by("start", "name"))
    # The ministry, one Eselon I, two Kanwil and three units of different kinds (a leaf among them).
    wanted = [
        "kemenkum",
        "ahu",
        "kanwil-jabar",
        "kanwil-papua",
        "bhp-jakarta",
        "bhp-medan",
        "kanwil-papua-ahu",
    ]
    units = [u for u in Unit.objects.filter(code__in=wanted).order_by("path")]
    units += list(Unit.objects.filter(children__isnull=True).order_by("path")[:3])
    snapshot = {
        "indices": _indices_cli(),
        "api": _api(admin),
        "reports": _reports(client, units, periods),
        "pages": _pages(client, units, periods),
    }
    target.write_text(json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False))
    print(f"{target}: {sum(len(v) for v in snapshot.values())} figures")


if __name__ == "__main__":
    main()
