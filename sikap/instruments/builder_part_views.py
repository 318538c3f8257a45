"""The builder's pages for a draft's parts (elements, profile and feedback fields, their order) and for
the English of any version, published ones included (translations change nothing that is scored)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sikap.accounts.access import Use, access_for
from sikap.audit.actors import acting_user
from sikap.instruments import actions
from sikap.instruments.builder_views import GET_POST, draft_for, refused, version_for
from sikap.instruments.forms.parts import (
    BandFormSet,
    ElementForm,
    FieldForm,
    OptionFormSet,
    band_initial,
    option_initial,
    options_and_bands,
)
from sikap.instruments.forms.translations import TranslationForm
from sikap.instruments.models import Element, Field, InstrumentVersion
from sikap.lib.inputs import parse_integer

PARTS: dict[str, type[Element] | type[Field]] = {"unsur": Element, "isian": Field}


def _part(version: InstrumentVersion, model: type[Any], part_pk: int | None) -> Any:
    """A part of this version (404 for another version's, or an unknown id), or a new one."""
    if part_pk is None:
        return model(version=version)
    found = model.objects.filter(version=version, pk=part_pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@GET_POST
def element_edit(request: HttpRequest, pk: int, part_pk: int | None = None) -> HttpResponse:
    version = draft_for(request, pk)
    if isinstance(version, HttpResponseRedirect):
        return version
    element = _part(version, Element, part_pk)
    form = ElementForm(request.POST or None, instance=element, version=version)
    if request.method == "POST" and form.is_valid():
        if element.pk is None:
            element.order = actions.next_order(version, Element)
        try:
            actions.save_element(acting_user(request), form.instance)
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, _("Unsur %(code)s tersimpan.") % {"code": element.code})
            return redirect("builder:version", pk)
    context = {"version": version, "form": form, "element": element}
    return render(request, "instruments/builder/element_form.html", context)


@login_required
@GET_POST
def field_edit(request: HttpRequest, pk: int, part_pk: int | None = None) -> HttpResponse:
    version = draft_for(request, pk)
    if isinstance(version, HttpResponseRedirect):
        return version
    spec = _part(version, Field, part_pk)
    if spec.pk is None:
        spec.section = (
            request.GET.get("bagian") if request.GET.get("bagian") in Field.Section.values else "profile"
        )
    data = _with_more_rows(request.POST) if "more" in request.POST else request.POST or None
    form = FieldForm(data, instance=spec, version=version)
    options = OptionFormSet(data, prefix="opt", initial=option_initial(spec))
    bands = BandFormSet(data, prefix="band", initial=band_initial(spec))
    if (
        request.method == "POST"
        and "more" not in request.POST
        and _field_saved(request, form, options, bands)
    ):
        messages.success(request, _("Isian %(code)s tersimpan.") % {"code": form.instance.code})
        return redirect("builder:version", pk)
    context = {"version": version, "form": form, "options": options, "bands": bands, "spec": spec}
    return render(request, "instruments/builder/field_form.html", context)


def _field_saved(request: HttpRequest, form: FieldForm, options: Any, bands: Any) -> bool:
    valid = [form.is_valid(), options.is_valid(), bands.is_valid()]
    found = options_and_bands(form, options, bands) if all(valid) else None
    if found is None:
        return False
    for name, value in found.items():
        setattr(form.instance, name, value)
    if form.instance.pk is None:
        form.instance.order = actions.next_order(form.instance.version, Field, section=form.instance.section)
    try:
        actions.save_field(acting_user(request), form.instance)
    except ValidationError as error:
        refused(form, error)
        return False
    return True


def _with_more_rows(post: QueryDict) -> QueryDict:
    """The posted form with two more blank rows of the list whose "more" button was pressed."""
    data = post.copy()
    prefix = "band" if post.get("more") == "band" else "opt"
    total = data.get(f"{prefix}-TOTAL_FORMS", "")
    number = parse_integer(total.strip())
    if number is not None and number >= 0:
        data[f"{prefix}-TOTAL_FORMS"] = str(min(number + 2, 60))
    return data


@login_required
@GET_POST
def part_delete(request: HttpRequest, pk: int, kind: str, part_pk: int) -> HttpResponse:
    version = draft_for(request, pk)
    if isinstance(version, HttpResponseRedirect):
        return version
    model = PARTS.get(kind)
    if model is None:
        raise Http404
    part = _part(version, model, part_pk)
    if request.method == "POST":
        delete = actions.delete_element if model is Element else actions.delete_field
        delete(acting_user(request), part)
        messages.success(request, _("%(code)s dihapus.") % {"code": part.code})
        return redirect("builder:version", pk)
    return render(request, "instruments/builder/delete.html", {"version": version, "part": part})


@login_required
@require_POST
def part_move(request: HttpRequest, pk: int, kind: str, part_pk: int, step: str) -> HttpResponse:
    version = draft_for(request, pk)
    if isinstance(version, HttpResponseRedirect):
        return version
    model = PARTS.get(kind)
    if model is None or step not in ("naik", "turun"):
        raise Http404
    actions.move_part(acting_user(request), _part(version, model, part_pk), -1 if step == "naik" else 1)
    return redirect(f"{_version_url(pk)}#{kind}-{part_pk}")


@login_required
@GET_POST
def translate(request: HttpRequest, pk: int) -> HttpResponse:
    """The English of any version, beside its Indonesian; published versions too."""
    version = version_for(request, pk, write=request.method == "POST")
    form = TranslationForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            count = actions.translate_version(acting_user(request), version, form.changes())
        except ValidationError as error:
            refused(form, error)
        else:
            messages.success(request, _("Terjemahan tersimpan (%(n)s bagian berubah).") % {"n": count})
            return redirect("builder:version", pk)
    context = {"version": version, "form": form, "can_change": access_for(request.user).may(Use.INSTRUMENTS)}
    return render(request, "instruments/builder/translate.html", context)


def _version_url(pk: int) -> str:
    return reverse("builder:version", args=[pk])
