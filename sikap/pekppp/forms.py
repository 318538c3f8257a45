"""Forms of the PEKPPP pages: a cycle, a lokus unit, an evaluator's assignment, a recommendation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.accounts.models import Membership, User
from sikap.organisation.models import Unit
from sikap.pekppp.actions import STAGE_FIELDS
from sikap.pekppp.models import Cycle, FrameworkVersion, Lokus

DATE = forms.DateInput(attrs={"type": "date"})


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Rekomendasi"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    aspect = forms.ChoiceField(label=_("Aspek (pilihan)"), required=False)
    deadline = forms.DateField(label=_("Tenggat"), widget=DATE)

    def __init__(self, lokus: Lokus, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        aspects = lokus.cycle.framework_version.aspects.all()
        field_aspect: Any = self.fields["aspect"]
        field_aspect.choices = [("", "—"), *((a.code, str(a)) for a in aspects)]


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    scheme = forms.ChoiceField(label=_("Skema"), choices=Cycle.Scheme.choices)
    framework_version = forms.ModelChoiceField(
        label=_("Versi kerangka"), queryset=FrameworkVersion.objects.published()
    )
    f03_policy = forms.ChoiceField(label=_("Bila tanggapan F-03 kurang"), choices=Cycle.Policy.choices)
    f03_method = forms.ChoiceField(label=_("Cara menghitung F-03"), choices=Cycle.Method.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in STAGE_FIELDS:
            self.fields[name] = forms.DateField(
                label=getattr(Cycle._meta.get_field(name), "verbose_name", name), required=False, widget=DATE
            )


class LokusForm(forms.Form):
    unit = forms.CharField(label=_("Kode unit"), max_length=100)
    variant = forms.ChoiceField(label=_("Jenis layanan"), choices=Lokus.Variant.choices)

    def clean_unit(self) -> Unit:
        unit = Unit.objects.filter(code=self.cleaned_data["unit"].strip(), active=True).first()
        if unit is None:
            raise forms.ValidationError(_("Unit dengan kode ini tidak ada."))
        return unit


class AssignForm(forms.Form):
    evaluator = forms.ModelChoiceField(label=_("Evaluator"), queryset=User.objects.none())
    aspects = forms.MultipleChoiceField(label=_("Aspek"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, lokus: Lokus, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        evaluators = Membership.objects.filter(role=Membership.Role.EVALUATOR).values("user")
        field_evaluator: Any = self.fields["evaluator"]
        field_evaluator.queryset = User.objects.filter(pk__in=evaluators, is_active=True)
        aspects = lokus.cycle.framework_version.aspects.all()
        field_aspects: Any = self.fields["aspects"]
        field_aspects.choices = [(a.code, str(a)) for a in aspects]
