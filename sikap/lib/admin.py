"""Admin screens whose deletes go through actions: a refusal is a message on the page, never an error page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


class RefusalsAsMessages(admin.ModelAdmin):
    """An action's refusal (a `ValidationError` from a delete or a bulk action) rolls the change back and
    comes back to the list as an error message naming what was refused."""

    def _refused(self, request: HttpRequest, error: ValidationError) -> HttpResponse:
        self.message_user(request, " ".join(error.messages), messages.ERROR)
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            return self._refused(request, error)

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        try:
            return super().changelist_view(request, extra_context)
        except ValidationError as error:
            return self._refused(request, error)
