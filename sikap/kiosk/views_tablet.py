"""The tablet's side: pairing, the installable kiosk page, its service worker and manifest, the batch
endpoint. The page works offline (static/js/kiosk-app.js keeps answers in IndexedDB); the endpoint
answers JSON and authenticates by the tablet's credential, not by a session, so it needs no CSRF token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.instruments.queries import campaign_versions, link_services
from sikap.kiosk import actions, batch, queries, reasons
from sikap.kiosk.credentials import COOKIE, COOKIE_AGE, bearer, device_for
from sikap.kiosk.models import KioskDevice
from sikap.lib.clientaddr import client_address
from sikap.responses.forms_public import build_page

LANGUAGES = ("id", "en")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pair(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks to confirm (a link previewer must not use up the code); POST pairs and sets the cookie."""
    if request.method != "POST":
        return render(request, "kiosk/pair.html", {"code": code})
    try:
        _device, credential = actions.pair(code)
    except ValidationError as error:
        return render(request, "kiosk/pair.html", {"error": " ".join(error.messages)}, status=410)
    response = redirect("kiosk:app")
    _set_cookie(response, credential)
    return response


def _set_cookie(response: HttpResponse, credential: str) -> None:
    response.set_cookie(
        COOKIE,
        credential,
        max_age=COOKIE_AGE,
        path="/kiosk/",
        httponly=True,
        samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@never_cache
@require_GET
def app(request: HttpRequest) -> HttpResponse:
    """The kiosk page in Indonesian, or English with ?lang=en; a stopped tablet's page says why."""
    language = "en" if request.GET.get("lang") == "en" else "id"
    credential = request.COOKIES.get(COOKIE, "")
    device = device_for(credential)
    with translation.override(language):
        if device is None or device.state() != "active":
            state = "missing" if device is None else device.state()
            status, message = reasons.STATES[state]
            context = {"state": state, "message": message, "device": device, "language": language}
            return render(request, "kiosk/stopped.html", context, status=status)
        response = render(request, "kiosk/app.html", _app_context(device, credential, language))
    _set_cookie(response, credential)  # every visit keeps the cookie for another 400 days
    return response


def _app_context(device: KioskDevice, credential: str, language: str) -> dict[str, Any]:
    link = device.link
    versions = campaign_versions(link.campaign)
    page = build_page(versions, link_services(link), {}, {})
    required = [q.name for block in page.blocks for q in block.questions]
    required += [f.name for f in page.profile if f.required]
    if page.service:
        required.append(page.service.name)
    other = "en" if language == "id" else "id"
    return {
        "device": device,
        "link": link,
        "page": page,
        "credential": credential,
        "required": " ".join(required),
        "language": language,
        "other_language": other,
        "other_url": reverse("kiosk:app") + ("?lang=en" if other == "en" else ""),
        "pages": [reverse("kiosk:app"), reverse("kiosk:app") + "?lang=en"],
        "retention_years": getattr(settings, "SIKAP_RETENTION_YEARS", 5),
    }


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """static/js/kiosk-sw.js served under /kiosk/ so that its scope is the kiosk page."""
    found = finders.find("js/kiosk-sw.js")
    if not found:
        raise Http404
    response = HttpResponse(Path(str(found)).read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    data = {
        "name": "Sikap Kios",
        "short_name": "Sikap Kios",
        "start_url": reverse("kiosk:app"),
        "scope": "/kiosk/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f6c",
        "icons": [{"src": static("img/kiosk-icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    response = JsonResponse(data)
    response["Content-Type"] = "application/manifest+json"
    return response


@csrf_exempt  # authenticated by the tablet's credential in a header, never by a cookie
@never_cache
@require_POST
def submit_batch(request: HttpRequest) -> JsonResponse:
    device = device_for(bearer(request))
    state = "missing" if device is None else device.state()
    if device is None or state != "active":
        status, message = reasons.STATES[state]
        extra = {"reason": device.revoked_reason} if device is not None and state == "revoked" else {}
        return JsonResponse({"state": state, "message": reasons.both(message), **extra}, status=status)
    try:
        body = request.body
    except RequestDataTooBig:
        return _refused("too_large", 413)
    parsed = batch.parse(body)
    if parsed.error:
        return _refused(parsed.error, 400)
    outcomes = actions.accept_batch(
        None, device, parsed.items, queue_length=parsed.queue_length, client_address=client_address(request)
    )
    acknowledged = queries.acknowledged_keys(device, parsed.held)
    return JsonResponse(
        {
            "results": [o.as_json() for o in outcomes],
            "acknowledged": acknowledged,
            "expires_at": device.expires_at.isoformat(),
            "now": timezone.now().isoformat(),
        }
    )


def _refused(code: str, status: int) -> JsonResponse:
    return JsonResponse({"error": code, "message": reasons.both(reasons.BATCH[code])}, status=status)
