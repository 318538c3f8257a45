"""Admin: submissions and service codes to look at, never to edit (changes go through the actions)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sikap.responses.models import ServiceCode, Submission


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by staff with the view permission; adding, changing and deleting happen elsewhere."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["id", "created_at", "answered_on", "unit", "period", "channel", "status", "verified"]
    list_filter = ["status", "channel", "verified", "period"]
    list_select_related = ["unit", "period"]
    search_fields = ["unit__code", "unit__name"]
    date_hierarchy = "created_at"
    exclude = ["device_hash", "network_hash"]
    show_full_result_count = False


@admin.register(ServiceCode)
class ServiceCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "unit", "period", "issued_at", "issued_by", "used_by"]
    list_filter = ["period"]
    list_select_related = ["unit", "period", "issued_by", "used_by"]
    search_fields = ["code", "unit__code"]
