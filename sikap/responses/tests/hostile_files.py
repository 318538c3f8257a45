"""Hostile import files made in code: an XLSX claiming the whole sheet as its dimension, an XLSX whose
shared strings unpack to many times its size (a zip bomb), a file too wide. Shared by the tests and
bench/imports.py."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(content: bytes, name: str, change: object) -> bytes:
    """The XLSX with one part rewritten by `change` (bytes -> bytes, or the new bytes)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == name:
                data = change(data) if callable(change) else change  # type: ignore[assignment]
            target.writestr(item.filename, data)
    return out.getvalue()


def whole_sheet_dimension(rows: list[list[object]]) -> bytes:
    """A small sheet that declares the dimension A1:XFD1048576 (every row 16,384 cells, a million rows)."""
    return _rewrite(
        xlsx(rows),
        "xl/worksheets/sheet1.xml",
        lambda data: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data),
    )


def zip_bomb(megabytes: int = 60) -> bytes:
    """A valid XLSX whose one shared string is `megabytes` MB of "A": about a thousand times its size."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["U1"])
    sheet.append(["BOM"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                inline = rb'<c r="A2" t="inlineStr"><is><t>BOM</t></is></c>'
                data = re.sub(inline, b'<c r="A2" t="s"><v>0</v></c>', data)
            if item.filename == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if item.filename == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdBomb" />'
                    b"</Relationships>",
                )
            target.writestr(item.filename, data)
        if "xl/sharedStrings.xml" not in source.namelist():
            with target.open("xl/sharedStrings.xml", "w") as part:
                part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>')
                chunk = b"A" * (1024 * 1024)
                for _ in range(megabytes):
                    part.write(chunk)
                part.write(b"</t></si></sst>")
    return out.getvalue()
