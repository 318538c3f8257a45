import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from sikap.lib.links import absolute_url, base_url


def test_the_setting_wins_over_the_request_host(settings):
    settings.SIKAP_BASE_URL = "https://survei.example.go.id/"
    request = RequestFactory().get("/")
    assert base_url(request) == "https://survei.example.go.id"
    assert absolute_url("/s/abc/", request) == "https://survei.example.go.id/s/abc/"


def test_without_the_setting_the_request_host_is_used(settings):
    settings.SIKAP_BASE_URL = ""
    settings.ALLOWED_HOSTS = ["sikap.kanwil.go.id"]
    request = RequestFactory().get("/", HTTP_HOST="sikap.kanwil.go.id")
    assert absolute_url("/s/abc/", request) == "http://sikap.kanwil.go.id/s/abc/"


def test_without_either_it_asks_for_the_setting(settings):
    settings.SIKAP_BASE_URL = ""
    with pytest.raises(ImproperlyConfigured, match="SIKAP_BASE_URL"):
        base_url()
