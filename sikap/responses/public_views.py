"""The respondent's pages: the survey form of a public link, its submission, and the thank-you page.

Status codes of a link that cannot be answered: unknown token 404, closed (campaign closed, link or unit
switched off, period over) 410. A link whose period has not started answers 200 on GET, because the
link and its printed QR code are valid and will open, and 403 on POST, because no answer is accepted yet.

A tablet at the counter is a registered kiosk (sikap/kiosk, /kiosk/): the signed `?kiosk=` address that
once gave this form kiosk treatment is gone, and such an address now opens the ordinary public form.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sikap.instruments.models import PublicLink
from sikap.instruments.queries import MAX_TOKEN_LENGTH, LinkState, LinkStatus, read_link, resolve_link
from sikap.lib.clientaddr import client_address
from sikap.responses import actions
from sikap.responses.empty_form import questions_html, thanks_page
from sikap.responses.forms_public import (
    SERVICE_CODE_MAX,
    build_page,
    clean_service,
    form_key,
    form_max_age_hours,
    read_start,
    sign_start,
    too_old,
)
from sikap.responses.models import Submission
from sikap.responses.validation import clean_submission

__all__ = ["form", "thanks"]

DEVICE_COOKIE = "sikap_dev"
DEVICE_COOKIE_AGE = 400 * 24 * 3600  # the longest lifetime browsers keep a cookie
CLOSED_STATUS = {LinkStatus.UNKNOWN: 404, LinkStatus.CLOSED: 410, LinkStatus.FUTURE: 200}


@never_cache  # every render carries its own idempotency key and start time
@require_http_methods(["GET", "HEAD", "POST"])
def form(request: HttpRequest, token: str) -> HttpResponse:
    state = resolve_link(token)
    if not state.is_open or state.link is None:
        response = _unavailable(request, state)
        if request.method == "POST" and state.status == LinkStatus.FUTURE:
            response.status_code = 403
    elif request.method == "POST":
        response = _post(request, state)
    else:
        response = _render_form(request, state, {}, {})
    return _with_device_cookie(request, response)


def _post(request: HttpRequest, state: LinkState) -> HttpResponse:
    link, data = state.link, request.POST
    assert link is not None
    started_at = read_start(link.token, data.get("start"))
    visit = actions.Visit(
        campaign=link.campaign,
        unit=link.unit,
        key=form_key(data.get("key")),
        channel=Submission.Channel.WEB,
        link=link,
        service=link.service,
        # A missing or forged start time counts as "just now", so skipping it cannot dodge the time rule.
        started_at=started_at or timezone.now(),
        device_id=request.COOKIES.get(DEVICE_COOKIE, "")[:64],
        client_address=client_address(request),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        service_code=data.get("service_code", "").strip()[:SERVICE_CODE_MAX],
    )
    recent = actions.look_up(visit)
    # A resent form (double click, reload, retry) is already stored: no second count, no rate-limit hit.
    if recent.stored:
        return _to_thanks(link)
    if started_at is not None and too_old(started_at):
        context = {
            "link": link,
            "form_url": reverse("public_form", args=[link.token]),
            "hours": form_max_age_hours(),
        }
        return render(request, "responses/public/expired.html", context, status=400)
    if actions.rate_limited(visit, recent):
        response = render(request, "responses/public/rate_limited.html", {"link": link}, status=429)
        response["Retry-After"] = "600"  # the limits count the last ten minutes
        return response
    cleaned = clean_submission(state.versions, data)
    visit.service, service_error = clean_service(link, state.services, data)
    if service_error:
        cleaned.errors["service"] = service_error
    if cleaned.errors:
        return _render_form(request, state, data, cleaned.errors)
    try:
        actions.submit(None, visit, cleaned, recent)
    except ValidationError as error:  # a service code that is unknown or already used
        if hasattr(error, "error_dict"):
            errors = {name: " ".join(messages) for name, messages in error.message_dict.items()}
        else:
            errors = {"__all__": " ".join(error.messages)}
        return _render_form(request, state, data, errors)
    return _to_thanks(link)


def _render_form(request: HttpRequest, state: LinkState, data: Any, errors: dict[str, str]) -> HttpResponse:
    link = state.link
    assert link is not None
    # Re-rendering after an error keeps the key (so the eventual submission counts once) and the start.
    start = data.get("start") if read_start(link.token, data.get("start")) else sign_start(link.token)
    context = {
        "link": link,
        "key": form_key(data.get("key")),
        "start": start,
        "form_url": reverse("public_form", args=[link.token]),
        "retention_years": getattr(settings, "SIKAP_RETENTION_YEARS", 5),
    }
    if data or errors or state.stamp is None:
        context["page"] = build_page(state.versions, state.services, data, errors)
    else:
        # The empty form: the questions come rendered from the bundle's cache, only the rest is per request.
        context["page"] = build_page((), state.services, {}, {})
        context["questions"] = questions_html(state.stamp, translation.get_language() or "id")
    return render(request, "responses/public/form.html", context, status=200)


def _unavailable(request: HttpRequest, state: LinkState) -> HttpResponse:
    context = {"state": state, "link": state.link}
    return render(request, "responses/public/unavailable.html", context, status=CLOSED_STATUS[state.status])


@never_cache
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    link = read_link(token) if token and len(token) <= MAX_TOKEN_LENGTH else None
    if link is None:
        return _unavailable(request, LinkState(LinkStatus.UNKNOWN))
    return HttpResponse(thanks_page(request, link.unit.name))


def _to_thanks(link: PublicLink) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("public_thanks", args=[link.token]))


def _with_device_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A random device id, stored only as a keyed hash that rotates per period (integrity.keyed_hash)."""
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(16),
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
