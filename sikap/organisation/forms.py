from django import forms
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Period, Service


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["year", "name", "category", "channel", "active"]


class UserCountForm(forms.Form):
    period = forms.ModelChoiceField(Period.objects.all(), label=_("Periode"))
    users = forms.IntegerField(label=_("Jumlah pengguna layanan"), min_value=0)
    source = forms.CharField(label=_("Sumber data"), max_length=200, required=False)
