"""Fetch a lokus (or its evidence, clarification) and check the user's reach on it in one call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from sikap.accounts.access import Access, LokusReach, access_for
from sikap.pekppp.models import Lokus

Check = Callable[[Access, Lokus], LokusReach]


def lokus_for(request: HttpRequest, pk: int, check: Check | None = None) -> tuple[Lokus, LokusReach]:
    """The lokus and the user's reach on it; 404 when it is unseen, 403 when `check` refuses."""
    lokus = get_object_or_404(Lokus.objects.select_related("unit", "cycle__framework_version"), pk=pk)
    access = access_for(request.user)
    reach = check(access, lokus) if check is not None else access.require_lokus(lokus)
    return lokus, reach


def aspect_of(lokus: Lokus, code: str) -> Any:
    """The aspect of the lokus' framework version by its code, or 404."""
    aspect = lokus.cycle.framework_version.aspects.filter(code=code).first()
    if aspect is None:
        raise Http404
    return aspect
