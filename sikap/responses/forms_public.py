"""The public respondent form as plain data for its template, and the small signed values it carries.

The form is built by hand rather than with django.forms: its inputs are named by instrument and element
(SKM-U1, see validation.answer_name) and a bundle has over a hundred radio buttons, so a lean structure
keeps both the page (30 KB budget) and the rendering time small. Validation lives in
validation.clean_submission; this module only adds what the public form alone has: the service choice,
the idempotency key and the signed start time. (Kiosk tablets are registered devices: sikap/kiosk.)
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from sikap.instruments.models import Element, Field, InstrumentVersion, PublicLink
from sikap.instruments.profile import english
from sikap.organisation.models import Service
from sikap.responses.validation import (
    LONG_TEXT_MAX,
    NA_CODE,
    TEXT_MAX,
    answer_name,
    importance_name,
    is_na,
    merged_fields,
)

START_SALT = "sikap.form"
SERVICE_CODE_MAX = 20
# Choice fields with more options than this become a <select>: shorter page, easier on a small screen.
RADIO_CHOICES_MAX = 3


@dataclass
class Option:
    value: str
    label: str
    checked: bool = False
    id: str = ""
    lang: str = ""  # "id" on an English page where this label has no English yet


@dataclass
class Question:
    """One element: a fieldset whose legend is the question and whose radios are the scale."""

    name: str
    number: int
    title: str
    question: str
    options: list[Option]
    error: str = ""
    importance: Question | None = None
    # "Tidak berlaku / tidak tahu": a radio of the same group, after the scale, where the element allows it.
    na: Option | None = None
    # "id" on an English page where the element's name or question has no English yet (for screen readers).
    title_lang: str = ""
    question_lang: str = ""
    # The item's number on an official paper form, where its code is one (PEKPPP's F-03: 1-12, 14, 15).
    official_number: str = ""


@dataclass
class Block:
    """One instrument of the bundle, with its title and its questions."""

    code: str
    title: str
    intro: str
    stars: bool
    scale_hint: str
    questions: list[Question]
    title_lang: str = ""
    intro_lang: str = ""
    hint_lang: str = ""


@dataclass
class Input:
    """A profile or feedback field, or the service code: one labelled control."""

    name: str
    label: str
    widget: str  # number, radio, select, text, textarea
    value: str = ""
    required: bool = False
    options: list[Option] = field(default_factory=list)
    error: str = ""
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    hint: str = ""
    # "(tidak wajib)" after the label; off where the label already says so.
    mark_optional: bool = True


@dataclass
class FormPage:
    blocks: list[Block]
    profile: list[Input]
    feedback: list[Input]
    service: Input | None
    service_code: Input
    summary: list[tuple[str, str]]  # (anchor id or "", message) for the error summary


def build_page(
    versions: Sequence[InstrumentVersion],
    services: Sequence[Service],
    data: Mapping[str, Any],
    errors: Mapping[str, str],
    *,
    ask_profile: bool = True,
) -> FormPage:
    """Everything the template shows, with what was entered and the error of each input.

    Without `ask_profile` (invited employees, whose profile comes from the roster) no profile is asked.
    """
    blocks = [_block(version, data, errors) for version in versions]
    profile: list[Input] = []
    feedback: list[Input] = []
    for spec in merged_fields(versions):
        if spec.section != Field.Section.FEEDBACK and not ask_profile:
            continue
        target = feedback if spec.section == Field.Section.FEEDBACK else profile
        target.append(_field_input(spec, data, errors))
    service = _service_input(services, data, errors) if services else None
    code = Input(
        "service_code",
        _("Kode layanan (jika ada)"),
        "text",
        value=str(data.get("service_code", ""))[:SERVICE_CODE_MAX],
        error=errors.get("service_code", ""),
        max_length=SERVICE_CODE_MAX,
        hint=_("Jika petugas memberi kode pada tanda terima layanan, tuliskan di sini."),
        mark_optional=False,
    )
    summary: list[tuple[str, str]] = []
    if "__all__" in errors:
        summary.append(("", errors["__all__"]))
    if service and service.error:
        summary.append((service.name, f"{service.label}: {service.error}"))
    for block in blocks:
        for q in block.questions:
            for item in (q, q.importance):
                if item and item.error:
                    summary.append((item.name, f"{block.code} {q.number}. {q.title}: {item.error}"))
    summary += [(i.name, f"{i.label}: {i.error}") for i in [*profile, *feedback, code] if i.error]
    return FormPage(blocks, profile, feedback, service, code, summary)


def _block(version: InstrumentVersion, data: Mapping[str, Any], errors: Mapping[str, str]) -> Block:
    stars = version.display == InstrumentVersion.Display.STARS
    questions = []
    labels: list[tuple[int, str]] = []
    label_langs: list[str] = []
    for number, element in enumerate(version.elements.all(), start=1):
        name = answer_name(version, element)
        labels = element.point_labels()
        label_langs = _point_langs(version, element)
        options = _options(name, labels, data.get(name), stars=stars, top=version.scale_max)
        for option, lang in zip(options, label_langs, strict=False):
            option.lang = lang
        question = Question(
            name,
            number,
            element.display_name(),
            element.display_question(),
            options,
            error=_answer_error(name, data, errors),
            title_lang=_untranslated(element.name_en),
            question_lang=_untranslated(element.question_en),
            official_number=element.code if element.code.isdigit() else "",
        )
        if element.allow_na:
            chosen = is_na(data.get(name))
            question.na = Option(NA_CODE, _("Tidak berlaku / tidak tahu"), chosen, f"{name}-{NA_CODE}")
        if element.ask_importance:
            imp = importance_name(version, element)
            # Importance is asked from 1 ("not important") even where the scale starts at 0.
            imp_labels = [(p, str(p)) for p, _label in labels if p >= 1]
            question.importance = Question(
                imp,
                number,
                element.display_name(),
                _("Seberapa penting unsur ini bagi Saudara? (1 = tidak penting, %(n)s = sangat penting)")
                % {"n": version.scale_max},
                _options(imp, imp_labels, data.get(imp), stars=False, top=version.scale_max),
                error=errors.get(imp, ""),
            )
        questions.append(question)
    hint = ""
    hint_lang = ""
    if stars and labels:
        hint = _("%(first)s bintang: %(low)s. %(n)s bintang: %(high)s.") % {
            "first": labels[0][0],
            "low": labels[0][1],
            "n": labels[-1][0],
            "high": labels[-1][1],
        }
        hint_lang = "id" if "id" in (label_langs[:1] + label_langs[-1:]) else ""
    return Block(
        version.instrument.code,
        version.display_title(),
        version.display_intro(),
        stars,
        hint,
        questions,
        title_lang=_untranslated(version.title_en),
        intro_lang=_untranslated(version.intro_en),
        hint_lang=hint_lang,
    )


def _untranslated(english_text: Any) -> str:
    """ "id" where an English page shows an instrument's Indonesian text for want of a translation."""
    return "id" if english() and not english_text else ""


