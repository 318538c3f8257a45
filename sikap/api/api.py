"""The read-only JSON API under /api/v1/, scoped exactly like the pages (see sikap.api.auth).

Indices come from the same `unit_index` and `as_json` as `sikap indices --json`, so the numbers agree;
the league is the league page's `league`, with every unit of the scope pooled over its subtree.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, Throttled

from sikap.accounts.access import Access, access_for
from sikap.api.auth import NOT_FOUND, UNAUTHORIZED, ApiError, TokenAuth, error_response
from sikap.api.throttle import TokenRateThrottle, too_many_response
from sikap.indices import queries
from sikap.indices.queries import UnitIndex, indices_json, unit_index, unit_indices, version_for
from sikap.indices.read import Nested
from sikap.instruments.models import DEFAULT_INSTRUMENT, InstrumentVersion
from sikap.organisation.models import Period, Unit

api = NinjaAPI(
    title="Sikap API",
    version="1.0.0",
    description=(
        "API baca-saja Sikap: periode, unit dan indeks (IKM, IPKP, IPAK) dalam cakupan pemilik token. "
        "Read-only Sikap API: periods, units and indices within the token owner's scope. "
        "Authenticate with 'Authorization: Bearer <token>'."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    # The interactive docs would load Swagger UI from a CDN unless ninja's static files were installed;
    # the house rule is no CDN at run time, and the schema is what integrations need.
    docs_url=None,
    auth=TokenAuth(),
    throttle=TokenRateThrottle(),
)


class ErrorOut(Schema):
    detail: str
    detail_en: str


class PeriodOut(Schema):
    name: str
    kind: str
    start: datetime.date
    end: datetime.date


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None
    depth: int
    active: bool


class IndexOut(Schema):
    """The documented shape of `sikap indices --json`."""

    unit: str
    period: str
    instrument: str
    respondents: int
    elements: dict[str, float]
    index: float | None
    score: float | None
    grade: str
    ci95: list[float] | None
    target: int
    attained: int
    # "representative", "on_track" or "behind": the one decision of `sikap.indices.progress.status_of`.
    status: str
    # A roll-up's units below it with a target, and how many of them met their own (a leaf: 0 or 1).
    units_met: int
    units_total: int
    # Internal instruments only (ILK, integrity), as `sikap indices --json`: absent for public ones.
    # Under k (5, or the campaign's larger k) "score" is null and "suppressed" true.
    suppressed: bool | None = None
    k: int | None = None
    left_out: int | None = None
    profile: str | None = None
    method: str | None = None
    headcount: int | None = None
    parts: dict[str, dict[str, float | None]] | None = None
    weakest: list[str] | None = None
    covered_headcount: int | None = None
    coverage: float | None = None
    pooled: dict[str, Any] | None = None
    plain_mean: dict[str, Any] | None = None
    strata: int | None = None
    flagged: list[str] | None = None
    # Internal instruments: the campaign's invitations behind "attained" (answered) and "target".
    invited: int | None = None


ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 429: ErrorOut}


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return error_response(error)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return error_response(UNAUTHORIZED)


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    return too_many_response(error.wait)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return error_response(NOT_FOUND)


def _access(request: HttpRequest) -> Access:
    return access_for(request.auth)  # type: ignore[attr-defined]


def _visible_unit(access: Access, code: str) -> Unit:
    """The unit with `code` if the token's user may see it; 404 alike for unknown and out of scope."""
    unit = Unit.objects.select_related("parent").filter(code=code).first()
    if unit is None:
        raise ApiError(404, f"Unit tidak ditemukan: {code}", f"Unit not found: {code}")
    try:
        return access.require_view(unit)
    except Http404:
        raise ApiError(404, f"Unit tidak ditemukan: {code}", f"Unit not found: {code}") from None


def _period(name: str) -> Period:
    period = Period.objects.filter(name=name).first()
    if period is None:
        raise ApiError(404, f"Periode tidak dikenal: {name}", f"Unknown period: {name}")
    return period


def _version(code: str, period: Period) -> InstrumentVersion:
    version = version_for(code.upper(), period)
    if version is None:
        raise ApiError(404, f"Instrumen tidak dikenal: {code}", f"Unknown instrument: {code}")
    return version


