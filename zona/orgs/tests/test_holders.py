"""Who holds a role on a unit (`role_holders`): the one query the case kinds, the WBS and the
UPG ask, checked against a walk up the unit tree."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.orgs.holders import people_of, role_holders
from zona.orgs.models import Level, Role
from zona.orgs.services import role_grant, unit_create

pytestmark = pytest.mark.django_db
ROLES = (Role.WBS_RECIPIENT, Role.UPG_OFFICER, Role.COMPLAINT_OFFICER)


def test_direct_and_over_descendants_only_from_above(units):
    people = get_user_model().objects
    direct, above, sibling, below, gone = (people.create_user(f"p{i}") for i in range(5))
    role_grant(user=direct, unit=units["SUMSEL"], role=Role.UPG_OFFICER)
    role_grant(user=above, unit=units["RI"], role=Role.UPG_OFFICER, include_descendants=True)
    role_grant(user=sibling, unit=units["JAMBI"], role=Role.UPG_OFFICER, include_descendants=True)
    role_grant(user=below, unit=units["PALEMBANG"], role=Role.UPG_OFFICER, include_descendants=True)
    role_grant(user=gone, unit=units["SUMSEL"], role=Role.UPG_OFFICER)
    gone.is_active = False
    gone.save()
    role_grant(user=people.create_user("ri-only"), unit=units["RI"], role=Role.UPG_OFFICER)  # RI itself only
    assert set(role_holders(units["SUMSEL"], [Role.UPG_OFFICER])) == {direct, above}
    assert not role_holders(units["SUMSEL"], [Role.WBS_RECIPIENT]).exists()


def test_a_person_holding_two_roles_counts_once(units):
    person = get_user_model().objects.create_user("twice")
    role_grant(user=person, unit=units["SUMSEL"], role=Role.WBS_RECIPIENT)
    role_grant(user=person, unit=units["RI"], role=Role.WBS_CUSTODIAN, include_descendants=True)
    holders = role_holders(units["SUMSEL"], [Role.WBS_RECIPIENT, Role.WBS_CUSTODIAN])
    assert list(holders.values_list("pk", flat=True)) == [person.pk]


def _walk(parents: list[int | None], node: int) -> list[int]:
    """The node and every ancestor, by following the parent links (the brute force)."""
    chain = [node]
    while parents[chain[-1]] is not None:
        chain.append(parents[chain[-1]])
    return chain


trees = st.integers(1, 7).flatmap(
    lambda n: st.tuples(
        st.tuples(*[st.just(None)] + [st.integers(0, i - 1) for i in range(1, n)]),
        st.lists(
            st.tuples(st.integers(0, 3), st.integers(0, n - 1), st.sampled_from(ROLES), st.booleans()),
            max_size=10,
        ),
        st.integers(0, n - 1),
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tree=trees,
    asked=st.sets(st.sampled_from(ROLES), min_size=1),
    inactive=st.sets(st.integers(0, 3), max_size=2),
)
def test_role_holders_equal_a_walk_up_a_random_tree(db, tree, asked, inactive):
    parents, grants, target = tree
    with transaction.atomic():
        nodes: list = []
        for index, parent in enumerate(parents):
            level = Level.NATIONAL if parent is None else Level.OFFICE
            above_node = nodes[parent] if parent is not None else None
            nodes.append(unit_create(code=f"t{index}", name=f"T{index}", level=level, parent=above_node))
        people = [
            get_user_model().objects.create_user(f"h{i}", is_active=i not in inactive) for i in range(4)
        ]
        for person, node, role, descendants in grants:
            role_grant(user=people[person], unit=nodes[node], role=role, include_descendants=descendants)
        above = _walk(list(parents), target)
        expected = set()
        latest = {(p, n, r): d for p, n, r, d in grants}  # a grant again replaces the earlier one
        for (person, node, role), descendants in latest.items():
            if (
                role in asked
                and person not in inactive
                and (node == target or (descendants and node in above))
            ):
                expected.add(people[person].pk)
        found = set(role_holders(nodes[target], asked).values_list("pk", flat=True))
        transaction.set_rollback(True)
    assert found == expected


def test_people_of_a_unit_are_those_with_a_role_on_it_each_once_by_name(units):
    """The choices of a unit's own forms (monev's attendees and owners): any role on the unit
    itself, each person once however many roles, ordered by name."""
    people = get_user_model().objects
    zaki, ani, above, other = (
        people.create_user(name, first_name=first)
        for name, first in (("z", "Zaki"), ("a", "Ani"), ("ri", "Rina"), ("j", "Joko"))
    )
    role_grant(user=zaki, unit=units["SUMSEL"], role=Role.COORDINATOR)
    role_grant(user=zaki, unit=units["SUMSEL"], role=Role.PIC)
    role_grant(user=ani, unit=units["SUMSEL"], role=Role.VIEWER)
    role_grant(user=above, unit=units["RI"], role=Role.COORDINATOR, include_descendants=True)
    role_grant(user=other, unit=units["JAMBI"], role=Role.COORDINATOR)
    assert list(people_of(units["SUMSEL"])) == [ani, zaki]
