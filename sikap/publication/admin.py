"""Publications in the admin: read-only, since every step of the workflow goes through publication.actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sikap.organisation.admin import ScopedAdmin
from sikap.publication.models import Publication

FIELDS = (
    "unit",
    "period",
    "status",
    "proposed_at",
    "proposed_by",
    "proposal_note",
    "returned_at",
    "returned_by",
    "return_reason",
    "published_at",
    "published_by",
    "unpublished_at",
    "unpublished_by",
    "note",
)


@admin.register(Publication)
class PublicationAdmin(ScopedAdmin):
    list_display = ["unit", "period", "status", "is_live", "proposed_at", "published_at", "unpublished_at"]
    list_filter = ["status", "period"]
    search_fields = ["unit__name", "unit__code", "note", "return_reason", "proposal_note"]
    list_select_related = ["unit", "period", "published_by"]
    fields = FIELDS
    readonly_fields = FIELDS

    @admin.display(boolean=True, description=_("terbit"))
    def is_live(self, obj: Publication) -> bool:
        return obj.is_live

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # /hasil/kelola/<unit>/ proposes and /hasil/persetujuan/ approves, through the actions

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
