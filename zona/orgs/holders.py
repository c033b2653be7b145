"""Who holds a role on a unit: the one query every module asks before it tells, seals to or
assigns people (the case kinds' officers, the WBS's recipients and custodians, the UPG, the
PPID reminded of its annual report). A role
is held on a unit when it is granted on the unit itself, or on an ancestor "over descendants"
(the same reading as `roles_on` in models.py, seen from the unit instead of the person)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from .models import RoleAssignment, Unit


def role_holders(unit: Unit, roles: Iterable[str]) -> QuerySet:
    """The active people holding one of `roles` on `unit`, directly or over it from an
    ancestor, each once (a queryset of users, for the caller to order or narrow)."""
    held = RoleAssignment.objects.filter(role__in=list(roles)).filter(
        Q(unit=unit) | Q(include_descendants=True, unit__path__in=unit.ancestor_paths())
    )
    return get_user_model().objects.filter(is_active=True, pk__in=held.values("user_id"))


def people_of(unit: Unit) -> QuerySet:
    """The people holding any role on `unit` itself, each once, by name (the choices of a
    unit's own forms: a meeting's attendees, a follow-up's owner)."""
    held = RoleAssignment.objects.filter(unit=unit)
    return get_user_model().objects.filter(pk__in=held.values("user_id")).order_by("first_name", "username")


def units_granted(roles: Iterable[str]) -> QuerySet:
    """The units on which one of `roles` is granted itself to an active account, each once (the
    units with a PPID, or a UPG officer, of their own): a job that tells each such unit's holders
    asks `role_holders` (active accounts too) of each."""
    granted = RoleAssignment.objects.filter(role__in=list(roles), user__is_active=True)
    return Unit.objects.filter(pk__in=granted.values("unit_id"))
