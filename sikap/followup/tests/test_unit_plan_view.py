"""The unit plan page: scoped, overdue flagged in words, feedback escaped, a fixed number of queries."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sikap.followup import actions
from sikap.followup.tests.helpers import element_item, feedback_submission
from sikap.indices.tests.helpers import random_submission
from sikap.responses.actions import review

pytestmark = pytest.mark.django_db


def url(unit, period):
    return f"/tindak-lanjut/unit/{unit.code}/?periode={period.pk}"


def page(client, unit, period):
    response = client.get(url(unit, period))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world, period):
    response = client.get(url(world.division, period))
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_the_operator_sees_their_unit_and_an_outsider_gets_404(world, period, login):
    assert login(world.operator).get(url(world.division, period)).status_code == 200
    assert login(world.operator).get(url(world.other_division, period)).status_code == 404
    assert login(world.outsider).get(url(world.division, period)).status_code == 404


def test_a_leader_reads_without_the_writing_controls(world, period, login, complaint):
    html = page(login(world.leader), world.division, period)
    assert "Antrean terlalu lama di loket 2." in html
    assert "Usulkan dari 3 unsur terlemah" not in html and "Jawab</button>" not in html
    writer = page(login(world.operator), world.division, period)
    assert "Usulkan dari 3 unsur terlemah" in writer and "Jawab</button>" in writer


def test_overdue_items_are_flagged_in_words_and_colour(world, period, login, clock):
    clock.set(2027, 1, 10)
    late = element_item(world, period, "U1", "Aksi terlambat", deadline=datetime.date(2027, 1, 7))
    on_time = element_item(world, period, "U2", "Aksi tepat")
    finished = element_item(world, period, "U3", "Aksi selesai", deadline=datetime.date(2027, 1, 5))
    actions.update_item(world.operator, finished, status="done", notes="Dikerjakan; lihat laporan kegiatan")
    html = page(login(world.operator), world.division, period)
    assert f'<tr id="butir-{late.pk}" class="overdue">' in html
    assert f'<tr id="butir-{on_time.pk}">' in html and f'<tr id="butir-{finished.pk}">' in html
    assert html.count("Terlambat (3\xa0hari)") == 1  # the words, not only the colour


def test_completion_rate_and_average_days_are_shown(world, period, login, clock):
    items = [
        element_item(world, period, c, c, deadline=datetime.date(2027, 6, 1)) for c in ("U1", "U2", "U3")
    ]
    clock.advance(days=5, hours=12)
    actions.update_item(world.operator, items[0], status="done", notes="Dikerjakan; lihat laporan kegiatan")
    actions.cancel_item(world.operator, items[2], "Dobel")
    html = page(login(world.leader), world.division, period)
    assert "50,0 %" in html and "1 selesai dari 3 butir (1 dibatalkan, tidak dihitung)" in html
    assert "5,5 hari" in html


def test_feedback_is_listed_newest_first_escaped_with_its_answer(world, campaign, period, login, complaint):
    feedback_submission(campaign, world.division, suggestion="<script>alert('x')</script>", seed=2)
    rejected = feedback_submission(campaign, world.division, complaint="Spam ditolak", seed=3)
    review(world.operator, rejected, accept=False, reason="spam")
    suspect = feedback_submission(
        campaign,
        world.division,
        complaint="Diragukan tapi dibaca",
        channel="web",
        started_at=timezone.now(),
        seed=4,
    )
    assert suspect.status == "suspect"
    actions.answer_feedback(world.operator, complaint, "Loket ditambah <b>segera</b>.")
    html = page(login(world.operator), world.division, period)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Loket ditambah &lt;b&gt;segera&lt;/b&gt;." in html
    assert "Spam ditolak" not in html
    assert (
        html.index("Diragukan tapi dibaca")
        < html.index("&lt;script&gt;")
        < html.index("Antrean terlalu lama")
    )


def count_queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_query_count_is_pinned_and_does_not_grow_with_rows(
    world, campaign, period, login, complaint, django_assert_max_num_queries
):
    client = login(world.operator)
    actions.propose_from_weak_elements(world.operator, world.division, period)
    actions.answer_feedback(world.operator, complaint, "Sudah.")
    with django_assert_max_num_queries(11):
        page(client, world.division, period)
    before = count_queries(client, url(world.division, period))
    rng = random.Random(5)
    for i in range(8):
        s = feedback_submission(campaign, world.division, complaint=f"Keluhan {i}", seed=10 + i)
        actions.answer_feedback(world.operator, s, f"Jawaban {i}")
        random_submission(campaign, world.division, rng)
    actions.propose_from_weak_elements(world.operator, world.division, period, count=9)
    assert count_queries(client, url(world.division, period)) == before
