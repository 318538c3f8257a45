import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.audit.models import AuditEvent
from sikap.followup import actions
from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def item(world, period):
    return element_item(world, period, "U4", "SOP baru")


def test_a_pdf_is_stored_under_the_media_root_and_audited(world, item, media_root):
    stored = actions.attach_evidence(world.operator, item, SimpleUploadedFile("notulen rapat.pdf", PDF))
    assert stored.evidence.name.startswith(f"followup/{datetime.date.today().year}/")
    assert Path(stored.evidence.path).is_relative_to(media_root)
    assert Path(stored.evidence.path).read_bytes() == PDF
    event = AuditEvent.objects.get(action="followup.evidence")
    assert event.before["evidence"] == "" and event.after["evidence"] == stored.evidence.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "skrip.exe",
            b"MZ\x90\x00",
            "Berkas bukti harus berupa PDF, JPG, PNG, DOCX atau XLSX (berkas ini: skrip.exe).",
        ),
        (
            "laporan.pdf",
            b"<html><script>alert(1)</script>",
            "Isi berkas tidak sesuai dengan jenisnya (.pdf).",
        ),
        (
            "besar.pdf",
            b"%PDF-" + b"0" * 10 * 1024 * 1024,
            "Berkas besar.pdf terlalu besar (10 MB); paling besar 10 MB.",
        ),
    ],
)
def test_a_wrong_type_or_too_large_file_is_refused_with_a_clear_message(world, item, name, content, message):
    with pytest.raises(ValidationError) as error:
        actions.attach_evidence(world.operator, item, SimpleUploadedFile(name, content))
    assert any(message in m for m in error.value.messages)
    item.refresh_from_db()
    assert not item.evidence


def test_jpg_png_docx_and_xlsx_are_accepted(world, item):
    for name, head in [
        ("a.JPG", b"\xff\xd8\xff\xe0"),
        ("b.png", b"\x89PNG\r\n\x1a\n"),
        ("c.docx", b"PK\x03\x04"),
        ("d.xlsx", b"PK\x03\x04"),
    ]:
        stored = actions.attach_evidence(world.operator, item, SimpleUploadedFile(name, head + b"rest"))
        assert stored.evidence.name.endswith(name.rsplit(".", 1)[1])
