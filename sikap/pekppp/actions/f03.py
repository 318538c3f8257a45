"""F-03 answers entered from a file: stored as real submissions of the cycle's F-03 campaign (channel
"import"), so tallies, the unit's index page and exports count them like answers from the QR code."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.audit.actors import Actor
from sikap.instruments.models import InstrumentVersion
from sikap.pekppp.models import Lokus
from sikap.responses.actions import Visit, submit_many
from sikap.responses.models import Submission
from sikap.responses.validation import Cleaned


def campaign_version(lokus: Lokus) -> InstrumentVersion:
    """The F-03 version the lokus' campaign runs."""
    campaign = lokus.cycle.campaign
    if campaign is None:
        raise ValidationError(_("Siklus ini belum memiliki kampanye F-03."))
    versions = campaign.ordered_versions()
    if not versions:
        raise ValidationError(_("Kampanye F-03 siklus ini tidak memuat instrumen."))
    return versions[0]


def import_f03(actor: Actor, lokus: Lokus, rows: Sequence[Mapping[str, int | None]]) -> list[Submission]:
    """Store one submission per row ({item code: 0-5, or None for not answered}), all at once."""
    campaign = lokus.cycle.campaign
    version = campaign_version(lokus)
    elements = {e.code: e.pk for e in version.elements.all()}
    period = lokus.cycle.period
    day = min(max(timezone.localdate(), period.start), period.end)
    items = []
    for row in rows:
        answers: dict[int, tuple[int | None, int | None]] = {
            elements[code]: (value, None) for code, value in row.items() if value is not None
        }
        visit = Visit(
            campaign=campaign,  # type: ignore[arg-type]
            unit=lokus.unit,
            key=uuid.uuid4(),
            channel=Submission.Channel.IMPORT,
            answered_on=day,
        )
        items.append((visit, Cleaned(answers={version.pk: answers})))
    return submit_many(actor, items)
