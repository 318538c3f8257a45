import pytest
from django.core.exceptions import ValidationError

from sikap.audit.models import AuditEvent
from sikap.organisation.actions import create_unit, update_unit
from sikap.organisation.models import Unit
from sikap.testing.factories import make_unit

pytestmark = pytest.mark.django_db


def test_moving_a_unit_moves_its_whole_subtree(world):
    leaf = make_unit("kanwil-jabar-ki-loket", parent=world.division)
    update_unit(world.admin, world.division, parent=world.other_kanwil)
    world.division.refresh_from_db()
    leaf.refresh_from_db()
    assert world.division.path == f"{world.other_kanwil.path}{world.division.pk}/"
    assert leaf.path == f"{world.division.path}{leaf.pk}/"
    assert leaf.depth == world.division.depth + 1
    assert set(Unit.objects.subtree_of(world.other_kanwil)) == {
        world.other_kanwil,
        world.other_division,
        world.division,
        leaf,
    }


def test_a_unit_cannot_move_under_itself(world):
    with pytest.raises(ValidationError) as error:
        update_unit(world.admin, world.kanwil, parent=world.division)
    assert "parent" in error.value.message_dict
    world.kanwil.refresh_from_db()
    assert world.kanwil.parent == world.ministry


def test_a_change_is_audited_with_before_and_after(world):
    update_unit(world.admin, world.kanwil, name="Kantor Wilayah Jawa Barat")
    event = AuditEvent.objects.filter(action="unit.update").get()
    assert event.before["name"] == "Kanwil Jawa Barat"
    assert event.after["name"] == "Kantor Wilayah Jawa Barat"
    assert event.actor == world.admin


def test_a_duplicate_code_is_refused_with_a_message(world):
    with pytest.raises(ValidationError) as error:
        create_unit(None, code="kanwil-jabar", name="Dobel", kind=Unit.Kind.KANWIL, parent=world.ministry)
    assert "code" in error.value.message_dict


def test_a_subtree_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(list(Unit.objects.subtree_of(world.ministry))) == 5
