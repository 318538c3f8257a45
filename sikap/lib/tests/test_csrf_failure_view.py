import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_expired_form_token_gets_a_page_in_indonesian():
    client = Client(enforce_csrf_checks=True)
    page = client.post("/s/tidak-ada/", {"SKM-U1": "4"})
    assert page.status_code == 403
    text = page.content.decode()
    assert "Formulir sudah kedaluwarsa" in text
    assert "belum disimpan" in text