def _point_langs(version: InstrumentVersion, element: Element) -> list[str]:
    """Per point of the scale, "id" where its label is shown in Indonesian on an English page."""
    own = bool(element.labels)
    labels = element.labels if own else version.scale_labels
    english_labels = (element.labels_en if own else version.scale_labels_en) or []
    langs = []
    for index, _point in enumerate(version.points):
        has_label = index < len(labels or [])
        translated = index < len(english_labels) and bool(english_labels[index])
        langs.append(_untranslated(translated) if has_label else "")
    return langs


def _options(name: str, labels: list[tuple[int, str]], raw: Any, *, stars: bool, top: int) -> list[Option]:
    chosen = str(raw or "")
    options = []
    for index, (point, label) in enumerate(labels):
        if stars:
            label = _("%(n)s dari %(max)s bintang — %(label)s") % {"n": point, "max": top, "label": label}
        # The first radio carries the bare name as id, so the error summary can link to the group;
        # stars need an id on every radio because their label is a sibling (styled with `+` and `~`).
        option_id = name if index == 0 else (f"{name}-{point}" if stars else "")
        options.append(Option(str(point), label, chosen == str(point), option_id))
    return options


def _answer_error(name: str, data: Mapping[str, Any], errors: Mapping[str, str]) -> str:
    if name not in errors:
        return ""
    # A blank radio group gets a message that says what to do; tampered values keep the validator's.
    return _("Pilih salah satu jawaban.") if not str(data.get(name, "")).strip() else errors[name]


