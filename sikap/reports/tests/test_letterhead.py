"""The report letterhead: central admins set the ministry's name and logo through an audited action;
a bad logo is refused with a message and nothing is stored; nobody else reaches the page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sikap.audit.models import AuditEvent
from sikap.reports.actions import set_letterhead
from sikap.reports.models import Letterhead
from sikap.reports.tests.official import png_logo

pytestmark = pytest.mark.django_db
PAGE = "/laporan/kop/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_a_central_admin_sets_the_name_and_logo_and_the_change_is_audited(world, login, media):
    client = login(world.admin)
    data = {"ministry_name": "Kementerian Hukum", "ministry_name_en": "Ministry of Law", "logo": png_logo()}
    response = client.post(PAGE, data)
    assert response.status_code == 302
    letterhead = Letterhead.objects.get()
    assert (letterhead.ministry_name, letterhead.ministry_name_en) == ("Kementerian Hukum", "Ministry of Law")
    assert letterhead.logo.name.startswith("letterhead/") and (media / letterhead.logo.name).is_file()
    event = AuditEvent.objects.get(action="reports.letterhead")
    assert event.actor == world.admin and event.before is None
    assert event.after["logo"] == letterhead.logo.name
    assert client.get("/laporan/kop/logo/")["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.gif", b"GIF89a....", "image/gif"),
            "Logo harus berupa gambar PNG, JPEG atau SVG",
        ),
        (
            SimpleUploadedFile("logo.png", b"<html>bukan gambar</html>", "image/png"),
            "Isi berkas tidak sesuai",
        ),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * (1024 * 1024), "image/png"),
            "paling besar 1 MB",
        ),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\nrusak", "image/png"),
            "tidak dapat dibuka sebagai gambar",
        ),
        (
            SimpleUploadedFile(
                "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
            ),
            "tanpa skrip",
        ),
    ],
)
def test_a_bad_logo_is_refused_with_a_message_and_nothing_is_stored(world, login, media, upload, message):
    response = login(world.admin).post(PAGE, {"ministry_name": "Kementerian Hukum", "logo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Letterhead.objects.exists() and not stored_files(media)
    assert not AuditEvent.objects.filter(action="reports.letterhead").exists()


def test_the_action_refuses_a_bad_logo_before_storing_anything(world, media):
    with pytest.raises(ValidationError, match="PNG, JPEG atau SVG"):
        set_letterhead(world.admin, ministry_name="X", logo=SimpleUploadedFile("logo.exe", b"MZ"))
    assert not Letterhead.objects.exists() and not stored_files(media)


def test_an_svg_logo_is_accepted_and_a_second_save_keeps_it(world, media):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    set_letterhead(world.admin, ministry_name="A", logo=SimpleUploadedFile("logo.svg", svg))
    letterhead = set_letterhead(world.admin, ministry_name="B")
    assert letterhead.logo.name.endswith(".svg") and letterhead.ministry_name == "B"
    assert AuditEvent.objects.filter(action="reports.letterhead").count() == 2


@pytest.mark.parametrize("persona", ["kanwil_admin", "operator", "leader", "outsider"])
def test_only_central_admins_reach_the_page(world, login, persona):
    client = login(getattr(world, persona))
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"ministry_name": "Kementerian Lain"}).status_code == 404
    assert not Letterhead.objects.exists()


def test_the_central_admin_finds_it_in_the_menu_and_on_the_home_page(world, login):
    client = login(world.admin)
    assert PAGE in client.get("/laporan/").content.decode()
    assert PAGE in client.get("/").content.decode()
    assert PAGE not in login(world.operator).get("/laporan/").content.decode()
