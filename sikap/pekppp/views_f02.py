"""The evaluators' F-02 per assigned aspect (answers and evidence beside the rubric, the suggested
level, levels with notes, questions to the unit, finalising) and the validator's confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import Access, LokusReach
from sikap.audit.actors import acting_user
from sikap.lib.inputs import parse_integer, posted_text
from sikap.pekppp import actions, prefill, queries
from sikap.pekppp.forms import RecommendationForm
from sikap.pekppp.lookup import Check, aspect_of, lokus_for
from sikap.pekppp.models import Indicator, Lokus
from sikap.pekppp.views_f01 import _refused


def _reads_aspect(code: str) -> Check:
    def check(access: Access, lokus: Lokus) -> LokusReach:
        reach = access.require_lokus(lokus)
        if not (reach.sees_drafts and reach.sees_aspect(code)):
            raise Http404
        return reach

    return check


@login_required
@require_GET
def evaluation(request: HttpRequest, pk: int, aspect: str) -> HttpResponse:
    lokus, reach = lokus_for(request, pk, _reads_aspect(aspect))
    found = aspect_of(lokus, aspect)
    context = queries.f02_context(lokus, found)
    context["prefill"] = prefill.figures_for(lokus, [v.indicator for v in context["views"]])
    may_score = aspect in reach.aspects or bool(getattr(request.user, "is_superuser", False))
    context |= {"reach": reach, "may_score": may_score, "levels": range(6)}
    return render(request, "pekppp/f02.html", context)


def _indicator(lokus: Lokus, aspect: str, pk: int) -> Indicator:
    found = lokus.indicators().filter(pk=pk, aspect__code=aspect).first()
    if found is None:
        raise Http404
    return found


def _level(raw: str) -> int | None:
    level = parse_integer((raw or "").strip())
    return level if level is not None and 0 <= level <= 5 else None


@login_required
@require_POST
def set_level(request: HttpRequest, pk: int, aspect: str, indicator: int) -> HttpResponse:
    lokus, _reach = lokus_for(request, pk, lambda a, lk: a.require_score(lk, aspect))
    found = _indicator(lokus, aspect, indicator)
    level = _level(request.POST.get("nilai", ""))
    if level is None:
        messages.error(request, _("Pilih nilai 0 sampai 5."))
    else:
        try:
            actions.set_level(
                acting_user(request),
                lokus,
                found,
                level,
                note=posted_text(request.POST, "catatan", limit=4000, label=_("Catatan")),
                reason=posted_text(request.POST, "alasan", limit=1000, label=_("Alasan")),
            )
            messages.success(request, _("Nilai indikator %(n)s disimpan.") % {"n": found.number})
        except ValidationError as error:
            _refused(request, error)
    return redirect(f"{reverse('pekppp:f02', args=[lokus.pk, aspect])}#i{found.number}")


@login_required
@require_POST
def ask(request: HttpRequest, pk: int, aspect: str, indicator: int) -> HttpResponse:
    lokus, _reach = lokus_for(request, pk, lambda a, lk: a.require_score(lk, aspect))
    found = _indicator(lokus, aspect, indicator)
    try:
        actions.ask_clarification(
            acting_user(request),
            lokus,
            found,
            posted_text(request.POST, "pertanyaan", limit=4000, label=_("Pertanyaan")),
        )
        messages.success(request, _("Pertanyaan dikirim ke unit."))
    except ValidationError as error:
        _refused(request, error)
    return redirect("pekppp:f02", pk=lokus.pk, aspect=aspect)


@login_required
@require_POST
def finalise(request: HttpRequest, pk: int, aspect: str) -> HttpResponse:
    lokus, _reach = lokus_for(request, pk, lambda a, lk: a.require_score(lk, aspect))
    try:
        actions.finalise(acting_user(request), lokus, [aspect])
        messages.success(request, _("Nilai aspek %(a)s final.") % {"a": aspect})
    except ValidationError as error:
        _refused(request, error)
    return redirect("pekppp:f02", pk=lokus.pk, aspect=aspect)


@login_required
def validation(request: HttpRequest, pk: int) -> HttpResponse:
    lokus, reach = lokus_for(request, pk, lambda a, lk: a.require_validate(lk))
    if request.method == "POST":
        try:
            actions.validate(
                acting_user(request),
                lokus,
                reason=posted_text(request.POST, "alasan", limit=1000, label=_("Alasan")),
            )
            messages.success(request, _("Hasil evaluasi unit ini tervalidasi."))
        except ValidationError as error:
            _refused(request, error)
        return redirect("pekppp:validation", pk=lokus.pk)
    return render(request, "pekppp/validation.html", queries.validation_context(lokus) | {"reach": reach})


def _writes_recommendations(access: Access, lokus: Lokus) -> LokusReach:
    reach = access.require_lokus(lokus)
    if not reach.sees_drafts:
        raise Http404
    if not (reach.aspects or reach.coordinate):
        raise PermissionDenied(_("Hanya evaluator atau pembina yang dapat menulis rekomendasi."))
    return reach


@login_required
def recommendations(request: HttpRequest, pk: int) -> HttpResponse:
    lokus, reach = lokus_for(request, pk, _writes_recommendations)
    form = RecommendationForm(lokus, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_recommendation(acting_user(request), lokus, **form.cleaned_data)
            messages.success(request, _("Rekomendasi disimpan."))
            return redirect("pekppp:recommendations", pk=lokus.pk)
        except ValidationError as error:
            _refused(request, error)
    shown = queries.recommendations_shown(lokus, reach)
    return render(request, "pekppp/recommendations.html", {"lokus": lokus, "form": form, "shown": shown})
