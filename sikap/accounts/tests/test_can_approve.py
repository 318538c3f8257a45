"""can_approve / require_approve: who decides on a unit's proposed publication, and can_publish."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sikap.accounts.access import access_for
from sikap.accounts.models import Membership
from sikap.testing.factories import make_user

pytestmark = pytest.mark.django_db
R = Membership.Role


def test_an_operator_may_write_but_not_approve(world):
    access = access_for(world.operator)
    assert access.can_write(world.division) and not access.can_approve(world.division)
    with pytest.raises(PermissionDenied, match="pimpinan"):
        access.require_approve(world.division)
    assert not access.can_approve_any()


def test_a_regional_admin_may_write_but_not_approve(world):
    access = access_for(world.kanwil_admin)
    assert access.can_write(world.division) and not access.can_approve(world.division)
    with pytest.raises(PermissionDenied):
        access.require_approve(world.division)


def test_the_leader_of_the_unit_approves_it_and_what_lies_below_only(world):
    leader = make_user("pimpinan.ki", (world.division, R.LEADER))
    access = access_for(leader)
    assert access.require_approve(world.division) == world.division
    assert not access.can_write(world.division)
    with pytest.raises(Http404):
        access.require_approve(world.kanwil)  # the unit above is not theirs to see


def test_a_leader_above_approves_every_unit_below(world):
    kanwil_leader = make_user("pimpinan.jabar", (world.kanwil, R.LEADER))
    assert access_for(kanwil_leader).require_approve(world.division) == world.division
    assert access_for(world.leader).require_approve(world.other_division) == world.other_division
    assert set(access_for(kanwil_leader).approvable_units()) == {world.kanwil, world.division}


def test_a_leader_elsewhere_does_not_even_find_the_unit(world):
    bali_leader = make_user("pimpinan.bali", (world.other_kanwil, R.LEADER))
    with pytest.raises(Http404):
        access_for(bali_leader).require_approve(world.division)


def test_an_outsider_does_not_even_find_the_unit(world):
    with pytest.raises(Http404):
        access_for(world.outsider).require_approve(world.division)


def test_a_central_admin_approves_and_alone_publishes_directly(world):
    access = access_for(world.admin)
    assert access.can_approve(world.division) and access.can_publish(world.division)
    for user in (world.operator, world.kanwil_admin, world.leader):
        assert not access_for(user).can_publish(world.division)
    with pytest.raises(PermissionDenied, match="admin pusat"):
        access_for(world.kanwil_admin).require_publish(world.division)
    with pytest.raises(Http404):
        access_for(world.outsider).require_publish(world.division)


def test_an_evaluator_reads_but_does_not_approve(world):
    evaluator = make_user("evaluator", (world.ministry, R.EVALUATOR))
    assert access_for(evaluator).can_view(world.division)
    assert not access_for(evaluator).can_approve(world.division)


def test_approvable_units_are_one_query(world, django_assert_num_queries):
    access = access_for(world.leader)
    access.grants  # noqa: B018 - loads the memberships (one query)
    with django_assert_num_queries(1):
        assert len(list(access.approvable_units())) == 5
