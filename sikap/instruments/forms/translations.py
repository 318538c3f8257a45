"""The English of a version beside its Indonesian: one input per translatable text, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.instruments.forms.points import LABEL_MAX
from sikap.instruments.models import Field, InstrumentVersion


@dataclass
class Row:
    """One text to translate: what it is, its Indonesian, and the English input."""

    what: str
    indonesian: str
    field: Any


@dataclass
class Group:
    title: str
    rows: list[Row]


class TranslationForm(forms.Form):
    """Inputs named `<kind>-<pk>-<attribute>[-<index>]`; `changes()` gives what `translate_version` takes."""

    def __init__(self, *args: Any, version: InstrumentVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.groups: list[Group] = []
        self._targets: list[tuple[tuple[str, int], str, str, int | None]] = []
        rows = [
            self._add(("version", version.pk), "title_en", _("Judul"), version.title, version.title_en, 200),
            self._add(
                ("version", version.pk), "intro_en", _("Pengantar"), version.intro, version.intro_en, None
            ),
        ]
        rows += self._points(
            ("version", version.pk), "scale_labels_en", version.scale_labels, version.scale_labels_en
        )
        self.groups.append(Group(str(_("Versi")), rows))
        for element in version.elements.all():
            key = ("element", element.pk)
            rows = [
                self._add(key, "name_en", _("Nama unsur"), element.name, element.name_en, 200),
                self._add(key, "question_en", _("Pertanyaan"), element.question, element.question_en, None),
            ]
            rows += self._points(key, "labels_en", element.labels, element.labels_en)
            self.groups.append(Group(f"{_('Unsur')} {element.code}", rows))
        for spec in version.fields.all():
            self.groups.append(Group(f"{_('Isian')} {spec.code}", self._field_rows(spec)))

    def _field_rows(self, spec: Field) -> list[Row]:
        key = ("field", spec.pk)
        rows = [self._add(key, "label_en", _("Label"), spec.label, spec.label_en, 200)]
        if spec.breakdown_label:
            rows.append(
                self._add(
                    key,
                    "breakdown_label_en",
                    _("Judul rincian"),
                    spec.breakdown_label,
                    spec.breakdown_label_en,
                    100,
                )
            )
        english = spec.choices_en if isinstance(spec.choices_en, dict) else {}
        for index, choice in enumerate(spec.choices):
            value = str(choice[0])
            label = str(choice[1]) if len(choice) > 1 else value
            what = _("Pilihan %(v)s") % {"v": value}
            rows.append(self._add(key, "choices_en", what, label, str(english.get(value, "")), 200, index))
        return rows

    def _points(self, key: tuple[str, int], attribute: str, labels: Any, english: Any) -> list[Row]:
        english = english if isinstance(english, list) else []
        return [
            self._add(
                key,
                attribute,
                _("Label titik %(p)s") % {"p": point},
                str(label),
                str(english[i]) if i < len(english) else "",
                LABEL_MAX,
                i,
            )
            for i, (point, label) in enumerate(zip(self.version.points, labels or [], strict=False))
        ]

    def _add(
        self,
        key: tuple[str, int],
        attribute: str,
        what: Any,
        indonesian: str,
        english: str,
        max_length: int | None,
        index: int | None = None,
    ) -> Row:
        name = f"{key[0]}-{key[1]}-{attribute}" + ("" if index is None else f"-{index}")
        attrs = {"lang": "en"}
        widget = forms.Textarea(attrs=attrs | {"rows": "2"}) if max_length is None else forms.TextInput(attrs)
        self.fields[name] = forms.CharField(
            label=f"{what} ({_('Inggris')})", required=False, max_length=max_length or 4000, widget=widget
        )
        self.initial[name] = english
        self._targets.append((key, attribute, name, index))
        return Row(str(what), indonesian, self[name])

    def changes(self) -> dict[tuple[str, int], dict[str, Any]]:
        """{(kind, pk): {translation field: value}} from the cleaned inputs; lists and dicts rebuilt whole."""
        found: dict[tuple[str, int], dict[str, Any]] = {}
        for key, attribute, name, index in self._targets:
            value = self.cleaned_data.get(name, "").strip()
            values = found.setdefault(key, {})
            if index is None:
                values[attribute] = value
            elif attribute == "choices_en":
                spec = next(f for f in self.version.fields.all() if f.pk == key[1])
                option = str(spec.choices[index][0])
                values.setdefault(attribute, {})
                if value:
                    values[attribute][option] = value
            else:
                values.setdefault(attribute, []).append(value)
        for values in found.values():
            for attribute, value in values.items():
                if isinstance(value, list) and not any(value):
                    values[attribute] = []  # nothing translated: the Indonesian labels show
        return found
