"""Every HTML page carries the Content-Security-Policy, and no page has what it would block.

The crawl is the English-everywhere one: every role's menu, the pages below it and the public form.
"""

import re

import pytest
from django.urls import reverse

from sikap.lib.csp import HEADER
from sikap.responses.tests.public_fixtures import form_url
from sikap.workspace.tests.test_english_everywhere import PERSONAS, menu_links, surveyed  # noqa: F401

pytestmark = pytest.mark.django_db

# What a policy without 'unsafe-inline' blocks: a script with a body, an inline handler or javascript:
# URL, a <style> element or a style="" attribute. `json_script` output is data, not code, and allowed.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
BLOCKED = [
    INLINE_SCRIPT,
    HANDLER,
    re.compile(r"javascript:", re.I),
    re.compile(r"<style[\s>]", re.I),
    re.compile(r"<[^>]+\sstyle\s*=", re.I),
]


def problems(html: str) -> list[str]:
    return [match.group(0)[:80] for pattern in BLOCKED for match in pattern.finditer(html)]


def check(response, where: str, findings: list[str]) -> None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    policy = response.get(HEADER, "")
    if "script-src 'self'" not in policy or "default-src 'self'" not in policy:
        findings.append(f"{where}: no policy")
    findings.extend(f"{where}: {found}" for found in problems(response.content.decode()))


def test_every_page_of_every_role_has_the_policy_and_nothing_it_blocks(client, world, surveyed, login):  # noqa: F811
    findings: list[str] = []
    below = [
        reverse("dashboard_unit", args=[world.division.code]),
        reverse("dashboard_service", args=[world.division.code, surveyed.service.pk]),
        reverse("unit_index", args=[world.division.code]),
        reverse("campaign_detail", args=[surveyed.campaign.pk]),
        reverse("publication:unit", args=[world.division.code]),
        "/hasil/",
    ]
    crawled = 0
    for persona in PERSONAS:
        if persona == "evaluator":
            continue
        browser = login(getattr(world, persona))
        home = browser.get("/")
        for path in dict.fromkeys(["/", *menu_links(home.content.decode()), *below]):
            response = browser.get(path)
            crawled += response.status_code == 200
            check(response, f"{persona} {path}", findings)
    assert crawled > 20
    assert not findings, "\n".join(findings)


def test_the_public_form_the_login_and_the_error_pages_have_the_policy(client, surveyed):  # noqa: F811
    findings: list[str] = []
    for path in [form_url(surveyed.unit_link), reverse("login"), "/tidak-ada/", "/hasil/"]:
        response = client.get(path)
        assert response.status_code in (200, 404)
        check(response, path, findings)
    assert not findings, "\n".join(findings)


def test_json_answers_get_no_policy(client):
    response = client.get("/api/v1/periods")
    assert response.status_code == 401 and HEADER not in response
