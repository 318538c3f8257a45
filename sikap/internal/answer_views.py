"""The invited employee's pages: type a code, answer the internal form, thank-you.

An invitation that is unknown, already used, or whose campaign is not open all answer the same page
(410), so the page never tells anyone whether a code was ever valid or has been used. The pages send a
referrer to this site only ("same-origin"), so the token in the address never leaves with a click to
another site; "no-referrer" would make browsers post `Origin: null`, which the CSRF check refuses.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from sikap.instruments.models import Field
from sikap.instruments.queries import campaign_versions
from sikap.internal import invitations, tokens
from sikap.internal.invitations import AlreadyUsed
from sikap.internal.models import Invitation
from sikap.responses.forms_public import build_page
from sikap.responses.validation import clean_submission


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def entry(request: HttpRequest) -> HttpResponse:
    """The page a printed slip's QR code opens: type the code from the slip."""
    error = ""
    code = ""
    if request.method == "POST":
        code = str(request.POST.get("code", ""))[:40]
        if invitations.invitation_for(code) is not None:
            return _private(HttpResponseRedirect(reverse("internal_answer", args=[tokens.normalise(code)])))
        error = _unknown_message()
    return _private(render(request, "internal/entry.html", {"error": error, "code": code}))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitations.invitation_for(token)
    if invitation is None:
        return _gone(request)
    versions = campaign_versions(invitation.campaign)
    if request.method != "POST":
        return _form(request, token, invitation, versions, {}, {})
    # The profile comes from the roster: whatever was posted for it is dropped, not checked.
    profile_codes = {f.code for v in versions for f in v.fields.all() if f.section == Field.Section.PROFILE}
    data = {k: v for k, v in request.POST.items() if k not in profile_codes}
    cleaned = clean_submission(versions, data, enforce_required_fields=False)
    if cleaned.errors:
        return _form(request, token, invitation, versions, data, cleaned.errors)
    try:
        invitations.answer(token, cleaned, translation.get_language() or settings.LANGUAGE_CODE)
    except AlreadyUsed:
        return _gone(request)
    return _private(HttpResponseRedirect(reverse("internal_thanks")))


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "internal/thanks.html"))


def _form(
    request: HttpRequest, token: str, invitation: Invitation, versions: Any, data: Any, errors: dict[str, str]
) -> HttpResponse:
    settings_ = invitations.settings_of(invitation.campaign)
    context = {
        "invitation": invitation,
        "unit": invitation.entry.unit,
        "campaign": invitation.campaign,
        "page": build_page(versions, (), data, errors, ask_profile=False),
        "form_url": reverse("internal_answer", args=[tokens.normalise(token)]),
        "k": settings_.k,
        "attributes": invitation.entry.attributes(),
        "instrument_lang": "" if translation.get_language() == "id" else "id",
    }
    return _private(render(request, "internal/form.html", context))


def _gone(request: HttpRequest) -> HttpResponse:
    context = {"message": _unknown_message(), "posted": request.method == "POST"}
    return _private(render(request, "internal/unavailable.html", context, status=410))


def _unknown_message() -> str:
    return _(
        "Kode atau tautan undangan ini tidak berlaku: tidak dikenal, sudah dipakai, atau surveinya sudah "
        "ditutup. Periksa kembali kode pada kertas atau surel Saudara."
    )
