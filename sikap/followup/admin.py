"""Admin screens for follow-up plans and answers; every save goes through followup.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sikap.accounts.access import access_for
from sikap.audit.actors import acting_user
from sikap.followup import actions, queries
from sikap.followup.models import FeedbackReply, FollowUpItem
from sikap.organisation.admin import ScopedAdmin

Status = FollowUpItem.Status

# The item's fields in the admin, in order; the form edits those that are not read-only.
FIELDS = (
    "unit",
    "period",
    "element_code",
    "element_name",
    "element_mean",
    "submission",
    "action",
    "owner",
    "owner_user",
    "deadline",
    "status",
    "evidence",
    "notes",
    "public",
    "cancel_reason",
    "created_at",
    "started_at",
    "completed_at",
)
READONLY = ("element_name", "element_mean", "created_at", "started_at", "completed_at")


class ItemAdminForm(forms.ModelForm):
    """Checks what the actions would refuse, so the admin shows a message instead of an error page."""

    class Meta:
        model = FollowUpItem
        fields = [f for f in FIELDS if f not in READONLY]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if self.instance.pk is None:
            if status not in (None, Status.PLANNED):
                raise ValidationError(
                    _("Butir baru selalu berstatus Direncanakan; ubah statusnya sesudah disimpan.")
                )
            unit, period, code = data.get("unit"), data.get("period"), data.get("element_code")
            if unit and period and not data.get("submission"):
                codes = {e.code for e in queries.skm_elements(unit, period)}
                if code not in codes:
                    self.add_error(
                        "element_code", _("Unsur ini tidak ada pada hasil SKM unit dan periode ini.")
                    )
        elif status == Status.CANCELLED and self.instance.status != Status.CANCELLED:
            if not (data.get("cancel_reason") or "").strip():
                self.add_error("cancel_reason", _("Tuliskan alasan pembatalan."))
        elif status != self.instance.status and status not in actions.TRANSITIONS[self.instance.status]:
            self.add_error("status", _("Perubahan status ini tidak diperbolehkan."))
        return data


@admin.register(FollowUpItem)
class FollowUpItemAdmin(ScopedAdmin):
    form = ItemAdminForm
    list_display = ["topic", "unit", "period", "status", "deadline", "owner", "completed_at"]
    list_filter = ["status", "source", "period"]
    search_fields = ["unit__name", "unit__code", "element_name", "action", "owner"]
    list_select_related = ["unit", "period"]
    raw_id_fields = ["submission", "owner_user"]
    readonly_fields = READONLY
    fields = FIELDS

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "unit":
            kwargs["queryset"] = access_for(request.user).writable_units()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fixed = ["unit", "period", "element_code", "submission"] if obj is not None else []
        return [*fixed, *self.readonly_fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an item is cancelled with a reason, never deleted

    def save_model(self, request: HttpRequest, obj: FollowUpItem, form: Any, change: bool) -> None:
        access_for(request.user).require_write(obj.unit)
        data, changed = form.cleaned_data, set(form.changed_data)
        if not change:
            saved = actions.create_item(
                acting_user(request),
                obj.unit,
                obj.period,
                action=obj.action,
                deadline=obj.deadline,
                element_code=obj.element_code,
                submission=obj.submission,
                owner=obj.owner,
                owner_user=obj.owner_user,
                notes=obj.notes,
                public=obj.public,
            )
        elif data.get("status") == Status.CANCELLED and "status" in changed:
            saved = actions.cancel_item(acting_user(request), obj, data["cancel_reason"])
        else:
            edits = {f: data[f] for f in changed & actions.EDITABLE}
            saved = actions.update_item(acting_user(request), obj, **edits) if edits else obj
        if "evidence" in changed and data.get("evidence"):
            saved = actions.attach_evidence(acting_user(request), saved, data["evidence"])
        obj.pk = saved.pk


@admin.register(FeedbackReply)
class FeedbackReplyAdmin(ScopedAdmin):
    unit_lookup = "submission__unit"
    list_display = ["submission", "answered_by", "answered_at"]
    list_select_related = ["submission__unit", "answered_by"]
    raw_id_fields = ["submission"]
    fields = ["submission", "text", "answered_by", "answered_at"]
    readonly_fields = ["answered_by", "answered_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["submission", *self.readonly_fields] if obj is not None else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: FeedbackReply, form: Any, change: bool) -> None:
        access_for(request.user).require_write(obj.submission.unit)
        saved = actions.answer_feedback(acting_user(request), obj.submission, obj.text)
        obj.pk = saved.pk
