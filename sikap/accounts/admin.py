"""Admin screens for users, memberships and API tokens; every save and delete goes through the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sikap.accounts import actions
from sikap.accounts.models import ApiToken, Membership, User
from sikap.audit.actors import acting_user
from sikap.lib.admin import RefusalsAsMessages

TWO_FACTOR_RESET_REASON = "diatur ulang oleh admin pusat"


def _login_through_sikap(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The admin site signs in through Sikap's own login, so a two-factor code is never skipped."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.login = _login_through_sikap  # type: ignore[method-assign]
# django-otp's own device screens would change devices outside the audited actions.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(RefusalsAsMessages, DjangoUserAdmin):
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Atur ulang verifikasi dua langkah (ponsel hilang)"))
    def reset_two_factor(self, request: HttpRequest, queryset: Any) -> None:
        try:
            actions.remove_two_factors(acting_user(request), queryset, reason=TWO_FACTOR_RESET_REASON)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return
        messages.success(request, _("Verifikasi dua langkah pengguna terpilih sudah dihapus."))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        actions.save_user(acting_user(request), obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        actions.delete_users(acting_user(request), [obj])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.delete_users(acting_user(request), queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # save(commit=False) writes nothing; it sorts the rows (and gives the admin its change message).
        actor = acting_user(request)
        memberships = formset.save(commit=False)
        actions.revoke_roles(actor, formset.deleted_objects)
        for membership, _fields in formset.changed_objects:
            actions.revoke_role(actor, Membership.objects.get(pk=membership.pk))
        for membership in memberships:
            actions.grant_role(actor, form.instance, membership.unit, membership.role)


@admin.register(Membership)
class MembershipAdmin(RefusalsAsMessages):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name", "unit__code"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        actor = acting_user(request)
        if change:
            actions.revoke_role(actor, Membership.objects.get(pk=obj.pk))
        saved = actions.grant_role(actor, obj.user, obj.unit, obj.role)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        actions.revoke_role(acting_user(request), obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        actions.revoke_roles(acting_user(request), queryset)


class IssueTokenForm(forms.ModelForm):
    days = forms.IntegerField(
        label=_("masa berlaku (hari)"),
        required=False,
        min_value=1,
        help_text=_("Kosongkan bila token berlaku sampai dicabut."),
    )

    class Meta:
        model = ApiToken
        fields = ["user", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Issuing a token here ("Terbitkan token") shows its key once; tokens are revoked, never edited."""

    list_display = ["name", "user", "key_prefix", "created_at", "last_used_at", "expires_at", "revoked"]
    list_filter = ["revoked"]
    search_fields = ["name", "user__username", "key_prefix"]
    list_select_related = ["user"]
    actions = ["revoke_selected"]
    shown_fields = ["user", "name", "key_prefix", "created_at", "last_used_at", "expires_at", "revoked"]

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = IssueTokenForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user", "name", "days"] if obj is None else self.shown_fields

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.shown_fields

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # A token carries all of its user's reach: only a superuser may issue one for someone else.
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(pk=request.user.pk or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead, so the audit trail keeps the token

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        token, raw = actions.issue_token(
            acting_user(request), obj.user, obj.name, form.cleaned_data.get("days")
        )
        obj.pk, obj.key_prefix, obj.created_at = token.pk, token.key_prefix, token.created_at
        messages.warning(
            request,
            format_html(
                "{} <code>{}</code>",
                _("Token baru, salin sekarang: kunci ini tidak akan ditampilkan lagi (copy it now):"),
                raw,
            ),
        )

    @admin.action(description=_("Cabut token terpilih"))
    def revoke_selected(self, request: HttpRequest, queryset: Any) -> None:
        actions.revoke_tokens(acting_user(request), queryset.select_related("user"))
        messages.success(request, _("Token terpilih sudah dicabut."))