def _unit_out(unit: Unit) -> dict[str, Any]:
    parent = unit.parent.code if unit.parent_id and unit.parent else None
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": parent,
        "depth": unit.depth,
        "active": unit.active,
    }


@api.get("/periods", response={200: list[PeriodOut], 401: ErrorOut, 429: ErrorOut}, tags=["periode"])
def periods(request: HttpRequest) -> list[dict[str, Any]]:
    """Semua periode, terbaru dulu (all periods, newest first)."""
    rows = Period.objects.order_by("-start", "name").values("name", "kind", "start", "end")
    return [dict(row) for row in rows]


@api.get("/units", response={200: list[UnitOut], **ERRORS}, tags=["unit"])
def units(request: HttpRequest, parent: str | None = None) -> list[dict[str, Any]]:
    """Unit yang terlihat oleh pemilik token; dengan `parent`: anak langsung unit itu.

    Units the token's user may see, in tree order; with `parent`, that unit's direct children.
    """
    access = _access(request)
    queryset = access.units().select_related("parent").order_by("path")
    if parent:
        queryset = queryset.filter(parent=_visible_unit(access, parent))
    return [_unit_out(unit) for unit in queryset]


@api.get("/units/{code}", response={200: UnitOut, **ERRORS}, tags=["unit"])
def unit_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    """Satu unit (one unit); 404 bila di luar cakupan (404 when outside the scope)."""
    return _unit_out(_visible_unit(_access(request), code))


# exclude_unset: a public index keeps exactly its documented fields; an internal one adds its own.
@api.get("/indices", response={200: IndexOut | list[IndexOut], **ERRORS}, tags=["indeks"], exclude_unset=True)
def indices(
    request: HttpRequest,
    period: str,
    unit: str | None = None,
    instrument: str = DEFAULT_INSTRUMENT,
    subtree: bool = False,
    with_suspect: bool = False,
) -> Any:
    """Indeks satu unit, sama dengan `sikap indices --json` (the same object as the command).

    With `unit`: one object for that unit (`subtree=true` pools the units below it, as `--subtree`).
    Without `unit`: a list, one object per top unit of the token's scope, each pooled over its subtree.
    """
    access = _access(request)
    the_period = _period(period)
    version = _version(instrument, the_period)
    if unit:
        item = unit_index(
            _visible_unit(access, unit), the_period, version, subtree=subtree, with_suspect=with_suspect
        )
        return indices_json([item], the_period, version, subtree=subtree, with_suspect=with_suspect)[0]
    items = unit_indices(access.top_units(), the_period, version, subtree=True, with_suspect=with_suspect)
    return indices_json(items, the_period, version, subtree=True, with_suspect=with_suspect)


@api.get("/indices/league", response={200: list[IndexOut], **ERRORS}, tags=["indeks"], exclude_unset=True)
def league(
    request: HttpRequest,
    period: str,
    instrument: str = DEFAULT_INSTRUMENT,
    with_suspect: bool = False,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """Semua unit aktif dalam cakupan, masing-masing digabung dengan unit di bawahnya, nilai tertinggi dulu.

    Every active unit in scope, each pooled over its subtree, best score first (no score last; ties by
    name, as the league page sorts); `kind` (e.g. `kanwil`) keeps only units of that kind.
    """
    access = _access(request)
    the_period = _period(period)
    version = _version(instrument, the_period)
    reach = list(access.units().only("pk", "path", "code", "name", "kind", "active", "parent_id"))
    groups = [u for u in reach if u.active and (not kind or u.kind == kind)]
    rows = queries.league(
        {u.pk: u for u in groups},
        Nested.subtrees(groups, reach),
        the_period,
        version,
        today=timezone.localdate(),
        with_suspect=with_suspect,
        unit_filter=access.units().values("pk"),
        everyone=True,
        intervals=True,
    )
    items = [UnitIndex(row.unit, row.result_or_empty, row.progress) for row in rows]
    return indices_json(items, the_period, version, subtree=True, with_suspect=with_suspect)