def _field_input(spec: Field, data: Mapping[str, Any], errors: Mapping[str, str]) -> Input:
    value = str(data.get(spec.code, "") or "")
    item = Input(spec.code, spec.display_label(), "text", value=value, required=spec.required)
    item.error = errors.get(spec.code, "")
    if spec.kind == Field.Kind.INTEGER:
        item.widget, item.min_value, item.max_value = "number", spec.min_value, spec.max_value
    elif spec.kind == Field.Kind.CHOICE:
        item.widget = "radio" if len(spec.choices) <= RADIO_CHOICES_MAX else "select"
        item.options = [Option(option, label, value == option) for option, label in spec.options()]
        for index, option in enumerate(item.options):
            option.id = spec.code if index == 0 else f"{spec.code}-{index}"
    elif spec.kind == Field.Kind.LONG_TEXT:
        item.widget, item.max_length = "textarea", LONG_TEXT_MAX
    else:
        item.max_length = TEXT_MAX
    return item


def _service_input(services: Sequence[Service], data: Mapping[str, Any], errors: Mapping[str, str]) -> Input:
    chosen = str(data.get("service", ""))
    names = [s.name for s in services]
    # The channel is named only where it tells two services of the same name apart.
    options = [
        Option(
            str(s.pk),
            f"{s.name} — {s.get_channel_display()}" if names.count(s.name) > 1 else s.name,
            chosen == str(s.pk),
        )
        for s in services
    ]
    return Input(
        "service",
        _("Layanan yang Saudara terima"),
        "select",
        value=chosen,
        required=True,
        options=options,
        error=errors.get("service", ""),
    )


def clean_service(
    link: PublicLink, services: Sequence[Service], data: Mapping[str, Any]
) -> tuple[Service | None, str]:
    """The service of the visit: the link's own, or one chosen from the unit's catalogue for the year."""
    if link.service is not None:
        return link.service, ""
    if not services:
        return None, ""  # the unit has no catalogue for the year: nothing to choose from
    raw = str(data.get("service", "")).strip()
    if not raw:
        return None, _("Pilih layanan yang Saudara terima.")
    chosen = next((s for s in services if str(s.pk) == raw), None)
    if chosen is None:
        return None, _("Layanan ini tidak ada dalam daftar layanan unit.")
    return chosen, ""


def form_key(raw: Any) -> uuid.UUID:
    """The idempotency key sent with the form; a missing or malformed one gets a fresh key."""
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return uuid.uuid4()


def sign_start(token: str, at: datetime.datetime | None = None) -> str:
    """When the form was rendered, for this link, signed so the respondent cannot shorten the time."""
    moment = at or timezone.now()
    return signing.dumps([token, int(moment.timestamp())], salt=START_SALT)


def read_start(token: str, raw: Any) -> datetime.datetime | None:
    """The signed start time, or None when it is missing, forged or belongs to another link."""
    try:
        signed_token, seconds = signing.loads(str(raw or ""), salt=START_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if signed_token != token or not isinstance(seconds, int):
        return None
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def form_max_age_hours() -> int:
    return int(getattr(settings, "SIKAP_FORM_MAX_AGE_HOURS", 4))


def too_old(started_at: datetime.datetime) -> bool:
    """Whether a form rendered at `started_at` is past the age its answers are still taken at."""
    return timezone.now() - started_at > datetime.timedelta(hours=form_max_age_hours())
