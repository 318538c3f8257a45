"""Users and their role memberships in units of the organisation."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from sikap.organisation.models import Unit


class User(AbstractUser):
    """A person who signs in: an admin, operator, leader or evaluator (respondents never sign in)."""

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class Membership(models.Model):
    """A user's role in a unit; the role reaches the unit and everything below it."""

    class Role(models.TextChoices):
        CENTRAL_ADMIN = "central_admin", _("Admin pusat")
        REGIONAL_ADMIN = "regional_admin", _("Admin wilayah")
        UNIT_OPERATOR = "unit_operator", _("Operator unit")
        LEADER = "leader", _("Pimpinan (baca saja)")
        EVALUATOR = "evaluator", _("Evaluator")
        # Administrator ILK: follows participation in the internal surveys of a Kanwil's units (counts
        # only, never who) and resends invitations in bulk; reads nothing else.
        INTERNAL_PIC = "internal_pic", _("Administrator survei internal (PIC)")
        # PEKPPP: the coordinator (pembina) runs the yearly evaluation over its subtree; the validator
        # confirms the evaluators' final levels. Evaluators reach only the lokus aspects assigned to them.
        PEMBINA = "pembina", _("Pembina PEKPPP (koordinator)")
        VALIDATOR = "validator", _("Validator PEKPPP")

    # Roles that may change data in their scope; the others only read it.
    WRITE_ROLES = frozenset({Role.CENTRAL_ADMIN, Role.REGIONAL_ADMIN, Role.UNIT_OPERATOR})

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("keanggotaan peran")
        verbose_name_plural = _("keanggotaan peran")
        ordering = ["user__username", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="membership_unique",
                violation_error_message=_("Pengguna ini sudah memegang peran tersebut di unit ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    @property
    def can_write(self) -> bool:
        return self.role in self.WRITE_ROLES


class ApiToken(models.Model):
    """A key for the read-only API; it acts as its user and sees exactly what the user sees.

    Only the SHA-256 of the key is stored: the full key is shown once, when it is issued.
    """

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Untuk apa token ini dipakai."))
    key_prefix = models.CharField(_("awalan kunci"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    revoked = models.BooleanField(_("dicabut"), default=False)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…, {self.user})"
