import pytest

from sikap.followup.models import FollowUpItem

pytestmark = pytest.mark.django_db


def url(unit):
    return f"/tindak-lanjut/unit/{unit.code}/usulkan/"


def test_an_operator_proposes_from_the_weakest_elements_once(world, period, login):
    client = login(world.operator)
    response = client.post(url(world.division), {"periode": period.pk})
    assert response.status_code == 302 and response["Location"].endswith(f"?periode={period.pk}")
    assert FollowUpItem.objects.filter(unit=world.division).count() == 3
    again = client.post(url(world.division), {"periode": period.pk}, follow=True)
    assert "Tidak ada butir baru" in again.content.decode()
    assert FollowUpItem.objects.count() == 3


def test_a_leader_gets_403_and_an_outsider_404(world, period, login):
    assert login(world.leader).post(url(world.division), {"periode": period.pk}).status_code == 403
    assert login(world.outsider).post(url(world.division), {"periode": period.pk}).status_code == 404
    assert not FollowUpItem.objects.exists()


def test_a_get_is_not_allowed(world, period, login):
    assert login(world.operator).get(url(world.division)).status_code == 405
