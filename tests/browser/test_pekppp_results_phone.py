"""The PEKPPP result pages on a 360 px phone: the unit's page (the radar drawn beside its table), the
ranking and the F-03 page never make the page scroll sideways."""

from __future__ import annotations

import pytest

from sikap.accounts.models import Membership
from sikap.pekppp import actions
from sikap.pekppp.models import Cycle
from sikap.pekppp.tests.results_helpers import F03_ITEMS
from sikap.testing.factories import make_user

from .test_phone_width import PHONE_360, measure
from .test_workspace_menu import log_in

pytestmark = pytest.mark.browser


def test_the_pekppp_result_pages_fit_a_360_pixel_phone(new_context, survey, world, artifacts) -> None:  # type: ignore[no-untyped-def]
    cycle = actions.create_cycle(world.admin, year=2026, scheme=Cycle.Scheme.MANDIRI)
    lokus = actions.add_lokus(world.admin, cycle, world.division)
    evaluator = make_user("evaluator.pk", (world.ministry, Membership.Role.EVALUATOR))
    actions.assign_evaluator(world.admin, lokus, evaluator, ["a", "b", "c", "d", "e", "f"])
    for indicator in lokus.indicators():
        actions.set_level(evaluator, lokus, indicator, indicator.number % 6, note="Bukti lengkap dan sah")
    actions.import_f03(world.admin, lokus, [dict.fromkeys(F03_ITEMS, 4)] * 12)
    page = new_context(PHONE_360).new_page()
    log_in(page, survey, world.admin.username)
    wide: list[str] = []
    for path, shot in (
        (f"/pekppp/hasil/lokus/{lokus.pk}/", "phone-360-pekppp-unit.png"),
        (f"/pekppp/hasil/siklus/{cycle.pk}/", "phone-360-pekppp-ranking.png"),
        (f"/pekppp/hasil/siklus/{cycle.pk}/f03/", "phone-360-pekppp-f03.png"),
    ):
        response = page.goto(survey.url(path))
        assert response is not None and response.status == 200, path
        if "lokus" in path:
            page.wait_for_function("() => (window.sikapCharts || []).length > 0")
        page.screenshot(path=str(artifacts / shot), full_page=True)
        width, offenders = measure(page)
        if width > 360:
            wide.append(f"{path}: {width} px; {'; '.join(offenders)}")
    assert not wide, "\n".join(wide)
