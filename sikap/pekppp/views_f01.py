"""The unit's F-01 self-assessment: answers per indicator, evidence files, draft and submit, answers
to the evaluators' questions, and every submitted version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.lib import evidence as evidence_files
from sikap.lib.inputs import posted_text
from sikap.pekppp import actions, f01form, prefill, queries
from sikap.pekppp.lookup import lokus_for
from sikap.pekppp.models import Clarification, Evidence, SelfAssessment

WRITE = lambda access, lokus: access.require_self_assessment(lokus, write=True)  # noqa: E731


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def self_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    lokus, reach = lokus_for(request, pk, lambda a, lk: a.require_self_assessment(lk))
    indicators = list(lokus.indicators())
    if request.method == "POST":
        lokus, reach = lokus_for(request, pk, WRITE)
        try:
            actions.save_self_assessment(
                acting_user(request), lokus, f01form.read_answers(indicators, request.POST)
            )
            if "kirim" in request.POST:
                version = actions.submit_self_assessment(acting_user(request), lokus)
                messages.success(request, _("F-01 dikirim sebagai versi %(n)s.") % {"n": version.number})
            else:
                messages.success(request, _("Draf F-01 disimpan."))
        except ValidationError as error:
            _refused(request, error)
        return redirect("pekppp:f01", pk=lokus.pk)
    sa = SelfAssessment.objects.filter(lokus=lokus).first()
    figures, suggested = prefill.for_page(lokus, indicators)
    answers = {**suggested, **(sa.answers if sa else {})}  # the unit's own answers win
    context = queries.f01_context(lokus, reach, sa, indicators, answers)
    context["prefill"] = figures
    context["previous"] = queries.previous_recommendations(lokus)
    return render(request, "pekppp/f01.html", context)


@login_required
@require_POST
def upload_evidence(request: HttpRequest, pk: int, indicator: int) -> HttpResponse:
    lokus, _reach = lokus_for(request, pk, WRITE)
    found = lokus.indicators().filter(pk=indicator).first()
    if found is None:
        raise Http404
    file = request.FILES.get("berkas")
    if file is None:
        messages.error(request, _("Pilih berkas bukti terlebih dahulu."))
    else:
        try:
            actions.add_evidence(
                acting_user(request),
                lokus,
                found,
                file,
                posted_text(request.POST, "keterangan", limit=200, label=_("Keterangan")),
            )
            messages.success(request, _("Bukti dukung diunggah."))
        except ValidationError as error:
            _refused(request, error)
    return redirect(f"{lokus_url(lokus)}#i{found.number}")


def lokus_url(lokus: object) -> str:
    from django.urls import reverse

    return reverse("pekppp:f01", args=[lokus.pk])  # type: ignore[attr-defined]


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    found = get_object_or_404(
        Evidence.objects.select_related("self_assessment__lokus__unit", "indicator__aspect"), pk=pk
    )
    return found


@login_required
@require_GET
def download_evidence(request: HttpRequest, pk: int) -> FileResponse:
    found = _evidence(request, pk)
    reach = access_for(request.user).require_self_assessment(found.self_assessment.lokus)
    if not reach.sees_aspect(found.indicator.aspect.code):
        raise Http404
    return evidence_files.download(found.file)


@login_required
@require_POST
def delete_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    found = _evidence(request, pk)
    access_for(request.user).require_self_assessment(found.self_assessment.lokus, write=True)
    try:
        actions.delete_evidence(acting_user(request), found)
        messages.success(request, _("Bukti dukung dihapus."))
    except ValidationError as error:
        _refused(request, error)
    return redirect("pekppp:f01", pk=found.self_assessment.lokus_id)


@login_required
@require_POST
def answer_clarification(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Clarification.objects.select_related("lokus__unit"), pk=pk)
    access_for(request.user).require_self_assessment(found.lokus, write=True)
    try:
        actions.answer_clarification(
            acting_user(request), found, posted_text(request.POST, "jawaban", limit=4000, label=_("Jawaban"))
        )
        messages.success(
            request, _("Jawaban klarifikasi disimpan. Perbaiki F-01 bila perlu lalu kirim ulang.")
        )
    except ValidationError as error:
        _refused(request, error)
    return redirect("pekppp:f01", pk=found.lokus_id)


@login_required
@require_GET
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    lokus, reach = lokus_for(request, pk, lambda a, lk: a.require_self_assessment(lk))
    found = get_object_or_404(queries.versions(lokus), number=number)
    indicators = [i for i in lokus.indicators() if reach.sees_aspect(i.aspect.code)]
    shown = [(i, f01form.rows(i, found.answers.get(i.code, {}))) for i in indicators]
    return render(request, "pekppp/f01_version.html", {"lokus": lokus, "version": found, "shown": shown})
