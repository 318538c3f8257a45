"""Kiosk test set-up: an open survey, a paired tablet, and answers as the tablet keeps them."""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from sikap.kiosk import actions
from sikap.kiosk.models import KioskDevice
from sikap.responses.tests.public_fixtures import Survey, answers, open_survey


@dataclass
class Tablet:
    survey: Survey
    device: KioskDevice
    credential: str

    def post(self, client: Any, body: Any, *, credential: str | None = None) -> Any:
        raw = body if isinstance(body, bytes | str) else json.dumps(body)
        return client.post(
            reverse("kiosk:batch"),
            raw,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.credential if credential is None else credential}",
        )


def paired_tablet(world: Any, *, service_link: bool = True) -> Tablet:
    survey = open_survey(world)
    link = survey.service_link if service_link else survey.unit_link
    device, code = actions.register(world.operator, link, "Loket 1")
    # Registered a day ago, so that answers of the last hours are after its registration.
    KioskDevice.objects.filter(pk=device.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))
    _device, credential = actions.pair(code)
    device.refresh_from_db()
    return Tablet(survey, device, credential)


def item(
    survey: Survey,
    *,
    minutes_ago: int = 5,
    seconds_taken: int = 120,
    key: str | None = None,
    **fields: str,
) -> dict[str, Any]:
    """One answer as kiosk-app.js keeps it: given `minutes_ago`, started `seconds_taken` before that."""
    answered = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    data = answers(survey.campaign)
    data.update(age="34", sex="Perempuan", education="D4/S1", occupation="Swasta")
    data.update(fields)
    return {
        "key": key or str(uuid.uuid4()),
        "answered_at": answered.isoformat(),
        "started_at": (answered - datetime.timedelta(seconds=seconds_taken)).isoformat(),
        "language": "id",
        "fields": {k: v for k, v in data.items() if v != ""},
    }
