import pytest

from sikap.followup.models import FollowUpItem

pytestmark = pytest.mark.django_db


def url(unit, period, **extra):
    query = "&".join(f"{k}={v}" for k, v in {"periode": period.pk, **extra}.items())
    return f"/tindak-lanjut/unit/{unit.code}/tambah/?{query}"


def data(**changes):
    return {
        "element_code": "U5",
        "action": "Jam layanan diperpanjang",
        "owner": "Kepala Bidang KI",
        "deadline": "2027-03-31",
        "public": "on",
        **changes,
    }


def test_the_form_offers_the_units_elements_with_their_means(world, period, login):
    html = login(world.operator).get(url(world.division, period)).content.decode()
    assert '<option value="U5">U5 ' in html and "Tambah butir tindak lanjut" in html


def test_an_operator_adds_an_element_item(world, period, login):
    response = login(world.operator).post(url(world.division, period), data(owner_user=world.operator.pk))
    assert response.status_code == 302
    item = FollowUpItem.objects.get()
    assert (item.element_code, item.owner, item.owner_user, str(item.deadline)) == (
        "U5",
        "Kepala Bidang KI",
        world.operator,
        "2027-03-31",
    )


def test_a_missing_action_is_shown_on_the_form(world, period, login):
    response = login(world.operator).post(url(world.division, period), data(action=""))
    assert response.status_code == 200 and "Bidang ini tidak boleh kosong." in response.content.decode()
    assert not FollowUpItem.objects.exists()


def test_a_feedback_item_starts_from_the_inbox(world, period, login, complaint):
    client = login(world.operator)
    page = client.get(url(world.division, period, masukan=complaint.pk)).content.decode()
    assert "Antrean terlalu lama di loket 2." in page and 'name="element_code"' not in page
    response = client.post(url(world.division, period, masukan=complaint.pk), data(element_code=""))
    assert response.status_code == 302
    item = FollowUpItem.objects.get()
    assert item.submission == complaint and item.source == "feedback"


def test_feedback_of_another_unit_cannot_be_borrowed(world, period, login, complaint):
    client = login(world.outsider)
    assert client.get(url(world.other_division, period, masukan=complaint.pk)).status_code == 404


def test_leaders_get_403_and_outsiders_404(world, period, login):
    assert login(world.leader).post(url(world.division, period), data()).status_code == 403
    assert login(world.outsider).get(url(world.division, period)).status_code == 404
    assert not FollowUpItem.objects.exists()
