"""The evaluators' recommendations to a lokus unit, and their hand-over to follow-up on validation."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sikap.audit.actions import delete_recorded, record
from sikap.audit.actors import Actor, user_or_none
from sikap.followup.actions import create_recommended_item
from sikap.pekppp.models import Indicator, Lokus, Recommendation


@transaction.atomic
def add_recommendation(
    actor: Actor,
    lokus: Lokus,
    text: str,
    deadline: datetime.date,
    *,
    aspect: str = "",
    indicator: Indicator | None = None,
) -> Recommendation:
    """A recommendation to the lokus unit (owner: the unit), refused once the lokus is validated."""
    lokus = Lokus.objects.select_for_update().select_related("cycle", "unit").get(pk=lokus.pk)
    if lokus.stage == Lokus.Stage.VALIDATED:
        raise ValidationError(_("Evaluasi unit ini sudah divalidasi; rekomendasi tidak dapat ditambah."))
    if not text.strip():
        raise ValidationError(_("Isi rekomendasi tidak boleh kosong."))
    codes = set(lokus.cycle.framework_version.aspects.values_list("code", flat=True))
    if aspect and aspect not in codes:
        raise ValidationError(_("Aspek %(code)s tidak dikenal.") % {"code": aspect})
    if indicator is not None and indicator.version_id != lokus.cycle.framework_version_id:
        raise ValidationError(_("Indikator ini tidak dinilai pada unit ini."))
    found = Recommendation.objects.create(
        lokus=lokus,
        text=text.strip(),
        aspect=aspect or (indicator.aspect.code if indicator else ""),
        indicator=indicator,
        owner_unit=lokus.unit,
        deadline=deadline,
        created_by=user_or_none(actor),
    )
    record(actor, "pekppp.recommendation.add", found, after={"text": found.text, "deadline": str(deadline)})
    return found


@transaction.atomic
def delete_recommendation(actor: Actor, recommendation: Recommendation) -> None:
    if recommendation.lokus.stage == Lokus.Stage.VALIDATED:
        raise ValidationError(_("Evaluasi unit ini sudah divalidasi; rekomendasi tidak dapat dihapus."))
    delete_recorded(actor, "pekppp.recommendation.delete", [recommendation], lambda r: {"text": r.text})


def recommendations_to_followup(actor: Actor, lokus: Lokus) -> list[Recommendation]:
    """Each recommendation without a follow-up item gets one (owner: its unit; the cycle's period).
    Called by `validate` inside its transaction."""
    made = []
    for found in Recommendation.objects.filter(lokus=lokus, followup_item__isnull=True).select_related(
        "owner_unit", "indicator"
    ):
        where = f" ({_('indikator')} {found.indicator.number})" if found.indicator else ""
        found.followup_item = create_recommended_item(
            actor,
            found.owner_unit,
            lokus.cycle.period,
            action=found.text,
            deadline=found.deadline,
            notes=_("Rekomendasi evaluasi PEKPPP %(year)s%(where)s")
            % {"year": lokus.cycle.year, "where": where},
        )
        found.save(update_fields=["followup_item"])
        made.append(found)
    return made
