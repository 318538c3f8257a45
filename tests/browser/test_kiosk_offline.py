"""The kiosk tablet through an outage: answers given offline are kept on the tablet (also across a
restart) and stored exactly once when the connection returns; a revoked tablet says why and keeps its
queue, which the operator imports from the exported file.

The operator registers the tablet by clicking from the home page; the tablet opens the pairing link.
A restart is a second persistent Chromium context on the same profile directory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sikap.kiosk.models import KioskDevice
from sikap.responses.models import Submission

from .conftest import CHROMIUM, CHROMIUM_ARGS, TABLET
from .respondent import SUBMIT, fill_form
from .test_workspace_menu import log_in

pytestmark = pytest.mark.browser

SAVED = "Jawaban tersimpan"


def register_tablet(desktop, survey, name: str = "Loket 1") -> str:
    """The operator's clicks: home, the link's "Daftarkan tablet kios", a name; returns the pairing URL."""
    page = desktop.new_page()
    log_in(page, survey, "operator.ki.jabar")
    row = page.get_by_role("row").filter(has_text=survey.service.name).first
    if row.count():
        row.get_by_role("link", name="Daftarkan tablet kios").click()
    else:
        page.get_by_role("link", name="Semua kampanye dan tautan per layanan").click()
        page.get_by_role("link", name=survey.campaign.name).click()
        page.get_by_role("row").filter(has_text=survey.service.name).get_by_role(
            "link", name="Daftarkan tablet kios"
        ).click()
    page.get_by_label("Nama tablet").fill(name)
    page.get_by_role("button", name="Daftarkan dan buat tautan pemasangan").click()
    url = page.locator("#pairing-url").get_attribute("href")
    page.close()
    return str(url)


def pair(page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Pasangkan tablet ini").click()
    page.wait_for_url("**/kiosk/")
    # Ready for an outage: the worker controls the page and the page is cached in both languages.
    page.wait_for_function("navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready")
    page.wait_for_function(
        """async () => { const c = await caches.open("sikap-kiosk-v1");
                         return !!(await c.match("/kiosk/")) && !!(await c.match("/kiosk/?lang=en")); }"""
    )


def answer(page, survey) -> None:
    fill_form(page, survey.campaign, service=None)
    page.get_by_role("button", name=SUBMIT).click()
    page.get_by_role("status").filter(has_text=SAVED).wait_for()


def waiting_keys(page) -> list[str]:
    return page.evaluate(
        """() => new Promise(done => { const r = indexedDB.open("sikap-kiosk", 1);
             r.onsuccess = () => { const q = r.result.transaction("answers").objectStore("answers").getAll();
               q.onsuccess = () => done(q.result.filter(x => x.status === "waiting").map(x => x.key));
             }; })"""
    )


def kiosk_keys(survey) -> list[str]:
    rows = Submission.objects.filter(campaign=survey.campaign, channel=Submission.Channel.KIOSK)
    return sorted(str(key) for key in rows.values_list("key", flat=True))


def test_answers_given_offline_are_stored_once_when_the_connection_returns(tablet, desktop, survey):
    page = tablet.new_page()
    pair(page, register_tablet(desktop, survey))
    sent = []
    page.on("request", lambda r: sent.append(r.post_data) if r.url.endswith("/kiosk/api/kirim/") else None)

    tablet.set_offline(True)
    answer(page, survey)
    answer(page, survey)
    expect(page.locator("#k-count")).to_have_text("2 jawaban menunggu dikirim")
    keys = sorted(waiting_keys(page))
    assert len(keys) == 2 and kiosk_keys(survey) == []

    page.reload()  # served by the service worker from its cache
    expect(page.locator("#k-count")).to_have_text("2 jawaban menunggu dikirim")
    tablet.set_offline(False)
    expect(page.locator("#k-count")).to_have_text("", timeout=20_000)
    assert kiosk_keys(survey) == keys

    # The same batch sent again (a response lost on the way back) stores nothing twice.
    batch = [body for body in sent if body and '"items":[{' in body][-1]
    credential = page.evaluate("document.body.dataset.credential")
    again = page.request.post(
        survey.url("/kiosk/api/kirim/"),
        data=batch,
        headers={"Authorization": f"Bearer {credential}", "Content-Type": "application/json"},
    )
    assert {r["status"] for r in again.json()["results"]} == {"duplicate"}
    assert len(json.loads(batch)["items"]) == 2
    assert kiosk_keys(survey) == keys
    device = KioskDevice.objects.get()
    assert device.last_contact_at is not None and device.last_queue_length == 0


def test_a_tablet_restarted_during_the_outage_still_delivers_every_answer_once(
    browser, desktop, survey, tmp_path: Path
):
    url = register_tablet(desktop, survey)
    options = {**TABLET, "locale": "id-ID", "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
    first = browser.browser_type.launch_persistent_context(str(tmp_path), headless=True, **options)
    try:
        first.set_default_timeout(10_000)
        page = first.pages[0] if first.pages else first.new_page()
        pair(page, url)
        first.set_offline(True)
        answer(page, survey)
        answer(page, survey)
        keys = sorted(waiting_keys(page))
    finally:
        first.close()  # the tablet switches off, still offline

    second = browser.browser_type.launch_persistent_context(
        str(tmp_path), headless=True, offline=True, **options
    )
    try:
        second.set_default_timeout(10_000)
        page = second.pages[0] if second.pages else second.new_page()
        page.goto(survey.url("/kiosk/"))
        expect(page.locator("#k-count")).to_have_text("2 jawaban menunggu dikirim")
        assert kiosk_keys(survey) == []
        answer(page, survey)  # and it keeps taking answers
        keys = sorted([*keys, *[k for k in waiting_keys(page) if k not in keys]])
        second.set_offline(False)
        expect(page.locator("#k-count")).to_have_text("", timeout=20_000)
        assert kiosk_keys(survey) == keys and len(keys) == 3
    finally:
        second.close()


def test_a_revoked_tablet_says_why_and_keeps_its_queue_for_the_operator(tablet, desktop, survey, world):
    from sikap.kiosk import actions

    page = tablet.new_page()
    pair(page, register_tablet(desktop, survey))
    tablet.set_offline(True)
    answer(page, survey)
    actions.revoke(world.operator, KioskDevice.objects.get(), "Tablet dipindah ke Loket 2")
    tablet.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    alert = page.locator("#k-stopped")
    alert.wait_for()
    assert "dicabut" in alert.inner_text() and "Tablet dipindah ke Loket 2" in alert.inner_text()
    assert not page.locator("#k-form").is_visible()
    assert "Jawaban menunggu dikirim: 1" in page.locator("#k-queue").inner_text()
    assert kiosk_keys(survey) == []

    page.reload()  # the server's own page for a revoked tablet, with the queue still there
    assert "Tablet kios berhenti" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_text("Jawaban menunggu dikirim: 1").wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="Ekspor jawaban (berkas JSON)").click()
    exported = Path(download.value.path())
    assert len(json.loads(exported.read_text())["items"]) == 1

    operator = desktop.new_page()  # still signed in since registering the tablet
    operator.goto(survey.url("/"))
    operator.get_by_role("link", name="Tablet kios unit").click()
    operator.get_by_role("link", name="Loket 1").click()
    for _attempt in range(2):  # imported twice: stored once
        operator.get_by_label("Berkas (JSON)").set_input_files(str(exported))
        operator.get_by_role("button", name="Impor").click()
        operator.get_by_role("heading", level=1).wait_for()
    assert len(kiosk_keys(survey)) == 1
    assert "0 jawaban baru disimpan, 1 sudah tersimpan sebelumnya" in operator.content()


def test_a_form_left_half_filled_for_two_minutes_is_emptied_and_stores_nothing(tablet, desktop, survey):
    page = tablet.new_page()
    pair(page, register_tablet(desktop, survey))
    page.clock.install()
    page.reload()
    age = page.get_by_role("textbox", name="Usia (tahun)")
    age.fill("34")
    page.clock.fast_forward("01:50")
    page.get_by_role("textbox", name="Saran").fill("Masih mengisi")  # any input restarts the two minutes
    page.clock.fast_forward("01:50")
    assert age.input_value() == "34", "emptied while the respondent was still busy"
    page.clock.fast_forward("00:11")
    expect(age).to_have_value("")
    assert page.get_by_role("textbox", name="Saran").input_value() == ""
    assert waiting_keys(page) == [] and kiosk_keys(survey) == []
