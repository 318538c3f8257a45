"""Operator pages of kiosk tablets: register one for a link, list them, and on a tablet's page see its
rejected answers, acknowledge them, import an exported queue, renew, re-pair or revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.instruments.models import PublicLink
from sikap.instruments.qr import make_qr
from sikap.kiosk import actions, batch, queries, reasons
from sikap.kiosk.models import KioskDevice
from sikap.lib.links import absolute_url

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ITEMS = 5000
CHANGES = frozenset({"revoke", "renew", "pairing", "acknowledge"})


def _device(request: HttpRequest, pk: int, *, write: bool = False) -> KioskDevice:
    """The tablet if the user may see (or with `write`, change) its unit: 404 / 403 otherwise."""
    device = get_object_or_404(KioskDevice.objects.in_units(access_for(request.user).units()), pk=pk)
    access = access_for(request.user)
    access.require_write(device.link.unit) if write else access.require_view(device.link.unit)
    return device


@login_required
def kiosk_list(request: HttpRequest) -> HttpResponse:
    devices = list(KioskDevice.objects.in_units(access_for(request.user).units()))
    return render(request, "kiosk/list.html", {"devices": devices})


@login_required
@require_http_methods(["GET", "POST"])
def kiosk_register(request: HttpRequest, link_pk: int) -> HttpResponse:
    link = get_object_or_404(PublicLink.objects.for_listing(), pk=link_pk)
    access_for(request.user).require_write(link.unit)
    error, name = "", request.POST.get("name", "")
    if request.method == "POST":
        try:
            device, code = actions.register(acting_user(request), link, name)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return _pairing_page(request, device, code)
    return render(request, "kiosk/register.html", {"link": link, "error": error, "name": name})


def _pairing_page(request: HttpRequest, device: KioskDevice, code: str) -> HttpResponse:
    url = absolute_url(reverse("kiosk:pair", args=[code]), request)
    context = {"device": device, "url": url, "qr": make_qr(url).svg_inline(scale=5, title=url)}
    return render(request, "kiosk/pairing.html", context)


@login_required
def kiosk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    device = _device(request, pk)
    rows = [(r, reasons.label(r.reason)) for r in queries.open_rejections(device)]
    context = {
        "device": device,
        "state": device.state(),
        "rejections": rows,
        "accepted": queries.accepted_count(device),
        "can_write": access_for(request.user).can_write(device.link.unit),
    }
    return render(request, "kiosk/detail.html", context)


@login_required
@require_POST
def kiosk_change(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """One of the tablet's changes: revoke, renew, new pairing, acknowledge; each through its action."""
    if what not in CHANGES:
        raise Http404
    device = _device(request, pk, write=True)
    actor = acting_user(request)
    try:
        if what == "revoke":
            actions.revoke(actor, device, request.POST.get("reason", ""))
            messages.success(request, _("Tablet dicabut. Jawaban yang sudah diterima tetap tersimpan."))
        elif what == "renew":
            actions.renew(actor, device)
            messages.success(request, _("Pendaftaran tablet diperpanjang satu tahun."))
        elif what == "pairing":
            return _pairing_page(request, device, actions.new_pairing(actor, device))
        else:
            ids = [int(i) for i in request.POST.getlist("receipt") if i.isdigit() and len(i) < 12]
            count = actions.acknowledge(actor, device, ids)
            messages.success(request, _("%(n)s jawaban ditolak ditandai sudah dilihat.") % {"n": count})
    except ValidationError as problem:
        messages.error(request, " ".join(problem.messages))
    return redirect("kiosk_operator:detail", pk=device.pk)


@login_required
@require_POST
def kiosk_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The file a stopped tablet exported: its answers through the same path as the tablet's batches."""
    device = _device(request, pk, write=True)
    upload = request.FILES.get("file")
    if upload is None or upload.size is None or upload.size > IMPORT_MAX_BYTES:
        messages.error(request, _("Pilih berkas ekspor tablet (JSON, paling besar 5 MB)."))
        return redirect("kiosk_operator:detail", pk=device.pk)
    parsed = batch.parse(upload.read(), max_items=IMPORT_MAX_ITEMS)
    if parsed.error:
        messages.error(request, _("Berkas ini bukan ekspor tablet kios yang dapat dibaca."))
        return redirect("kiosk_operator:detail", pk=device.pk)
    outcomes = actions.accept_batch(acting_user(request), device, parsed.items)
    counts = {status: sum(1 for o in outcomes if o.status == status) for status in ("accepted", "duplicate")}
    rejected = len(outcomes) - counts["accepted"] - counts["duplicate"]
    note = _(
        "Impor selesai: %(new)s jawaban baru disimpan, %(dup)s sudah tersimpan sebelumnya, %(bad)s ditolak."
    )
    messages.success(request, note % {"new": counts["accepted"], "dup": counts["duplicate"], "bad": rejected})
    return redirect("kiosk_operator:detail", pk=device.pk)
