"""A pembina and a validator get a workspace of their own, not the page for users without a role."""

from __future__ import annotations

from typing import Any

import pytest

from sikap.pekppp.tests.conftest import Evaluation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "heading"), [("pembina", "Koordinasi PEKPPP"), ("validator", "Validasi PEKPPP")]
)
def test_the_pekppp_roles_have_a_home(evaluation: Evaluation, login: Any, who: str, heading: str) -> None:
    page = login(getattr(evaluation, who)).get("/")
    assert page.status_code == 200
    assert heading in page.content.decode()
