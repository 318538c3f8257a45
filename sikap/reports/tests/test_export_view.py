"""The export page: login, scope (404 outside it), streaming CSV with a fixed number of queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from sikap.accounts.models import Membership
from sikap.audit.models import AuditEvent
from sikap.indices.tests.helpers import random_submission
from sikap.reports.tests.test_export_fixtures import Survey
from sikap.testing.factories import World, make_user

pytestmark = pytest.mark.django_db


URL = "/laporan/ekspor/"


def post(client, unit, survey: Survey, **fields):  # type: ignore[no-untyped-def]
    data = {"unit": unit.code, "period": survey.campaign.period.pk, "format": "csv", "free_text": "on"}
    return client.post(URL, {**data, **fields})


def rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_anonymous_visitors_are_sent_to_log_in(client, world: World, survey: Survey) -> None:
    assert client.get(URL).status_code == 302
    assert post(client, world.division, survey).status_code == 302


def test_the_form_offers_only_the_units_in_reach(world: World, survey: Survey, login) -> None:
    page = login(world.operator).get(URL).content.decode()
    assert "kanwil-jabar-ki" in page and "kanwil-bali-ki" not in page
    assert "data pribadi" in page


def test_an_outsider_gets_404_for_a_unit_out_of_reach(world: World, survey: Survey, login) -> None:
    client = login(world.outsider)
    assert post(client, world.division, survey).status_code == 404
    assert (
        login(world.operator)
        .post(URL, {"unit": "tidak-ada", "period": survey.campaign.period.pk, "format": "csv"})
        .status_code
        == 404
    )


def test_an_operator_gets_only_its_unit(world: World, survey: Survey, login) -> None:
    client = login(world.operator)
    assert post(client, world.kanwil, survey).status_code == 404
    response = post(client, world.division, survey)
    assert response.status_code == 200
    assert {r["unit_code"] for r in rows(response)} == {"kanwil-jabar-ki"}


def test_leaders_and_evaluators_may_export_what_they_read(world: World, survey: Survey, login) -> None:
    leader_rows = rows(post(login(world.leader), world.ministry, survey))
    assert {r["unit_code"] for r in leader_rows} == {"kanwil-jabar-ki", "kanwil-bali-ki"}
    evaluator = make_user("evaluator.bali", (world.other_kanwil, Membership.Role.EVALUATOR))
    assert len(rows(post(login(evaluator), world.other_kanwil, survey))) == 2
    assert post(login(evaluator), world.division, survey).status_code == 404


def test_the_csv_streams_in_a_fixed_number_of_queries(world: World, survey: Survey, login) -> None:
    import random

    client = login(world.admin)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = post(client, world.ministry, survey)
            assert isinstance(response, StreamingHttpResponse)
            n = len(rows(response))
        return n, len(queries)

    few, before = count()
    rng = random.Random(3)
    for _ in range(25):
        random_submission(survey.campaign, world.other_division, rng)
    many, after = count()
    assert many == few + 25 and after == before


def test_suspect_needs_the_box_and_each_export_is_audited(world: World, survey: Survey, login) -> None:
    client = login(world.kanwil_admin)
    assert {r["status"] for r in rows(post(client, world.kanwil, survey))} == {"accepted"}
    both = rows(post(client, world.kanwil, survey, with_suspect="on"))
    assert {r["status"] for r in both} == {"accepted", "suspect"}
    events = AuditEvent.objects.filter(action="responses.exported", actor=world.kanwil_admin)
    assert events.count() == 2 and events.first().object_repr == str(world.kanwil)


@pytest.mark.parametrize("fmt", ["xlsx", "sav"])
def test_xlsx_and_sav_come_as_file_downloads(world: World, survey: Survey, login, fmt: str) -> None:
    response = post(login(world.operator), world.division, survey, format=fmt)
    assert isinstance(response, FileResponse)
    assert f'filename="jawaban-kanwil-jabar-ki-2026-semester-ii.{fmt}"' in response["Content-Disposition"]
    assert len(b"".join(response.streaming_content)) > 1000
