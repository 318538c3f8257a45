"""Behind a trusted proxy the network limit counts the real client: a forged or garbage first hop of
X-Forwarded-For neither escapes the limit nor switches it off (the finding: 150 of 150 passed a limit)."""

import uuid

import pytest

from sikap.responses.models import Submission
from sikap.responses.tests.public_fixtures import form_url, valid_form
from sikap.responses.tests.test_public_submit_view import limit_to_one, survey  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("forged", ["203.0.113.{n}", "unknown-{n}", "", "{n}.{n}.{n}"])
def test_a_client_rotating_its_own_hop_is_still_limited(client, survey, settings, forged):  # noqa: F811
    settings.SIKAP_TRUSTED_PROXIES = ["10.0.0.0/8"]
    limit_to_one(survey, "network_limit_per_10_min")
    statuses = []
    for n in range(5):
        client.cookies.clear()  # a fresh "device" each time, so only the network limit can stop it
        data = valid_form(survey)
        data["key"] = str(uuid.uuid4())
        # Our proxy (10.0.0.1) appends the real client 198.51.100.9 after whatever the client wrote.
        forwarded = f"{forged.format(n=n)}, 198.51.100.9" if forged else "198.51.100.9"
        response = client.post(
            form_url(survey.unit_link), data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        )
        statuses.append(response.status_code)
    assert statuses == [302, 429, 429, 429, 429]
    assert Submission.objects.count() == 1
