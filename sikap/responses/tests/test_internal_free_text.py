"""Free text of internal submissions: shown only where the unit has k respondents in the campaign, on the
operator's list and page, the follow-up inbox and the report's feedback summary; an internal submission's
page shows nothing that identifies (no time, no signals, no review), and its attributes masked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sikap.responses import actions
from sikap.responses.models import Submission
from sikap.responses.tests.internal_helpers import answer_internal, internal_campaign

pytestmark = pytest.mark.django_db

HIDDEN = "isembunyikan sampai unit"


def staff(campaign, unit, n, *, perspective="pengguna", text="Ruang rapat sempit"):
    found = [answer_internal(campaign, unit, 3, suggestion=text, perspektif=perspective) for _ in range(n)]
    # An instrument with the standard feedback columns stores them there: the lists read these columns.
    Submission.objects.filter(pk__in=[s.pk for s in found]).update(complaint=f"{text} (pengaduan)")
    return found


def test_internal_submissions_are_never_listed_one_by_one(login, world):
    campaign = internal_campaign([world.division])
    staff(campaign, world.division, 6)
    page = login(world.operator).get(reverse("operator:submissions")).content.decode()
    assert "Ruang rapat sempit" not in page and "/operator/jawaban/" not in page.split("<tbody>")[1]
    found = login(world.operator).get(reverse("operator:submissions"), {"q": "rapat"}).content.decode()
    assert "Ruang rapat sempit" not in found


def test_a_campaigns_larger_k_applies(login, world):
    campaign = internal_campaign([world.division], k=7)
    staff(campaign, world.division, 6)
    assert Submission.objects.text_shown().count() == 0
    staff(campaign, world.division, 1)
    assert Submission.objects.text_shown().count() == 7


def test_an_internal_submission_has_no_page_of_its_own_and_cannot_be_reviewed(login, world):
    campaign = internal_campaign([world.division])
    found = staff(campaign, world.division, 6)
    for submission in (found[0], found[-1]):
        page = login(world.operator).get(reverse("operator:submission", args=[submission.pk]))
        assert page.status_code == 404
    with pytest.raises(ValidationError):
        actions.review(world.operator, found[-1], accept=False, reason="Aneh")


def test_the_followup_inbox_and_answer_obey_k(login, world):
    campaign = internal_campaign([world.division])
    [first, *_] = staff(campaign, world.division, 4)
    url = reverse("followup:unit", args=[world.division.code]) + f"?periode={campaign.period.pk}"
    page = login(world.operator).get(url).content.decode()
    assert "Ruang rapat sempit" not in page and HIDDEN in page
    answer = login(world.operator).post(reverse("followup:answer", args=[first.pk]), {"text": "Baik"})
    assert answer.status_code == 404
    staff(campaign, world.division, 1)
    page = login(world.operator).get(url).content.decode()
    assert "Ruang rapat sempit" in page and HIDDEN not in page


def test_public_text_is_unaffected(world):
    from sikap.indices.tests.helpers import submit_answers
    from sikap.testing.factories import make_campaign

    campaign = make_campaign([world.division])
    submission = submit_answers(campaign, world.division, {"SKM-U1": "3", "complaint": "Antrean lama"})
    assert list(Submission.objects.text_shown()) == [submission]
