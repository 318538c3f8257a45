"""What a respondent does in the browser, found the way assistive technology finds it: by role and name.

Every radio is reached as `region (instrument) > group (question legend) > radio (option label)`, so these
helpers fail when a label, legend or section heading is missing, which is the accessibility check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sikap.instruments.models import InstrumentVersion
from sikap.instruments.queries import campaign_versions
from sikap.responses.validation import answer_name

SUBMIT = "Kirim penilaian"
THANKS = "Terima kasih atas penilaian Anda"
PROFILE = {"age": "34", "sex": "Perempuan", "education": "D4/S1", "occupation": "Swasta"}
SUGGESTION = "Antrean bisa lebih tertib."


@dataclass(frozen=True)
class Choice:
    """One answer: the input name, the chosen value and where to find it on the page."""

    name: str
    value: int
    section: str  # the instrument's section heading
    question: str  # the fieldset legend's question text
    option: str  # the accessible name of the chosen radio
    position: int  # 1-based position of the chosen radio in its group
    stars: bool  # shown as stars: the radio is visually hidden and its label is the star


class RequestLog(list[str]):
    """Every URL a page asked for (attach with `page.on("request", ...)`)."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.netloc = urlsplit(base_url).netloc

    def watch(self, page: Any) -> RequestLog:
        page.on("request", lambda request: self.append(request.url))
        return self

    def foreign(self) -> list[str]:
        """The URLs on another host than the live server (data: and blob: URLs never leave the page)."""
        return [
            url
            for url in self
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).netloc != self.netloc
        ]


def choices(campaign: Any, *, low: bool = False) -> list[Choice]:
    """A valid answer to every element, alternating (top, top - 1, ...; or 1, 2, ... when `low`)."""
    result = []
    for version in campaign_versions(campaign):
        stars = version.display == InstrumentVersion.Display.STARS
        for n, element in enumerate(version.elements.all()):
            points = [p for p, _label in element.point_labels()]
            value = points[n % 2] if low else points[-1 - n % 2]
            option = dict(element.point_labels())[value]
            if stars:
                option = f"{value} dari {version.scale_max} bintang — {option}"
            result.append(
                Choice(
                    answer_name(version, element),
                    value,
                    version.title,
                    element.question,
                    option,
                    points.index(value) + 1,
                    stars,
                )
            )
    return result


def radio(page: Any, choice: Choice) -> Any:
    section = page.get_by_role("region", name=choice.section, exact=True)
    group = section.get_by_role("group", name=choice.question)
    return group.get_by_role("radio", name=choice.option, exact=True)


def choose(page: Any, choice: Choice) -> None:
    """Tap the option as a person would: a star is its label (the radio itself is visually hidden).

    Whether the tap chose the intended option is checked by assert_stored_once, which compares every
    stored answer with the choices.
    """
    target = radio(page, choice)
    if choice.stars:
        page.locator(f'label[for="{target.get_attribute("id")}"]').click()
    else:
        target.click()


def fill_answers(page: Any, answers: list[Choice]) -> None:
    for choice in answers:
        choose(page, choice)


def fill_about(page: Any, *, service: str | None) -> None:
    if service is not None:
        page.get_by_label("Layanan yang Saudara terima").select_option(label=service)
    page.get_by_role("textbox", name="Usia (tahun)").fill(PROFILE["age"])
    page.get_by_role("group", name="Jenis kelamin").get_by_role("radio", name=PROFILE["sex"]).check()
    page.get_by_role("combobox", name="Pendidikan terakhir").select_option(PROFILE["education"])
    page.get_by_role("combobox", name="Pekerjaan").select_option(PROFILE["occupation"])
    page.get_by_role("textbox", name="Saran").fill(SUGGESTION)


def fill_form(page: Any, campaign: Any, *, service: str | None) -> list[Choice]:
    answers = choices(campaign)
    fill_about(page, service=service)
    fill_answers(page, answers)
    return answers


def assert_stored_once(campaign: Any, answers: list[Choice], *, channel: str = "web") -> Any:
    """Exactly one submission, with one response per instrument and every answer as chosen."""
    from sikap.responses.models import Answer, Response, Submission

    submission = Submission.objects.get(campaign=campaign)  # raises when there are 0 or 2+
    assert Submission.objects.count() == 1
    assert Response.objects.filter(submission=submission).count() == 3
    stored = {
        f"{a.response.version.instrument.code}-{a.element.code}": a.value
        for a in Answer.objects.filter(response__submission=submission).select_related(
            "response__version__instrument", "element"
        )
    }
    assert stored == {c.name: c.value for c in answers}
    assert len(stored) == 22
    assert (submission.channel, submission.age, submission.sex) == (channel, 34, PROFILE["sex"])
    assert (submission.education, submission.occupation) == (PROFILE["education"], PROFILE["occupation"])
    assert submission.suggestion == SUGGESTION
    return submission
