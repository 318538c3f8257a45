import csv
import io

import pytest
from django.urls import reverse

from sikap.responses import actions
from sikap.responses.models import ServiceCode
from sikap.testing.factories import make_period

pytestmark = pytest.mark.django_db
URL = reverse("operator:codes")


def rows(reply):
    content = b"".join(reply.streaming_content) if reply.streaming else reply.content
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_an_operator_issues_codes_and_downloads_them_as_csv(login, world):
    period = make_period()
    reply = login(world.operator).post(URL, {"unit": world.division.pk, "period": period.pk, "count": 25})
    assert reply.status_code == 200
    assert reply["Content-Type"].startswith("text/csv")
    assert "attachment" in reply["Content-Disposition"]
    issued = rows(reply)
    assert len(issued) == 25
    assert {r["kode"] for r in issued} == set(ServiceCode.objects.values_list("code", flat=True))
    assert {r["unit"] for r in issued} == {world.division.code}


def test_the_unused_codes_can_be_downloaded_again(login, world):
    period = make_period()
    actions.issue_codes(world.operator, world.division, period, 3)
    client = login(world.operator)
    assert "Unduh kode yang belum terpakai" in client.get(URL).content.decode()
    reply = client.get(reverse("operator:codes_download", args=[world.division.code, period.pk]))
    assert len(rows(reply)) == 3


def test_a_count_out_of_bounds_is_reported_on_the_form(login, world):
    page = login(world.operator).post(
        URL, {"unit": world.division.pk, "period": make_period().pk, "count": 0}
    )
    assert page.status_code == 200
    assert page.context["form"].errors["count"]
    assert not ServiceCode.objects.exists()


def test_an_outsider_cannot_issue_or_download_another_units_codes(login, world):
    period = make_period()
    actions.issue_codes(world.operator, world.division, period, 2)
    client = login(world.outsider)
    page = client.post(URL, {"unit": world.division.pk, "period": period.pk, "count": 5})
    assert page.context["form"].errors["unit"]
    assert (
        client.get(reverse("operator:codes_download", args=[world.division.code, period.pk])).status_code
        == 404
    )
    assert ServiceCode.objects.count() == 2


def test_a_leader_gets_403(login, world):
    period = make_period()
    client = login(world.leader)
    assert client.post(URL, {"unit": world.division.pk, "period": period.pk, "count": 5}).status_code == 403
    assert (
        client.get(reverse("operator:codes_download", args=[world.division.code, period.pk])).status_code
        == 403
    )
    assert not ServiceCode.objects.exists()
