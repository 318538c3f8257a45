"""Shared set-up for the public form tests: an open campaign for today, and a valid filled-in form."""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import trans_real

from sikap.instruments.models import Campaign, InstrumentVersion, PublicLink
from sikap.instruments.queries import campaign_versions
from sikap.organisation.models import Service
from sikap.responses.forms_public import sign_start
from sikap.responses.validation import answer_name
from sikap.testing.factories import make_campaign, make_period, make_service


@dataclass
class Survey:
    campaign: Campaign
    unit_link: PublicLink  # the whole unit: the respondent picks a service
    service_link: PublicLink  # one service, fixed
    service: Service
    other_service: Service  # in another unit's catalogue


def open_survey(world, *, start_days: int = -30, end_days: int = 30, name: str = "Periode uji") -> Survey:
    today = timezone.localdate()
    period = make_period(
        name,
        start=today + datetime.timedelta(days=start_days),
        end=today + datetime.timedelta(days=end_days),
    )
    # A link's catalogue is the unit's services of the period's (start) year.
    service = make_service(world.division, name="Permohonan Merek", year=period.start.year)
    other = make_service(world.other_division, name="Permohonan Paten", year=period.start.year)
    campaign = make_campaign([world.division], period)
    links = PublicLink.objects.filter(campaign=campaign)
    return Survey(
        campaign,
        links.get(service__isnull=True),
        links.get(service=service),
        service,
        other,
    )


def form_url(link: PublicLink) -> str:
    return reverse("public_form", args=[link.token])


def thanks_url(link: PublicLink) -> str:
    return reverse("public_thanks", args=[link.token])


def answers(campaign: Campaign) -> dict[str, str]:
    """A valid answer to every element, varied so no straight-lining rule fires."""
    data: dict[str, str] = {}
    for version in campaign_versions(campaign):
        for n, element in enumerate(version.elements.all()):
            data[answer_name(version, element)] = str(version.scale_max - n % 2)
    return data


def valid_form(survey: Survey, link: PublicLink | None = None, *, seconds_ago: int = 60) -> dict[str, str]:
    """What a browser sends after a respondent filled in the form `seconds_ago` seconds after loading it."""
    link = link or survey.unit_link
    data = answers(survey.campaign)
    data.update(
        key="5f0c6c2e-1d9a-4c57-9a1e-3f3b1a2b7c10",
        start=sign_start(link.token, timezone.now() - datetime.timedelta(seconds=seconds_ago)),
        age="34",
        sex="Perempuan",
        education="D4/S1",
        occupation="Swasta",
        suggestion="Antrean bisa lebih tertib.",
    )
    if link.service is None:
        data["service"] = str(survey.service.pk)
    return data


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden input {name}"
    return match.group(1)


def standard_versions() -> list[InstrumentVersion]:
    return [
        InstrumentVersion.objects.published().get(instrument__code=code, number=1)
        for code in ("SKM", "SPKP", "SPAK")
    ]


# Stand-in English translations until locale/en is written: they prove the page's texts go through gettext.
ENGLISH = {
    "Kirim penilaian": "Send your rating",
    "Tentang Saudara": "About you",
    "Pelindungan data pribadi": "Personal data protection",
    "Pilih salah satu jawaban.": "Choose one answer.",
    "Pilih layanan yang Saudara terima.": "Choose the service you received.",
    "Mohon periksa kembali isian berikut": "Please check the following",
    "Wajib diisi.": "Required.",
}


@contextlib.contextmanager
def english_catalog() -> Iterator[dict[str, str]]:
    catalog = trans_real.translation("en")._catalog
    saved = {msgid: catalog.get(msgid) for msgid in ENGLISH}
    for msgid, text in ENGLISH.items():
        catalog[msgid] = text
    try:
        yield ENGLISH
    finally:
        for msgid, text in saved.items():
            if text is None:
                catalog._catalogs[0].pop(msgid, None)
            else:
                catalog[msgid] = text
