"""Issue 14: an import above the size or row threshold runs as a background job from the web, all or nothing
like the request, with a progress page that only its importer sees."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sikap.indices import read
from sikap.indices.scope import Scope
from sikap.responses import import_jobs, importing
from sikap.responses.models import ImportJob, Submission
from sikap.testing.factories import make_campaign

pytestmark = pytest.mark.django_db
URL = reverse("operator:import")
GOOD = b"tanggal,U1,U2\n" + b"".join(b"2026-08-%02d,4,3\n" % (d % 28 + 1) for d in range(50))
BAD = b"tanggal,U1,U2\n2026-08-05,0,3\n" + GOOD.split(b"\n", 1)[1] + b"2026-08-05,9,3\n"


@pytest.fixture
def campaign(world):
    return make_campaign([world.division])


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def post(client, unit, campaign, content):
    upload = SimpleUploadedFile("besar.csv", content, content_type="text/csv")
    return client.post(URL, {"unit": unit.pk, "period": campaign.period.pk, "file": upload})


def test_a_file_over_the_row_threshold_runs_as_a_job_and_stores_every_row(
    login, world, campaign, settings, immediate, monkeypatch
):
    settings.SIKAP_IMPORT_INLINE_ROWS = 10
    monkeypatch.setattr(importing, "STORE_BATCH", 7)  # checked and stored in batches, one transaction
    client = login(world.operator)
    reply = post(client, world.division, campaign, GOOD)
    job = ImportJob.objects.get()
    assert reply.status_code == 302 and reply["Location"] == reverse("operator:import_job", args=[job.pk])
    assert job.status == ImportJob.Status.DONE and job.percent == 100
    assert job.rows_read == 50 and bytes(job.content) == b""  # the staged file is gone
    assert Submission.objects.filter(unit=world.division, channel="import").count() == 50
    assert sum(read.respondents(Scope(units=[world.division.pk], period=campaign.period)).values()) == 50
    page = client.get(reply["Location"]).content.decode()
    assert "50 baris tersimpan" in page
    assert 'http-equiv="refresh"' not in page


def test_a_file_over_the_size_threshold_with_bad_rows_stores_nothing_and_lists_every_one(
    login, world, campaign, settings, immediate, monkeypatch
):
    settings.SIKAP_IMPORT_INLINE_MB = 0.0001
    monkeypatch.setattr(importing, "STORE_BATCH", 7)  # the bad rows are in the first and last batches
    client = login(world.operator)
    reply = post(client, world.division, campaign, BAD)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.REFUSED
    assert not Submission.objects.exists()
    page = client.get(reply["Location"]).content.decode()
    assert "2 kesalahan; tidak ada yang disimpan" in page
    assert "<td>2</td><td>U1</td>" in page and "<td>53</td><td>U1</td>" in page


def test_the_request_returns_at_once_and_the_worker_stores_it_later(login, world, campaign, settings):
    settings.SIKAP_IMPORT_INLINE_ROWS = 10  # the database backend: nothing runs inside the request
    client = login(world.operator)
    reply = post(client, world.division, campaign, GOOD)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED and job.task_id
    assert not Submission.objects.exists()
    page = client.get(reply["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page and "Dalam antrean" in page
    import_jobs.run_import_job.call(job.pk)
    import_jobs.run_import_job.call(job.pk)  # a duplicated task does not import twice
    assert Submission.objects.count() == 50
    assert "50 baris tersimpan" in client.get(reply["Location"]).content.decode()


def test_the_same_large_file_twice_is_counted_once(login, world, campaign, settings, immediate):
    settings.SIKAP_IMPORT_INLINE_ROWS = 10
    client = login(world.operator)
    post(client, world.division, campaign, GOOD)
    reply = post(client, world.division, campaign, GOOD)
    assert Submission.objects.count() == 50
    assert "50 baris dilewati" in client.get(reply["Location"]).content.decode()


def test_only_its_importer_sees_a_job(login, world, campaign, settings, immediate):
    settings.SIKAP_IMPORT_INLINE_ROWS = 10
    reply = post(login(world.operator), world.division, campaign, GOOD)
    assert login(world.admin).get(reply["Location"]).status_code == 404
    assert login(world.leader).get(reply["Location"]).status_code == 403
