"""The evaluators' recommendations to a lokus unit; each becomes a follow-up item once validated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Unit
from sikap.pekppp.models.cycle import Lokus
from sikap.pekppp.models.framework import Indicator


class Recommendation(models.Model):
    """What an evaluator asks the unit to improve, with its owner unit and deadline (follow-up on
    validation)."""

    lokus = models.ForeignKey(Lokus, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("rekomendasi"))
    aspect = models.CharField(_("aspek"), max_length=2, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("unit penanggung jawab"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("tenggat"))
    followup_item = models.OneToOneField(
        "followup.FollowUpItem",
        verbose_name=_("butir tindak lanjut"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pekppp_recommendation",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["lokus", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.lokus.unit}: {self.text[:60]}"
