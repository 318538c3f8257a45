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
