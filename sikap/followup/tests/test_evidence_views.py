import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.followup.tests.helpers import element_item

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def item(world, period):
    return element_item(world, period, "U1", "Foto loket baru")


def upload(client, item, name, content):
    return client.post(
        f"/tindak-lanjut/butir/{item.pk}/unggah-bukti/", {"evidence": SimpleUploadedFile(name, content)}
    )


def test_an_operator_uploads_a_photo_and_readers_download_it(world, item, login, media_root):
    assert upload(login(world.operator), item, "loket.png", PNG).status_code == 302
    item.refresh_from_db()
    assert (media_root / item.evidence.name).read_bytes() == PNG
    response = login(world.leader).get(f"/tindak-lanjut/butir/{item.pk}/bukti/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"] and b"".join(response.streaming_content) == PNG
    assert login(world.outsider).get(f"/tindak-lanjut/butir/{item.pk}/bukti/").status_code == 404


def test_a_wrong_file_is_refused_with_a_message_on_the_page(world, item, login):
    response = upload(login(world.operator), item, "bukti.html", b"<html></html>")
    assert response.status_code == 200
    assert (
        "Berkas bukti harus berupa PDF, JPG, PNG, DOCX atau XLSX (berkas ini: bukti.html)."
        in response.content.decode()
    )
    item.refresh_from_db()
    assert not item.evidence


def test_a_leader_cannot_upload(world, item, login):
    assert upload(login(world.leader), item, "loket.png", PNG).status_code == 403


def test_an_item_without_evidence_has_nothing_to_download(world, item, login):
    assert login(world.operator).get(f"/tindak-lanjut/butir/{item.pk}/bukti/").status_code == 404
