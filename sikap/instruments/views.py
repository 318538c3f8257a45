"""Operator pages of campaigns: the campaigns and links in the user's scope, QR codes and posters."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseGone
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from sikap.accounts.access import access_for
from sikap.instruments import qr, queries
from sikap.instruments.models import Campaign, PublicLink
from sikap.lib.links import absolute_url


@login_required
@require_GET
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = queries.campaigns_in_scope(access_for(request.user))
    return render(request, "instruments/campaign_list.html", {"campaigns": campaigns})


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("period"), pk=pk)
    links = queries.links_in_scope(access_for(request.user), campaign)
    if not links:
        raise Http404  # a campaign with nothing in the user's scope does not exist for them
    closed = campaign.status == Campaign.Status.CLOSED
    # A closed campaign's links are listed for the record but offered neither for a kiosk nor for printing.
    rows = [(link, _public_url(request, link)) for link in links]
    context = {
        "campaign": campaign,
        "rows": rows,
        "closed": closed,
        "versions": queries.campaign_versions(campaign),
    }
    return render(request, "instruments/campaign_detail.html", context)


@login_required
@require_GET
def link_qr_svg(request: HttpRequest, pk: int) -> HttpResponse:
    link = _visible_link(request, pk)
    if link.campaign.status == Campaign.Status.CLOSED:
        return _closed()
    return HttpResponse(qr.qr_svg(_public_url(request, link)), content_type="image/svg+xml")


@login_required
@require_GET
def link_qr_png(request: HttpRequest, pk: int) -> HttpResponse:
    link = _visible_link(request, pk)
    if link.campaign.status == Campaign.Status.CLOSED:
        return _closed()
    response = HttpResponse(qr.qr_png(_public_url(request, link)), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-{link.unit.code}-{link.pk}.png"'
    return response


@login_required
@require_GET
def link_poster(request: HttpRequest, pk: int) -> HttpResponse:
    link = _visible_link(request, pk)
    if link.campaign.status == Campaign.Status.CLOSED:
        return _closed()
    pdf = qr.poster_pdf(link, _public_url(request, link), list(queries.campaign_versions(link.campaign)))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="poster-{link.unit.code}-{link.pk}.pdf"'
    return response


def _closed() -> HttpResponse:
    # Gone, not missing: the link existed, but a QR or poster for it would send respondents to a closed form.
    return HttpResponseGone(
        _("Kampanye ini sudah ditutup: tautannya tidak dapat dicetak sebagai QR atau poster."),
        content_type="text/plain; charset=utf-8",
    )


def _visible_link(request: HttpRequest, pk: int) -> PublicLink:
    link = get_object_or_404(PublicLink.objects.for_listing(), pk=pk)
    access_for(request.user).require_view(link.unit)
    return link


def _public_url(request: HttpRequest, link: PublicLink) -> str:
    return absolute_url(queries.public_path(link), request)
