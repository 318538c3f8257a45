import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.responses.models import Submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db
URL = reverse("operator:import")
GOOD = b"tanggal,U1,U2,catatan\n2026-08-05,4,3,x\n2026-08-06,3,3,y\n"


@pytest.fixture
def campaign(world):
    return make_campaign([world.division, world.other_division])


def post(client, unit, campaign, content=GOOD, **extra):
    upload = SimpleUploadedFile("jawaban.csv", content, content_type="text/csv")
    return client.post(URL, {"unit": unit.pk, "period": campaign.period.pk, "file": upload, **extra})


def test_an_operator_imports_a_file_and_sees_the_summary_and_warnings(login, world, campaign):
    client = login(world.operator)
    reply = post(client, world.division, campaign)
    assert reply.status_code == 302
    assert Submission.objects.filter(unit=world.division, channel="import").count() == 2
    page = client.get(URL).content.decode()
    assert "2 baris tersimpan" in page
    assert "Kolom catatan tidak dikenal" in page


def test_errors_are_listed_with_row_and_column_and_nothing_is_stored(login, world, campaign):
    page = post(
        login(world.operator), world.division, campaign, b"tanggal,U1,U2\n2026-08-05,4,9\n2026-08-06,0,3\n"
    )
    assert page.status_code == 200
    problems = [(p.row, p.column) for p in page.context["failed"].problems]
    assert problems == [(2, "U2"), (3, "U1")]
    assert "di luar skala" in page.content.decode()
    assert not Submission.objects.exists()


def test_the_same_file_twice_is_counted_once(login, world, campaign):
    client = login(world.operator)
    post(client, world.division, campaign)
    post(client, world.division, campaign)
    assert Submission.objects.count() == 2
    assert "2 baris dilewati" in client.get(URL).content.decode()


def test_an_outsider_cannot_import_into_another_unit(login, world, campaign):
    page = post(login(world.outsider), world.division, campaign)
    assert page.status_code == 200
    assert page.context["form"].errors["unit"]
    assert not Submission.objects.exists()


def test_a_leader_gets_403(login, world, campaign):
    assert login(world.leader).get(URL).status_code == 403
    assert post(login(world.leader), world.division, campaign).status_code == 403
    assert not Submission.objects.exists()
