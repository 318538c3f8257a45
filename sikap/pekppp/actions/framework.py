"""Changing the framework as data: weights of a draft version (refused unless siblings sum to 100 %),
publishing it (immutable from then on), and a new draft copied from a version."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actions import record
from sikap.audit.actors import Actor
from sikap.pekppp.models import Aspect, FrameworkVersion, Indicator


def _weights(version: FrameworkVersion) -> dict[str, Any]:
    return {
        "aspects": {a.code: str(a.weight) for a in version.aspects.all()},
        "indicators": {i.code: str(i.weight) for i in version.indicators.all()},
        "f02_share": str(version.f02_share),
        "f03_share": str(version.f03_share),
    }


@transaction.atomic
def set_weights(
    actor: Actor,
    version: FrameworkVersion,
    *,
    aspects: Mapping[str, Decimal] | None = None,
    indicators: Mapping[str, Decimal] | None = None,
    reason: str = "",
) -> FrameworkVersion:
    """Set aspect weights (by code) and indicator weights (by code) of a draft version together; refused,
    with every sum that misses, unless siblings then sum to exactly 100 %."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError(
            _("Versi kerangka PEKPPP yang sudah terbit tidak dapat diubah; buat draf baru.")
        )
    before = _weights(version)
    for code, weight in (aspects or {}).items():
        Aspect.objects.filter(version=version, code=code).update(weight=Decimal(weight))
    for code, weight in (indicators or {}).items():
        Indicator.objects.filter(version=version, code=code).update(weight=Decimal(weight))
    version.clean()  # raises with every sibling set that misses 100 %; the transaction rolls back
    for variant in (Indicator.Variant.COUNTER, Indicator.Variant.ONLINE):
        version.scoring_framework(variant)
    record(actor, "pekppp.framework.weights", version, before=before, after=_weights(version), reason=reason)
    return version


@transaction.atomic
def publish_version(actor: Actor, version: FrameworkVersion) -> FrameworkVersion:
    """Publish a draft after checking its weights; from then on it never changes."""
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        return version
    for variant in (Indicator.Variant.COUNTER, Indicator.Variant.ONLINE):
        version.scoring_framework(variant)
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save()
    record(actor, "pekppp.framework.publish", version, after={"number": version.number})
    return version


@transaction.atomic
def new_draft(
    actor: Actor, source: FrameworkVersion, *, title: str = "", regime: str = ""
) -> FrameworkVersion:
    """A draft copy of a version (aspects, indicators, F-03 items), numbered after the newest."""
    number = (
        FrameworkVersion.objects.filter(framework=source.framework).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    draft = FrameworkVersion.objects.create(
        framework=source.framework,
        number=number,
        regime=regime or source.regime,
        title=title or source.title,
        f02_share=source.f02_share,
        f03_share=source.f03_share,
        f03_minimum=source.f03_minimum,
        f03_instrument=source.f03_instrument,
    )
    aspects = {}
    for aspect in source.aspects.all():
        old = aspect.pk
        aspect.pk, aspect.version = None, draft
        aspect.save()
        aspects[old] = aspect
    for indicator in source.indicators.all():
        indicator.pk, indicator.version, indicator.aspect = None, draft, aspects[indicator.aspect_id]
        indicator.save()
    for item in source.f03_items.all():
        item.pk, item.version = None, draft
        item.save()
    record(actor, "pekppp.framework.draft", draft, after={"number": number, "from": source.number})
    return draft


__all__ = ["new_draft", "publish_version", "set_weights"]
