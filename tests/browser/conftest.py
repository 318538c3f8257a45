"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against the live test server.

The project never downloads a browser. Where /usr/bin/chromium is absent the browser tests are skipped with a
loud banner (start and end of the run), unless SIKAP_REQUIRE_BROWSER=1 (set by .ci/run): then each browser
test fails, saying why.

The tests use `live_server`, so each runs in a transactional test database; `serialized_rollback` reloads the
standard instruments (created by a data migration) that the flush after the previous test removed.
"""

from __future__ import annotations

import datetime
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

# Debian's Chromium; SIKAP_CHROMIUM points elsewhere (another distribution's path, or a missing one to try
# the skip).
CHROMIUM = Path(os.environ.get("SIKAP_CHROMIUM", "/usr/bin/chromium"))
# No outside network here or in most offices: these switches stop Chromium's own background connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
TABLET = {"viewport": {"width": 800, "height": 1280}, "is_mobile": True, "has_touch": True}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BANNER = "!" * 78


def _browser_missing_reason() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found: install Debian's 'chromium' package (apt install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return ""


MISSING = _browser_missing_reason()
REQUIRED = os.environ.get("SIKAP_REQUIRE_BROWSER") == "1"
_collected = pytest.StashKey[int]()  # how many browser tests this run collected


def _banner(message: str) -> str:
    return f"\n{BANNER}\n!! {message}\n{BANNER}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    config.stash[_collected] = len(browser_items)
    if not MISSING or not browser_items:
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    what = "FAIL (SIKAP_REQUIRE_BROWSER=1)" if REQUIRED else "are SKIPPED"
    if reporter is not None:
        reporter.write_line(_banner(f"BROWSER TESTS {what}: {MISSING}"), red=True, bold=True)
    if not REQUIRED:
        marker = pytest.mark.skip(reason=f"BROWSER TESTS SKIPPED: {MISSING}")
        for item in browser_items:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if MISSING and config.stash.get(_collected, 0):
        what = "FAILED: Chromium is required here" if REQUIRED else "were SKIPPED"
        terminalreporter.write_line(
            _banner(f"{config.stash[_collected]} BROWSER TESTS {what}: {MISSING}"), red=True, bold=True
        )


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One headless Chromium for the browser tests of this package."""
    if MISSING:
        pytest.fail(f"SIKAP_REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread. Django then (1) refuses ORM calls
    # from the test as "async", and (2) keys its per-thread connections by async context, so the test would
    # get fresh connection objects without the test database's serialized contents (serialized_rollback
    # would silently reload nothing). The tests' ORM calls are plain synchronous code: allow them, keep
    # this thread's connections, and only while this browser is up (package scope).
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    wrappers = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, wrapper in wrappers.items():
        connections[alias] = wrapper
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if saved is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


@dataclass
class Survey:
    """An open campaign (SKM + SPKP + SPAK) for today with a per-unit link and a per-service link."""

    campaign: Any
    unit_link: Any  # the respondent picks the service
    service_link: Any
    service: Any
    base_url: str

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def form_url(self, link: Any = None) -> str:
        return self.url(reverse("public_form", args=[(link or self.unit_link).token]))

    def thanks_url(self, link: Any = None) -> str:
        return self.url(reverse("public_thanks", args=[(link or self.unit_link).token]))


def _one_at_a_time(app: Any, lock: threading.Lock) -> Any:
    """A WSGI app that serves one request at a time, body included."""

    def serve(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        with lock:
            result = app(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return serve


@pytest.fixture
def live_app(live_server: Any) -> Iterator[Any]:
    """The live server; on the in-memory SQLite test database it serves one request at a time.

    There the live server's threads all share the test's single SQLite connection, so two overlapping
    requests (a double click) trip over each other's statements ("database table is locked"), which says
    nothing about the app. PostgreSQL gives each thread its own connection and keeps real concurrency.
    """
    from django.db import connection

    server = live_server.thread.httpd
    app = server.get_app()
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        server.set_app(_one_at_a_time(app, threading.Lock()))
    try:
        yield live_server
    finally:
        server.set_app(app)


@pytest.fixture
def survey(live_app: Any, world: Any, django_db_serialized_rollback: None) -> Survey:
    from sikap.instruments.models import PublicLink
    from sikap.testing.factories import make_campaign, make_period, make_service

    today = timezone.localdate()
    period = make_period(
        "Periode uji peramban",
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=30),
    )
    service = make_service(world.division, name="Permohonan Merek", year=period.start.year)
    make_service(world.division, name="Legalisasi Apostille", year=period.start.year)
    campaign = make_campaign([world.division], period)
    links = PublicLink.objects.filter(campaign=campaign)
    return Survey(
        campaign,
        links.get(service__isnull=True),
        links.get(service=service),
        service,
        live_app.url,
    )


@pytest.fixture
def new_context(browser: Any, survey: Survey) -> Iterator[Any]:
    """Open fresh browser contexts (own cookies, so each its own device id), closed after the test."""
    opened: list[Any] = []

    def open_context(device: dict[str, Any], **options: Any) -> Any:
        context = browser.new_context(**device, locale="id-ID", **options)
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    try:
        yield open_context
    finally:
        for context in opened:
            context.close()


@pytest.fixture
def phone(new_context: Any) -> Any:
    """A phone: 360 x 740 CSS pixels, touch."""
    return new_context(PHONE)


@pytest.fixture
def desktop(new_context: Any) -> Any:
    return new_context(DESKTOP)


@pytest.fixture
def tablet(new_context: Any) -> Any:
    """The kiosk tablet at the counter."""
    return new_context(TABLET)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
