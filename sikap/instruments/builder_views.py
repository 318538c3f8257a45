"""The instrument builder: instruments and their versions, a draft's settings, publication and preview.

Instruments are national: who may read and change them is `Access.require_instruments`. Every change is
an action of `instruments.actions`; a refusal comes back as a message on the page, never an error page.
The parts of a draft (elements, fields) and translations are `builder_part_views`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sikap.accounts.access import Use, access_for
from sikap.audit.actors import acting_user
from sikap.instruments import actions, queries
from sikap.instruments.forms.versions import InstrumentForm, VersionForm
from sikap.instruments.models import Instrument, InstrumentVersion
from sikap.lib.inputs import parse_integer
from sikap.responses.forms_public import build_page

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def version_for(request: HttpRequest, pk: int, *, write: bool = False) -> InstrumentVersion:
    """The version with its parts if the user may read it (and change it, with `write`): 404, 403."""
    access_for(request.user).require_instruments(write=write)
    version = queries.version_with_parts(pk)
    if version is None:
        raise Http404
    return version


def draft_for(request: HttpRequest, pk: int) -> InstrumentVersion | HttpResponseRedirect:
    """The draft to change, or a redirect to its page saying a published version is not changed."""
    version = version_for(request, pk, write=True)
    if version.status != InstrumentVersion.Status.DRAFT:
        messages.error(request, _("Versi yang sudah terbit tidak dapat diubah; buat draf baru."))
        return redirect("builder:version", pk)
    return version


def refused(form: BaseForm, error: ValidationError) -> None:
    """An action's refusal as the form's own errors (messages only: the action may name model fields)."""
    for message in error.messages:
        form.add_error(None, message)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    access.require_instruments()
    context = {"instruments": queries.instruments_with_versions(), "can_change": _can_change(request)}
    return render(request, "instruments/builder/index.html", context)


@login_required
@GET_POST
def instrument_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    access_for(request.user).require_instruments(write=True)
    instrument = get_object_or_404(Instrument, code=code) if code else Instrument(order=9)
    form = InstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_instrument(acting_user(request), form.instance)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, _("Instrumen %(code)s tersimpan.") % {"code": form.instance.code})
            return redirect("builder:index")
    return render(
        request, "instruments/builder/instrument_form.html", {"form": form, "instrument": instrument}
    )


@login_required
@require_POST
def draft_create(request: HttpRequest, code: str) -> HttpResponse:
    """A new draft: a copy of a version of the instrument (`source`), or an empty one."""
    access_for(request.user).require_instruments(write=True)
    instrument = get_object_or_404(Instrument, code=code)
    source = request.POST.get("source", "")
    actor = acting_user(request)
    if source:
        found = InstrumentVersion.objects.filter(instrument=instrument, pk=parse_integer(source.strip()) or 0)
        draft = actions.new_draft(actor, get_object_or_404(found))
    else:
        blank = InstrumentVersion(instrument=instrument, title=instrument.name, title_en=instrument.name_en)
        draft = actions.save_draft(actor, blank)
    messages.success(request, _("Draf versi %(n)s dibuat.") % {"n": draft.number})
    return redirect("builder:version", draft.pk)


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = version_for(request, pk)
    draft = version.status == InstrumentVersion.Status.DRAFT
    context = {
        "version": version,
        "draft": draft,
        "can_change": _can_change(request),
        "errors": actions.publication_errors(version) if draft else [],
        "profile": [f for f in version.fields.all() if f.section == "profile"],
        "feedback": [f for f in version.fields.all() if f.section == "feedback"],
    }
    return render(request, "instruments/builder/version.html", context)


@login_required
@GET_POST
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = draft_for(request, pk)
    if isinstance(version, HttpResponseRedirect):
        return version
    form = VersionForm(request.POST or None, instance=InstrumentVersion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_draft(acting_user(request), version, **form.changes())
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, _("Pengaturan versi tersimpan."))
            if list(InstrumentVersion.objects.get(pk=pk).points) != form.points:
                messages.info(request, _("Skala berubah: periksa label tiap titik."))
                return redirect("builder:version_edit", pk)
            return redirect("builder:version", pk)
    return render(request, "instruments/builder/version_form.html", {"version": version, "form": form})


@login_required
@GET_POST
def version_status(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Publish or retire a version after a confirmation page (which lists what blocks publication)."""
    version = version_for(request, pk, write=True)
    action = {"terbitkan": actions.publish_version, "hentikan": actions.retire_version}.get(step)
    if action is None:
        raise Http404
    if request.method == "POST":
        try:
            action(acting_user(request), version)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Status versi sekarang: %(s)s.") % {"s": _status_of(pk)})
        return redirect("builder:version", pk)
    errors = actions.publication_errors(version) if step == "terbitkan" else []
    context = {"version": version, "step": step, "errors": errors}
    return render(request, "instruments/builder/confirm.html", context)


@login_required
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The version as a respondent sees it, in Indonesian or English (`?lang=en`); nothing is sent."""
    version = version_for(request, pk)
    language = "en" if request.GET.get("lang") == "en" else "id"
    with translation.override(language):
        context = _preview_context(request, version, language)
        return render(request, "instruments/builder/preview.html", context)


def _preview_context(request: HttpRequest, version: InstrumentVersion, language: str) -> dict[str, Any]:
    return {
        "version": version,
        "page": build_page([version], [], {}, {}),
        "link": None,
        "key": "",
        "start": "",
        "form_url": request.path,
        "language": language,
        "instrument_lang": "",
        "retention_years": getattr(settings, "SIKAP_RETENTION_YEARS", 5),
        "back": reverse("builder:version", args=[version.pk]),
    }


def _status_of(pk: int) -> str:
    return str(InstrumentVersion.objects.get(pk=pk).get_status_display())


def _can_change(request: HttpRequest) -> bool:
    return access_for(request.user).may(Use.INSTRUMENTS)
