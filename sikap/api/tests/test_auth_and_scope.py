import datetime

import pytest

from sikap.accounts.actions import issue_token, revoke_token
from sikap.accounts.models import ApiToken
from sikap.api.throttle import QUERIES_PER_CALL
from sikap.testing.factories import make_period, make_unit

pytestmark = pytest.mark.django_db


def _assert_unauthorized(response):
    assert response.status_code == 401
    body = response.json()
    assert "Token API" in body["detail"] and "API token" in body["detail_en"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("path", ["periods", "units", "units/kanwil-jabar", "indices?period=x"])
def test_without_a_token_every_endpoint_answers_401_in_both_languages(world, api, path):
    _assert_unauthorized(api(None).get(path))


def test_a_wrong_scheme_or_a_made_up_token_is_401(world, client):
    assert client.get("/api/v1/units", headers={"Authorization": "Token abc"}).status_code == 401
    _assert_unauthorized(client.get("/api/v1/units", headers={"Authorization": "Bearer abc"}))


def test_a_revoked_or_expired_token_is_401(world, client):
    token, raw = issue_token(None, world.leader, "integrasi")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/units", headers=headers).status_code == 200
    revoke_token(None, token)
    _assert_unauthorized(client.get("/api/v1/units", headers=headers))
    other, raw = issue_token(None, world.leader, "sementara", days=1)
    ApiToken.objects.filter(pk=other.pk).update(expires_at="2000-01-01T00:00:00Z")
    _assert_unauthorized(client.get("/api/v1/units", headers={"Authorization": f"Bearer {raw}"}))


def test_a_session_login_is_not_enough(world, login):
    _assert_unauthorized(login(world.admin).get("/api/v1/units"))


def test_the_leader_reads_the_whole_ministry(world, api):
    response = api(world.leader).get("units")
    assert response.status_code == 200
    codes = [u["code"] for u in response.json()]
    assert codes == ["kemenkum", "kanwil-jabar", "kanwil-jabar-ki", "kanwil-bali", "kanwil-bali-ki"]
    assert response.json()[1] == {
        "code": "kanwil-jabar",
        "name": "Kanwil Jawa Barat",
        "kind": "kanwil",
        "parent": "kemenkum",
        "depth": 1,
        "active": True,
    }


def test_an_outsider_sees_only_its_own_subtree(world, api):
    outsider = api(world.outsider)
    assert [u["code"] for u in outsider.get("units").json()] == ["kanwil-bali-ki"]
    assert outsider.get("units/kanwil-bali-ki").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "units/kanwil-jabar-ki",
        "units/kanwil-jabar",
        "units?parent=kanwil-jabar",
        "indices?period=2026+Semester+II&unit=kanwil-jabar-ki",
    ],
)
def test_an_outsider_gets_404_for_another_kanwils_units(world, api, path):
    make_period()
    response = api(world.outsider).get(path)
    assert response.status_code == 404
    assert set(response.json()) == {"detail", "detail_en"}


def test_an_unknown_unit_answers_the_same_404_as_one_out_of_scope(world, api):
    outsider = api(world.outsider)
    unknown, hidden = outsider.get("units/tidak-ada"), outsider.get("units/kanwil-jabar")
    assert unknown.status_code == hidden.status_code == 404
    assert unknown.json()["detail"].startswith("Unit tidak ditemukan")


def test_a_kanwil_admin_lists_the_children_of_its_kanwil(world, api):
    response = api(world.kanwil_admin).get("units", parent="kanwil-jabar")
    assert [u["code"] for u in response.json()] == ["kanwil-jabar-ki"]
    assert api(world.kanwil_admin).get("units", parent="kemenkum").status_code == 404


def test_periods_are_listed_newest_first(world, api):
    make_period("2026 Semester I", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    make_period()
    body = api(world.operator).get("periods").json()
    assert [p["name"] for p in body] == ["2026 Semester II", "2026 Semester I"]
    assert body[0] == {
        "name": "2026 Semester II",
        "kind": "semester",
        "start": "2026-07-01",
        "end": "2026-12-31",
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["periods", "units", "units/kanwil-jabar", "indices", "indices/league"])
def test_any_write_method_is_405(world, api, method, path):
    assert api(world.admin).request(method, path).status_code == 405


def test_listing_units_takes_three_queries_however_many_units(world, api, django_assert_num_queries):
    leader = api(world.leader)
    leader.get("units")  # the first use of the token records it (once a minute at most)
    for i in range(5):
        make_unit(f"upt-{i}", parent=world.kanwil)
    # The token, the user's memberships, the units with parents; and the throttle's count of the call.
    with django_assert_num_queries(3 + QUERIES_PER_CALL):
        response = leader.get("units")
    assert len(response.json()) == 10
