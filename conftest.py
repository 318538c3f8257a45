"""Shared fixtures: the small test world with its personas (see sikap/testing/factories.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings as hypothesis_settings

from sikap.testing.factories import PASSWORD, World, make_world

# Property tests draw the same examples on every run ("ci": repeatable on both databases and at merge);
# HYPOTHESIS_PROFILE=explore draws new ones locally (with SIKAP_FUZZ_EXAMPLES for more fuzz examples).
# No deadline in "ci": on a shared machine a stalled example is load, not a failure.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def world(db: None) -> World:
    return make_world()


@pytest.fixture
def login(client):  # type: ignore[no-untyped-def]
    """Log the test client in as a persona: `login(world.operator)`."""

    def _login(user):  # type: ignore[no-untyped-def]
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    # Tests create many users; the production hasher is deliberately slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _forget_published_versions():  # type: ignore[no-untyped-def]
    """Per-process caches keyed by version id assume published versions never change; a test database
    rolled back between tests hands the same ids to new versions, so each test starts without them."""
    from sikap.indices.tallies import dimensions_of, element_count, keeps_element_groups
    from sikap.instruments.queries import breakdown_fields, bundle
    from sikap.responses.empty_form import questions_html

    bundle.cache_clear()
    questions_html.cache_clear()
    element_count.cache_clear()
    dimensions_of.cache_clear()
    keeps_element_groups.cache_clear()
    breakdown_fields.cache_clear()
    yield


@pytest.fixture(autouse=True)
def _indonesian_first():  # type: ignore[no-untyped-def]
    """Each test starts in the default language: a request of an earlier test in English (LocaleMiddleware
    activates the language for the thread) must not decide the words of the next one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
