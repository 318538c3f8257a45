import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.access import access_for
from sikap.accounts.models import Membership
from sikap.organisation.models import Unit

pytestmark = pytest.mark.django_db


def test_a_central_admin_sees_and_writes_the_whole_ministry(world):
    access = access_for(world.admin)
    assert set(access.units()) == set(Unit.objects.all())
    assert access.can_write(world.other_division)


def test_a_regional_admin_sees_only_its_kanwil_subtree(world):
    access = access_for(world.kanwil_admin)
    assert set(access.units()) == {world.kanwil, world.division}
    assert access.can_write(world.division)
    assert not access.can_view(world.ministry)


def test_an_outsider_gets_404_for_a_unit_outside_its_subtree(world):
    with pytest.raises(Http404):
        access_for(world.outsider).require_view(world.division)
    with pytest.raises(Http404):
        access_for(world.outsider).require_write(world.division)


def test_a_leader_reads_everything_but_gets_403_on_writes(world):
    access = access_for(world.leader)
    assert access.require_view(world.division) == world.division
    with pytest.raises(PermissionDenied):
        access.require_write(world.division)


def test_an_evaluator_is_read_only(world):
    from sikap.testing.factories import make_user

    evaluator = make_user("evaluator", (world.ministry, Membership.Role.EVALUATOR))
    with pytest.raises(PermissionDenied):
        access_for(evaluator).require_write(world.kanwil)


def test_an_inactive_user_sees_nothing(world):
    world.operator.is_active = False
    assert list(access_for(world.operator).units()) == []


def test_visible_units_are_one_query(world, django_assert_num_queries):
    access = access_for(world.kanwil_admin)
    access.grants  # noqa: B018 - loads the memberships (one query)
    with django_assert_num_queries(1):
        list(access.units())


def test_top_units_drop_units_nested_under_another_grant(world):
    from sikap.accounts.actions import grant_role

    grant_role(None, world.kanwil_admin, world.division, Membership.Role.LEADER)
    assert access_for(world.kanwil_admin).top_units() == [world.kanwil]
