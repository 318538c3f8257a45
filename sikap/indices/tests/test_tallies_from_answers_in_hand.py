"""The public form's submissions feed the rollups from the answers in hand, and a lost race stores nothing
twice: both must give exactly what the rebuild gives (sikap/responses/tests/test_public_fastpath.py has
the rest of the cheap path)."""

import uuid

import pytest

from sikap.indices.models import AnswerTally, RespondentTally
from sikap.indices.tallies import rebuild
from sikap.responses import actions
from sikap.responses.models import Answer, Response, Submission
from sikap.responses.tests.public_fixtures import form_url, open_survey, valid_form
from sikap.responses.tests.test_public_fastpath import cleaned, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    return open_survey(world)


def stored_rows():  # type: ignore[no-untyped-def]
    return Response.objects.count(), Answer.objects.count(), list(RespondentTally.objects.values())


def respondent_rows():  # type: ignore[no-untyped-def]
    return sorted(RespondentTally.objects.values_list("version_id", "status", "n", "total_sum"))


def test_a_key_stored_after_the_look_up_is_returned_and_nothing_is_stored_twice(survey):
    """The race: two posts of one form both looked the key up before either stored it."""
    key = uuid.uuid4()
    stale = actions.look_up(visit(survey, key))
    stored, created = actions.submit(None, visit(survey, key), cleaned(survey))
    counts = stored_rows()
    again, created_again = actions.submit(None, visit(survey, key), cleaned(survey), stale)
    assert created and not created_again and again.pk == stored.pk
    assert Submission.objects.count() == 1
    assert stored_rows() == counts


def test_tallies_fed_from_the_answers_in_hand_equal_the_rebuild(client, survey):
    for n in range(3):
        data = valid_form(survey)
        data["key"] = str(uuid.uuid4())
        data["SKM-U1"] = str(n + 1)
        client.cookies.clear()
        assert client.post(form_url(survey.unit_link), data, REMOTE_ADDR=f"198.51.100.{n}").status_code == 302
    incremental = sorted(AnswerTally.objects.values_list("element_id", "value", "status", "n"))
    respondents = respondent_rows()
    rebuild()
    assert sorted(AnswerTally.objects.values_list("element_id", "value", "status", "n")) == incremental
    assert respondent_rows() == respondents
    assert sum(n for *_k, n, _t in respondents) == 9  # three respondents, three instruments each
