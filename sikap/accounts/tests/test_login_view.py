import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_indonesian_by_default(client):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert 'lang="id"' in page.content.decode()
    assert "Masuk ke Sikap" in page.content.decode()
    assert "Kata sandi" in page.content.decode()


def test_the_language_switch_turns_the_login_page_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page
    assert "Sign in to Sikap" in page
    assert "Password" in page


def test_a_user_logs_in_and_sees_its_scope(client, world, password):
    response = client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    assert response.status_code == 302
    home = client.get(reverse("workspace:home")).content.decode()
    assert "Kanwil Jawa Barat" in home
    assert "Kanwil Bali" not in home


def test_a_wrong_password_says_so_in_indonesian(client, world):
    page = client.post(reverse("login"), {"username": "admin.jabar", "password": "salah-sekali-123"})
    assert page.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in page.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, world, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "admin.jabar", "password": "salah-sekali-123"})
    locked = client.post(reverse("login"), {"username": "admin.jabar", "password": password})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(login, world):
    client = login(world.operator)
    assert client.get(reverse("workspace:home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("workspace:home")).status_code == 302


def test_pages_need_a_login(client, world):
    response = client.get(reverse("unit_detail", args=[world.kanwil.code]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
