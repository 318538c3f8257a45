"""At the schema level: nothing that stores answers points at an invitation, a roster entry or a contact,
and an invitation keeps no time of use, so neither keys nor times can join answers to people."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from sikap.internal.models import Invitation, RosterContact, RosterEntry

PEOPLE = {Invitation, RosterEntry, RosterContact}
ANSWER_APPS = ("responses", "indices")


def test_no_answer_table_has_a_key_to_invitations_or_people() -> None:
    for app in ANSWER_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                related = getattr(field, "related_model", None)
                assert related not in PEOPLE, f"{model.__name__}.{field.name} points at {related}"
                assert "token" not in field.name and "invitation" not in field.name, (model, field.name)


def test_invitations_and_people_have_no_key_to_answers() -> None:
    answer_models = {m for app in ANSWER_APPS for m in apps.get_app_config(app).get_models()}
    for model in PEOPLE:
        for field in model._meta.get_fields():
            assert getattr(field, "related_model", None) not in answer_models, (model, field.name)


def test_an_invitation_records_that_it_was_used_but_not_when() -> None:
    names = {f.name for f in Invitation._meta.concrete_fields}
    assert names == {"id", "campaign", "entry", "token_hash", "channel", "used", "sent_count", "last_sent_on"}
    times = [f.name for f in Invitation._meta.concrete_fields if isinstance(f, models.DateTimeField)]
    assert times == []  # last_sent_on is a date of sending, set only by e-mails, never by answering
    assert not any(isinstance(f, models.DateTimeField) for f in RosterEntry._meta.concrete_fields)


def test_on_postgresql_no_row_stamp_joins_an_invitation_to_its_answers(db, settings) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL stamps each row version with its transaction (`xmin`): after answers, every used
    invitation of the unit carries the newest answering transaction's stamp, so no stamp picks one out."""
    import re

    from django.core import mail
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from sikap.internal import invitations
    from sikap.internal.tests.conftest import make_internal
    from sikap.responses.models import Submission

    if connection.vendor != "postgresql":
        import pytest

        pytest.skip("SQLite keeps no transaction stamp on rows")
    settings.SIKAP_BASE_URL = "https://survei.example.go.id"
    internal = make_internal()
    invitations.invite(internal.world.admin, internal.campaign)
    for message in mail.outbox[:3]:
        token = re.search(r"/undangan/([A-Z0-9]+)/", message.body).group(1)  # type: ignore[union-attr]
        Client().post(reverse("internal_answer", args=[token]), {"ILKT-KEP.K": "3", "ILKT-KEP.T": "TT"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM internal_invitation WHERE used")
        invitation_stamps = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT xmin::text FROM responses_submission WHERE id = ANY(%s) ORDER BY id",
            [list(Submission.objects.order_by("pk").values_list("pk", flat=True))],
        )
        submission_stamps = [row[0] for row in cursor.fetchall()]
    assert len(invitation_stamps) == 1  # all used invitations share one stamp
    assert submission_stamps[:2] and invitation_stamps.isdisjoint(submission_stamps[:2])
