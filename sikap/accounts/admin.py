"""Admin screens for users and memberships; role changes go through accounts.actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest

from sikap.accounts import actions
from sikap.accounts.models import Membership, User
from sikap.audit.actions import record, snapshot


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(User.objects.get(pk=obj.pk), actions.USER_FIELDS) if change else None
        super().save_model(request, obj, form, change)
        record(
            request.user,
            "user.update" if change else "user.create",
            obj,
            before=before,
            after=snapshot(obj, actions.USER_FIELDS),
        )

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            if not inline_form.has_changed() or not getattr(inline_form, "cleaned_data", None):
                continue
            data = inline_form.cleaned_data
            if data.get("DELETE") and data.get("id"):
                actions.revoke_role(request.user, data["id"])
            elif not data.get("id"):
                actions.grant_role(request.user, form.instance, data["unit"], data["role"])
            else:
                old = data["id"]
                actions.revoke_role(request.user, old)
                actions.grant_role(request.user, form.instance, data["unit"], data["role"])


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            actions.revoke_role(request.user, Membership.objects.get(pk=obj.pk))
        saved = actions.grant_role(request.user, obj.user, obj.unit, obj.role)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        actions.revoke_role(request.user, obj)
