"""One demo user per role. They all share the demo password (`sikap.demo.loader.DEMO_PASSWORD`)."""

from __future__ import annotations

from typing import NamedTuple


class UserSpec(NamedTuple):
    username: str
    first_name: str
    last_name: str
    role: str  # a Membership.Role value
    unit_code: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS: tuple[UserSpec, ...] = (
    # The central survey team (BSK) administers the whole ministry; also a Django admin superuser.
    UserSpec("admin", "Budi", "Santoso", "central_admin", "kemenkum", is_staff=True, is_superuser=True),
    UserSpec("admin.jabar", "Rina", "Kusumawati", "regional_admin", "kanwil-jabar", is_staff=True),
    UserSpec("operator.bhp.jakarta", "Agus", "Setiawan", "unit_operator", "bhp-jakarta"),
    UserSpec("operator.ki.jabar", "Dedi", "Supriadi", "unit_operator", "kanwil-jabar-ki"),
    UserSpec("pimpinan", "Hendra", "Wijaya", "leader", "kemenkum"),
    UserSpec("pimpinan.jabar", "Asep", "Hidayat", "leader", "kanwil-jabar"),
    UserSpec("evaluator", "Fitri", "Handayani", "evaluator", "kemenkum"),
    # The Kanwil's administrator of the internal surveys (PIC): participation counts only.
    UserSpec("pic.jabar", "Sri", "Wahyuni", "internal_pic", "kanwil-jabar"),
    # PEKPPP mandiri, run by the planning bureau: its coordinator (pembina) and the validator.
    UserSpec("pembina", "Dewi", "Lestari", "pembina", "kemenkum"),
    UserSpec("validator", "Joko", "Prasetyo", "validator", "kemenkum"),
)
