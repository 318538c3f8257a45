import pytest

from sikap.followup.models import FeedbackReply, FollowUpItem

pytestmark = pytest.mark.django_db


def url(submission):
    return f"/tindak-lanjut/jawab/{submission.pk}/"


def test_an_operator_answers_and_the_answer_is_kept_on_the_page(world, period, login, complaint):
    client = login(world.operator)
    response = client.post(url(complaint), {"text": "Loket 3 dibuka. <script>x()</script>"})
    assert response.status_code == 302 and response["Location"].endswith(f"#masukan-{complaint.pk}")
    assert FeedbackReply.objects.get().text == "Loket 3 dibuka. <script>x()</script>"
    assert not FollowUpItem.objects.exists()  # issue 10: a reply is not a (completed) plan item
    html = client.get(f"/tindak-lanjut/unit/{world.division.code}/?periode={period.pk}").content.decode()
    assert "Loket 3 dibuka. &lt;script&gt;x()&lt;/script&gt;" in html and "<script>x()" not in html


def test_a_blank_answer_is_refused_with_a_message(world, login, complaint):
    response = login(world.operator).post(url(complaint), {"text": " "}, follow=True)
    assert "Jawaban belum disimpan" in response.content.decode()
    assert not FeedbackReply.objects.exists()


def test_a_leader_gets_403_and_an_outsider_404(world, login, complaint):
    assert login(world.leader).post(url(complaint), {"text": "Halo"}).status_code == 403
    assert login(world.outsider).post(url(complaint), {"text": "Halo"}).status_code == 404
    assert not FeedbackReply.objects.exists()
