"""Branded error pages (404, 403, 400, 500) in the visitor's language, with DEBUG off as in production."""

import pytest
from django.test import Client, override_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("sikap.lib.tests.failing_urls"),
    # A failing view is logged as an error; that is expected here, not a failure of the test.
    pytest.mark.filterwarnings("ignore"),
]


def page(path: str, language: str = "id") -> tuple[int, str]:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(path)
    return response.status_code, response.content.decode()


@override_settings(DEBUG=False)
def test_a_missing_page_answers_the_branded_404_in_indonesian_and_english():
    status, text = page("/tidak-ada-halaman-ini/")
    assert status == 404
    assert "Halaman tidak ditemukan" in text and 'lang="id"' in text and "css/sikap.css" in text
    status, text = page("/tidak-ada-halaman-ini/", "en")
    assert status == 404
    assert "Page not found" in text and 'lang="en"' in text and "Halaman tidak ditemukan" not in text


@override_settings(DEBUG=False)
def test_a_view_that_raises_answers_the_branded_500_in_both_languages_without_detail():
    status, text = page("/rusak/")
    assert status == 500
    assert "Maaf, terjadi kesalahan di server" in text and "a bug" not in text
    status, text = page("/rusak/", "en")
    assert status == 500
    assert "Sorry, something went wrong on the server" in text and "RuntimeError" not in text


@override_settings(DEBUG=False)
def test_a_refusal_answers_the_branded_403_with_its_reason():
    status, text = page("/terlarang/")
    assert status == 403
    assert "Akses ditolak" in text and "Hanya admin pusat." in text
    status, text = page("/terlarang/", "en")
    assert "Access denied" in text


@override_settings(DEBUG=False)
def test_a_suspicious_request_answers_the_branded_400():
    status, text = page("/mencurigakan/", "en")
    assert status == 400
    assert "The request could not be processed" in text and "bad input" not in text
