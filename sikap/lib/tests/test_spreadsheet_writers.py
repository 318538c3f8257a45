"""Every XLSX and CSV writer goes through `sikap.lib.spreadsheet`: read in the sources, so a new writer that
calls a library's own write (and could forget to defuse a formula) fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import sikap

ROOT = Path(sikap.__file__).parent
HELPERS = ROOT / "lib" / "spreadsheet.py"
SHEET_WRITES = {
    "write",
    "write_string",
    "write_row",
    "write_column",
    "write_formula",
    "write_url",
    "write_number",
    "write_datetime",
    "write_rich_string",
}
SHEET_SOURCES = {"active", "create_sheet", "add_worksheet", "get_sheet_by_name", "worksheets"}


def sources() -> list[Path]:
    return [
        p
        for p in ROOT.rglob("*.py")
        if "tests" not in p.parts
        and "testing" not in p.parts
        and p != HELPERS
        and "migrations" not in p.parts
    ]


def imports_a_spreadsheet_library(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] in ("openpyxl", "xlsxwriter") for a in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
            "openpyxl",
            "xlsxwriter",
        ):
            return True
    return False


def sheet_names(tree: ast.AST) -> set[str]:
    """Names bound to a worksheet: `x = book.active`, `x = book.create_sheet(...)`, a `Worksheet` or
    `sheet` parameter."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value.func if isinstance(node.value, ast.Call) else node.value
            if isinstance(value, ast.Attribute) and value.attr in SHEET_SOURCES:
                names.add(node.targets[0].id)
        if isinstance(node, ast.arg) and (
            node.arg == "sheet" or (node.annotation and "Worksheet" in ast.unparse(node.annotation))
        ):
            names.add(node.arg)
    return names


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    found = []
    spreadsheet = imports_a_spreadsheet_library(tree)
    sheets = sheet_names(tree) if spreadsheet else set()
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT.parent)}:{getattr(node, 'lineno', 0)}"
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "csv"
            and any(a.name in ("writer", "DictWriter") for a in node.names)
        ):
            found.append(f"{where}: csv's writer imported (use sikap.lib.spreadsheet.csv_writer)")
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        func, receiver = node.func, node.func.value
        if isinstance(receiver, ast.Name) and receiver.id == "csv" and func.attr in ("writer", "DictWriter"):
            found.append(f"{where}: csv.{func.attr} (use sikap.lib.spreadsheet.csv_writer)")
        if not spreadsheet:
            continue
        on_sheet = isinstance(receiver, ast.Name) and receiver.id in sheets
        if on_sheet and func.attr == "append":
            found.append(f"{where}: {receiver.id}.append (use sikap.lib.spreadsheet.append_row)")
        if func.attr in SHEET_WRITES and not (
            isinstance(receiver, ast.Name) and receiver.id in ("out", "self")
        ):
            found.append(f"{where}: .{func.attr} (use sikap.lib.spreadsheet.write_xlsx_row)")
        if func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
            found.append(f"{where}: .cell(value=...) (use sikap.lib.spreadsheet.append_row)")
    for node in ast.walk(tree):
        if spreadsheet and isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr == "value":
                    found.append(
                        f"{path.relative_to(ROOT.parent)}:{node.lineno}: a cell's .value set directly"
                    )
    return found


def test_no_writer_bypasses_the_safe_helpers() -> None:
    assert [o for path in sources() for o in offences(path)] == []


def test_the_check_catches_a_writer_that_bypasses_them(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import csv\nfrom openpyxl import Workbook\n\n"
        "def write(out):\n"
        "    book = Workbook()\n    sheet = book.active\n    sheet.append(['=1'])\n"
        "    other = book.create_sheet('x')\n    other.cell(row=1, column=1, value='=1')\n"
        "    csv.writer(out).writerow(['=1'])\n"
    )
    found = offences_in(bad)
    assert len(found) == 3, found


def offences_in(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent.parent
    try:
        return offences(path)
    finally:
        ROOT = saved
