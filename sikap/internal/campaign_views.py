"""Internal campaigns: the list, one campaign's participation per unit, its settings, a new campaign,
and the code slips. Everyone here sees counts only; who answered is nowhere to be read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import Access, Use, access_for
from sikap.audit.actors import acting_user
from sikap.instruments import actions as campaign_actions
from sikap.instruments.models import Campaign
from sikap.internal import invitations
from sikap.internal.forms import InternalCampaignForm, InternalSettingsForm
from sikap.internal.participation import internal_overview, participation, rolled_up, target_label
from sikap.lib.links import base_url
from sikap.organisation.models import Unit
from sikap.responses import codes


def _campaign(access: Access, pk: int) -> tuple[Campaign, list[Unit]]:
    """The internal campaign and its units the user may follow; 404 when it has none."""
    campaign = get_object_or_404(
        Campaign.objects.select_related("period"), pk=pk, audience=Campaign.Audience.INTERNAL
    )
    units = [u for u in campaign.units.order_by("path") if access.can_follow(u)]
    if not units:
        raise Http404
    return campaign, units


def _may_remind(access: Access, unit: Unit) -> bool:
    """Bulk reminders: the unit's writers and the PIC; a leader only reads."""
    return access.can_write(unit) or any(unit.path.startswith(g.path) for g in access.pic_grants)


@login_required
@require_GET
def campaigns(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    if not access.may(Use.PARTICIPATION):
        raise Http404
    context = {"rows": internal_overview(access), "can_create": bool(_administrable(access))}
    return render(request, "internal/campaigns.html", context)


@login_required
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    found, units = _campaign(access, pk)
    if request.method == "POST":
        return _act(request, access, found, units)
    rows = participation(found, units)
    settings = invitations.settings_of(found)
    context = {
        "campaign": found,
        "rows": rows,
        "total": rolled_up(rows),
        "settings": settings,
        "target_label": target_label(settings),
        "versions": found.ordered_versions(),
        "writable": {u.pk for u in units if access.can_write(u)},
        "may_remind": any(_may_remind(access, u) for u in units),
        "may_manage": all(access.can_administer(u) for u in found.units.all()),
        "locked": invitations.has_responses(found),
        "entry_url": invitations.entry_url(base=base_url(request)),
    }
    return render(request, "internal/campaign.html", context)


def _act(request: HttpRequest, access: Access, found: Campaign, units: list[Unit]) -> HttpResponse:
    actor = acting_user(request)
    what = request.POST.get("do", "")
    try:
        if what == "invite":
            writable = [u for u in units if access.can_write(u)]
            if not writable:
                raise PermissionDenied
            sent = invitations.invite(actor, found, writable, base=base_url(request))
            messages.success(
                request,
                _("%(n)s undangan baru: %(e)s lewat surel, %(s)s lewat kertas kode; %(f)s surel gagal.")
                % {"n": sent.invited, "e": sent.emailed, "s": sent.slips, "f": sent.failed},
            )
        elif what == "remind":
            allowed = [u for u in units if _may_remind(access, u)]
            if not allowed:
                raise PermissionDenied
            sent = invitations.remind(actor, found, allowed, base=base_url(request))
            messages.success(
                request,
                _("Pengingat terkirim ke %(n)s pegawai yang belum menjawab (siapa saja, tidak ditampilkan).")
                % {"n": sent.emailed},
            )
        elif what in ("open", "close"):
            if not all(access.can_administer(u) for u in found.units.all()):
                raise PermissionDenied
            action = campaign_actions.open_campaign if what == "open" else campaign_actions.close_campaign
            action(actor, found)
            messages.success(request, _("Kampanye dibuka.") if what == "open" else _("Kampanye ditutup."))
        else:
            messages.error(request, _("Perintah tidak dikenal."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("internal:campaign", pk=found.pk)


@login_required
def campaign_settings(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    found, _units = _campaign(access, pk)
    if not all(access.can_administer(u) for u in found.units.all()):
        raise PermissionDenied
    locked = invitations.has_responses(found)
    current = invitations.settings_of(found)
    form = InternalSettingsForm(request.POST or None, instance=current, locked=locked)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.changed_fields()}
        try:
            invitations.save_settings(acting_user(request), found, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Pengaturan disimpan."))
            return redirect("internal:campaign", pk=found.pk)
    context = {"campaign": found, "form": form, "locked": locked}
    return render(request, "internal/campaign_settings.html", context)


def _administrable(access: Access) -> list[Unit]:
    return [u for u in access.writable_units().order_by("path") if access.can_administer(u)]


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    units = _administrable(access)
    if not units:
        raise PermissionDenied
    form = InternalCampaignForm(units, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = campaign_actions.create_campaign(
                acting_user(request),
                name=data["name"],
                period=data["period"],
                versions=list(data["versions"]),
                units=list(data["units"]),
                audience=Campaign.Audience.INTERNAL,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Kampanye internal dibuat sebagai draf. Periksa pengaturan, lalu buka.")
            )
            return redirect("internal:campaign", pk=created.pk)
    return render(request, "internal/campaign_new.html", {"form": form})


@login_required
@require_POST
def slips(request: HttpRequest, pk: int, unit: str) -> HttpResponse:
    """A4 sheets of code slips for the unit's employees without e-mail; printing again replaces them."""
    access = access_for(request.user)
    found, _units = _campaign(access, pk)
    unit_obj = access.require_write(get_object_or_404(Unit, code=unit))
    if not found.units.filter(pk=unit_obj.pk).exists():
        raise Http404
    try:
        drawn = invitations.print_slips(acting_user(request), found, unit_obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("internal:campaign", pk=found.pk)
    if not drawn:
        messages.info(request, _("Tidak ada undangan kertas yang belum dipakai di unit ini."))
        return redirect("internal:campaign", pk=found.pk)
    texts = {
        "kicker": found.name,
        "label": _("Kode undangan pribadi Anda:"),
        "how": _(
            "Pindai kode QR atau buka alamat di bawah, lalu ketik kode ini. Kode hanya berlaku sekali; "
            "jawaban Anda tidak dapat dikaitkan dengan kode ini."
        ),
    }
    url = invitations.entry_url(base=base_url(request))
    pdf = codes.slips_pdf(drawn, unit_obj, found.period, url, texts)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="undangan-{unit_obj.code}-{found.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
