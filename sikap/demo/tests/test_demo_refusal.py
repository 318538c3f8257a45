"""`sikap demo` refuses a database that may be production's: DEBUG off and no explicit flag."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from sikap.accounts.models import User
from sikap.audit.models import AuditEvent
from sikap.organisation.models import Province, Unit

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (User, Unit, Province, AuditEvent))


@override_settings(DEBUG=False)
def test_it_refuses_with_debug_off_and_stores_nothing():
    before = counts()
    with pytest.raises(CommandError) as refused:
        call_command("demo", "--no-responses", stdout=StringIO())
    assert refused.value.returncode == 2
    assert "DEBUG" in str(refused.value) and "--i-know-this-is-not-production" in str(refused.value)
    assert counts() == before
    assert not User.objects.filter(is_superuser=True).exists()
