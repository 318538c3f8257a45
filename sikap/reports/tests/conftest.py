"""Fixtures of the report and export tests: the small surveyed world of `test_export_fixtures`."""

from __future__ import annotations

import pytest

from sikap.reports.tests.test_export_fixtures import Survey, make_survey
from sikap.testing.factories import World


@pytest.fixture
def survey(world: World) -> Survey:
    return make_survey(world)
