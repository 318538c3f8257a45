"""Follow-up pages: a unit's plan and feedback inbox, item edits, and the regional overview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sikap.accounts.access import Use, access_for
from sikap.audit.actors import acting_user
from sikap.followup import actions, queries
from sikap.followup.forms import AnswerForm, CancelForm, EditItemForm, EvidenceForm, NewItemForm
from sikap.followup.models import FollowUpItem
from sikap.indices.queries import default_period
from sikap.lib import evidence as evidence_files
from sikap.lib.inputs import parse_integer
from sikap.organisation.models import Period, Unit
from sikap.responses.models import Submission

INBOX_PER_PAGE = 25
OVERDUE_PER_PAGE = 50


def _period(request: HttpRequest) -> Period | None:
    wanted = request.POST.get("periode") or request.GET.get("periode") or ""
    number = parse_integer(wanted.strip())
    if number is not None:
        return get_object_or_404(Period, pk=number)
    return default_period()


def plan_url(unit: Unit, period: Period, anchor: str = "") -> str:
    return f"{reverse('followup:unit', args=[unit.code])}?periode={period.pk}{anchor}"


@login_required
@require_GET
def unit_plan(request: HttpRequest, code: str) -> HttpResponse:
    access = access_for(request.user)
    unit = access.require_view(get_object_or_404(Unit, code=code))
    period = _period(request)
    context: dict[str, Any] = {"unit": unit, "period": period, "periods": Period.objects.all()}
    context["today"] = timezone.localdate()
    if period is not None:
        inbox = Paginator(queries.inbox(unit, period), INBOX_PER_PAGE).get_page(request.GET.get("halaman"))
        context |= {
            "items": list(queries.plan_items(unit, period)),
            "stats": queries.completion_stats([unit.pk], period).get(unit.pk, queries.EMPTY),
            "inbox": inbox,
            "texts_hidden": queries.texts_hidden(unit, period),
            "can_write": access.can_write(unit),
        }
    return render(request, "followup/unit.html", context)


@login_required
@require_POST
def propose(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = _period(request) or _no_period()
    count = parse_integer(request.POST.get("jumlah", "").strip()) or 3
    count = count if count > 0 else 3
    made = actions.propose_from_weak_elements(acting_user(request), unit, period, min(count, 20))
    if made:
        messages.success(request, _("%(n)s butir diusulkan dari unsur terlemah.") % {"n": len(made)})
    else:
        messages.info(
            request, _("Tidak ada butir baru: unsur terlemah sudah direncanakan atau belum ada hasil SKM.")
        )
    return redirect(plan_url(unit, period))


@login_required
def add_item(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_for(request.user).require_write(get_object_or_404(Unit, code=code))
    period = _period(request) or _no_period()
    submission = _feedback(request, unit, period)
    elements = None if submission else queries.skm_elements(unit, period)
    initial = {"deadline": actions.default_deadline(period), "public": submission is None}
    form = NewItemForm(
        request.POST or None, initial=initial, elements=elements, owners=queries.owner_candidates(unit)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _applied(
            form, actions.create_item, acting_user(request), unit, period, submission=submission, **data
        ):
            return redirect(plan_url(unit, period))
    context = {"unit": unit, "period": period, "form": form, "submission": submission, "elements": elements}
    return render(request, "followup/item_form.html", context)


def _feedback(request: HttpRequest, unit: Unit, period: Period) -> Submission | None:
    wanted = request.GET.get("masukan", "")
    number = parse_integer(wanted.strip())
    if number is None:
        return None
    return get_object_or_404(Submission.objects.text_shown(), pk=number, unit=unit, period=period)


@login_required
def edit_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, write=True)
    owners = queries.owner_candidates(item.unit)
    form = EditItemForm(request.POST or None, initial=_initial(item), owners=owners)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        if _applied(form, actions.update_item, acting_user(request), item, **changes):
            messages.success(request, _("Butir tindak lanjut disimpan."))
            return redirect(plan_url(item.unit, item.period))
    return _edit_page(request, item, form=form)


@login_required
@require_POST
def upload_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    form = EvidenceForm(request.POST, request.FILES)
    done = _("Berkas bukti disimpan.")
    return _apply_form(
        request, pk, form, actions.attach_evidence, "evidence", slot="evidence_form", done=done
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    form = CancelForm(request.POST)
    done = _("Butir tindak lanjut dibatalkan.")
    return _apply_form(request, pk, form, actions.cancel_item, "reason", slot="cancel_form", done=done)


@login_required
@require_GET
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    item = _item(request, pk, write=False)
    return evidence_files.download(item.evidence)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = Submission.objects.text_shown().select_related("unit", "period")  # no answer to a hidden text
    submission = get_object_or_404(found, pk=pk)
    access_for(request.user).require_write(submission.unit)
    form = AnswerForm(request.POST)
    if form.is_valid() and _applied(
        form, actions.answer_feedback, acting_user(request), submission, form.cleaned_data["text"]
    ):
        messages.success(request, _("Jawaban untuk kiriman #%(pk)s disimpan.") % {"pk": pk})
    else:
        messages.error(request, _("Jawaban belum disimpan: %(e)s") % {"e": " ".join(_errors(form))})
    return redirect(plan_url(submission.unit, submission.period, f"#masukan-{pk}"))


@login_required
@require_GET
def region(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    # The regional overview is for those who supervise units, not for a unit's own operator.
    if not access.may(Use.OVERVIEW):
        raise Http404
    period, units = _period(request), access.units()
    context: dict[str, Any] = {
        "period": period,
        "periods": Period.objects.all(),
        "today": timezone.localdate(),
    }
    if period is not None:
        overdue = queries.overdue_items(units, period)
        context |= {
            "overdue": Paginator(overdue, OVERDUE_PER_PAGE).get_page(request.GET.get("halaman")),
            "rows": queries.scope_rows(units, period),
        }
    return render(request, "followup/region.html", context)


# --- helpers ---------------------------------------------------------------------------------------------


def _item(request: HttpRequest, pk: int, *, write: bool) -> FollowUpItem:
    item = get_object_or_404(FollowUpItem.objects.select_related("unit", "period", "submission"), pk=pk)
    access = access_for(request.user)
    (access.require_write if write else access.require_view)(item.unit)
    return item


def _edit_page(request: HttpRequest, item: FollowUpItem, **forms: Form) -> HttpResponse:
    owners = queries.owner_candidates(item.unit)
    context = {
        "item": item,
        "form": forms.get("form") or EditItemForm(initial=_initial(item), owners=owners),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
    }
    return render(request, "followup/item_edit.html", context)


def _apply_form(
    request: HttpRequest, pk: int, form: Form, run: Any, value: str, *, slot: str, done: str
) -> HttpResponse:
    """A form of the item's edit page, posted: `run` gets the item and the form's `value`; then back to the
    plan with `done`, or the edit page again with the form (and its errors) in `slot`."""
    item = _item(request, pk, write=True)
    if form.is_valid() and _applied(form, run, acting_user(request), item, form.cleaned_data[value]):
        messages.success(request, done)
        return redirect(plan_url(item.unit, item.period))
    return _edit_page(request, item, **{slot: form})


def _initial(item: FollowUpItem) -> dict[str, Any]:
    fields = ["status", "action", "owner", "owner_user", "deadline", "notes", "public"]
    return {field: getattr(item, field) for field in fields}


def _applied(form: Form, run: Any, /, *args: Any, **kwargs: Any) -> bool:
    """Run the action; its refusals come back as form errors (on the field they name, if the form has it)."""
    try:
        run(*args, **kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


def _errors(form: Form) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


def _no_period() -> Period:
    raise Http404
