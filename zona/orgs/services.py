from __future__ import annotations

from django.db import transaction

from .models import RoleAssignment, Unit


@transaction.atomic
def unit_save(*, unit: Unit) -> Unit:
    """Save a unit and keep its path (and its descendants' paths) in step with its parent."""
    old_path = Unit.objects.filter(pk=unit.pk).values_list("path", flat=True).first() if unit.pk else None
    unit.path = unit.build_path()
    unit.save()
    if old_path and old_path != unit.path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
    return unit


def unit_create(*, code: str, name: str, level: str, parent: Unit | None = None, slug: str = "") -> Unit:
    unit = Unit(code=code, name=name, level=level, parent=parent, slug=slug or code.lower())
    return unit_save(unit=unit)


def role_grant(*, user, unit: Unit, role: str, include_descendants: bool = False) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, unit=unit, role=role, defaults={"include_descendants": include_descendants}
    )
    if hasattr(user, "_zona_roles"):
        del user._zona_roles
    return assignment
