"""Admin screens for instruments and campaigns; every change goes through instruments.actions.

Published versions are read-only here: the admin offers "Buat draf baru" to change an instrument and
"Terbitkan" to publish a finished draft. Admins build further instruments (integrity, ILK) from the same
parts: an instrument, a draft version, its elements and its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.indices import methods
from sikap.instruments import actions
from sikap.instruments.models import (
    Campaign,
    CampaignVersion,
    Element,
    Field,
    Instrument,
    InstrumentVersion,
    PublicLink,
)
from sikap.lib.admin import RefusalsAsMessages


def _run(
    modeladmin: admin.ModelAdmin, request: HttpRequest, action: Callable[[Any, Any], Any], objects: Iterable
) -> None:
    """Run an action on each selected object, turning refusals into admin messages."""
    for obj in objects:
        try:
            action(acting_user(request), obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {'; '.join(error.messages)}", messages.ERROR)
        else:
            modeladmin.message_user(request, _("%(obj)s: selesai.") % {"obj": obj}, messages.SUCCESS)


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "method", "internal"]
    list_filter = ["method", "internal"]
    search_fields = ["code", "name"]

    def save_model(self, request: HttpRequest, obj: Instrument, form: Any, change: bool) -> None:
        actions.save_instrument(acting_user(request), obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions, and the responses to them, hang on the instrument


class DraftOnlyInline(admin.TabularInline):
    """Parts of a version: editable while the version is a draft, read-only once published."""

    extra = 0

    def _editable(self, obj: InstrumentVersion | None) -> bool:
        return obj is None or obj.status == InstrumentVersion.Status.DRAFT

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ElementInline(DraftOnlyInline):
    model = Element
    fields = [
        *("order", "code", "name", "name_en", "question", "question_en", "labels", "labels_en"),
        *("ask_importance", "allow_na", "weight"),
    ]


class FieldInline(DraftOnlyInline):
    model = Field
    fields = [
        *("section", "order", "code", "label", "label_en", "kind", "choices", "choices_en", "synonyms"),
        "required",
        *("min_value", "max_value", "bands", "breakdown", "breakdown_label", "breakdown_label_en"),
    ]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(RefusalsAsMessages):
    list_display = ["__str__", "title", "regulation", "scale_min", "scale_max", "display", "published_at"]
    list_filter = ["status", "instrument"]
    list_select_related = ["instrument"]
    inlines = [ElementInline, FieldInline]
    readonly_fields = ["number", "status", "published_at"]
    fields = [
        "instrument",
        "number",
        "status",
        "published_at",
        "title",
        "title_en",
        "regulation",
        "intro",
        "intro_en",
        "scale_min",
        "scale_max",
        "display",
        "scale_labels",
        "scale_labels_en",
        "method",
        "scoring",
    ]
    actions = ["make_new_draft", "publish", "retire"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.status != InstrumentVersion.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only drafts may go: published versions are what responses answered.
        if obj is None or obj.status != InstrumentVersion.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: InstrumentVersion, form: Any, change: bool) -> None:
        actions.save_draft(acting_user(request), obj)

    def delete_model(self, request: HttpRequest, obj: InstrumentVersion) -> None:
        actions.delete_drafts(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_drafts(acting_user(request), queryset)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "method":  # the registered index methods; empty takes the instrument's
            choices = [("", _("(metode instrumen)")), *methods.choices()]
            return forms.ChoiceField(label=db_field.verbose_name, choices=choices, required=False)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Element:
            save, delete = actions.save_element, actions.delete_element
        else:
            save, delete = actions.save_field, actions.delete_field  # type: ignore[assignment]
        parts = formset.save(commit=False)
        for part in formset.deleted_objects:
            delete(acting_user(request), part)
        for part in parts:
            save(acting_user(request), part)

    @admin.action(description=_("Buat draf baru dari versi terpilih"))
    def make_new_draft(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(self, request, actions.new_draft, queryset)

    @admin.action(description=_("Terbitkan versi terpilih"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(self, request, actions.publish_version, queryset)

    @admin.action(description=_("Hentikan pemakaian versi terpilih"))
    def retire(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(self, request, actions.retire_version, queryset)


class CampaignVersionInline(admin.TabularInline):
    model = CampaignVersion
    fields = ["order", "version"]
    extra = 0
    min_num = 1
    verbose_name = _("instrumen dalam kampanye")
    verbose_name_plural = _("instrumen dalam kampanye (urutan pada formulir)")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "version":
            kwargs["queryset"] = InstrumentVersion.objects.published().select_related("instrument")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Campaign)
class CampaignAdmin(RefusalsAsMessages):
    list_display = ["name", "period", "audience", "status", "created_at"]
    list_filter = ["status", "audience", "period"]
    search_fields = ["name"]
    fields = ["name", "period", "audience", "status", "units"]
    readonly_fields = ["status"]
    autocomplete_fields = ["units"]
    inlines = [CampaignVersionInline]
    actions = ["open_campaigns", "close_campaigns"]

    def get_queryset(self, request: HttpRequest) -> Any:
        access = access_for(request.user)
        queryset = super().get_queryset(request).select_related("period")
        if access.is_superuser:
            return queryset
        return queryset.filter(units__in=access.units()).distinct()

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "units":
            kwargs["queryset"] = access_for(request.user).writable_units()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Campaign, form: Any, change: bool) -> None:
        actions.save_campaign(acting_user(request), obj)

    def delete_model(self, request: HttpRequest, obj: Campaign) -> None:
        actions.delete_campaigns(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_campaigns(acting_user(request), queryset)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The bundle and the units are saved together by one action (which also links new units).
        rows = [
            f.cleaned_data
            for formset in formsets
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        versions = [row["version"] for row in sorted(rows, key=lambda row: row["order"])]
        units = form.cleaned_data["units"]
        actions.set_campaign_parts(acting_user(request), form.instance, versions=versions, units=units)
        for formset in formsets:
            # The admin's history message reads these, which formset.save() would have set.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.action(description=_("Buka kampanye terpilih (dan buat tautan publiknya)"))
    def open_campaigns(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(self, request, actions.open_campaign, queryset)

    @admin.action(description=_("Tutup kampanye terpilih"))
    def close_campaigns(self, request: HttpRequest, queryset: QuerySet) -> None:
        _run(self, request, actions.close_campaign, queryset)


@admin.register(PublicLink)
class PublicLinkAdmin(admin.ModelAdmin):
    """Links are made by opening a campaign; here they can only be switched off and on."""

    list_display = ["__str__", "campaign", "token", "active"]
    list_filter = ["active", "campaign"]
    list_select_related = ["campaign__period", "unit", "service"]
    search_fields = ["unit__name", "unit__code", "service__name", "token"]
    actions = ["deactivate", "activate"]

    def get_queryset(self, request: HttpRequest) -> Any:
        access = access_for(request.user)
        queryset = super().get_queryset(request)
        return queryset if access.is_superuser else queryset.filter(unit__in=access.units())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=_("Nonaktifkan tautan terpilih"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_active(request, queryset, False)

    @admin.action(description=_("Aktifkan kembali tautan terpilih"))
    def activate(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._set_active(request, queryset, True)

    def _set_active(self, request: HttpRequest, queryset: QuerySet, active: bool) -> None:
        access = access_for(request.user)
        writable = [link for link in queryset.select_related("unit") if access.can_write(link.unit)]
        _run(self, request, lambda actor, link: actions.set_link_active(actor, link, active), writable)
