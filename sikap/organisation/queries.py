"""Reads of the organisation for pages, with their joins and counts in one place."""

from __future__ import annotations

from django.db.models import Count, Q

from sikap.accounts.access import Access
from sikap.organisation.models import Service, ServiceQuerySet, Unit, UnitQuerySet


def visible_children(access: Access, unit: Unit) -> UnitQuerySet:
    """The direct children of a unit with their service counts for the current year."""
    return (
        access.units()
        .filter(parent=unit)
        .annotate(n_children=Count("children", distinct=True), n_services=Count("services", distinct=True))
        .order_by("kind", "name")
    )


def top_units_with_counts(access: Access) -> UnitQuerySet:
    ids = [u.pk for u in access.top_units()]
    return (
        Unit.objects.filter(pk__in=ids)
        .annotate(n_children=Count("children", distinct=True), n_services=Count("services", distinct=True))
        .order_by("path")
    )


def catalogue(unit: Unit, year: int | None) -> ServiceQuerySet:
    """A unit's services for a year, with their latest user counts prefetched."""
    services = Service.objects.filter(unit=unit).prefetch_related("user_counts__period")
    if year is not None:
        services = services.filter(year=year)
    return services.order_by("category", "name", "channel")


def catalogue_years(unit: Unit) -> list[int]:
    return list(unit.services.values_list("year", flat=True).distinct().order_by("-year"))


def search_units(access: Access, term: str) -> UnitQuerySet:
    return access.units().filter(Q(name__icontains=term) | Q(code__icontains=term)).order_by("path")[:50]
