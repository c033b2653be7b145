"""Reads for the risk register's pages: the fetch-and-authorise helpers (`get_<thing>_for_user`),
the one rule on who reports a control action, and the lists a page needs."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from zona.lib.periods import year_or_404
from zona.monev.models import MonevCycle
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can, unit_for

from .models import ControlAction, MatrixChoice, Register, Risk


def register_of(unit: Unit, year: int) -> Register | None:
    """The unit's register of the year, if it has been opened."""
    return Register.objects.filter(unit=unit, year=year_or_404(year)).first()


def get_register_for_user(request, slug: str, year: int, action: Action = Action.VIEW) -> Register:
    """The register of a unit's year: 404 when the user may not see the unit or it has none for
    the year, 403 when they may see it but not do `action`."""
    unit = unit_for(request, slug, action)
    return get_object_or_404(Register, unit=unit, year=year_or_404(year))


def get_register_risk(register: Register, pk: int) -> Risk:
    """A risk of a register the view has already authorised (404 for another register's)."""
    return get_object_or_404(Risk, register=register, pk=pk)


def may_realise(user, action: ControlAction, manager: bool | None = None) -> bool:
    """The action's person in charge, the risk's owner, or whoever manages the unit's registers
    (`manager`, when the caller already knows it for a list of actions of one unit)."""
    if user.pk in (action.owner_id, action.risk.owner_id):
        return True
    return manager if manager is not None else can(user, Action.MANAGE_REGISTERS, action.risk.register.unit)


def get_action_for_user(request, pk: int) -> ControlAction:
    """A control action the user reports the realisation of; 404 for anyone else."""
    action = get_object_or_404(
        ControlAction.objects.select_related("risk__register__unit"),
        pk=pk,
        risk__register__unit__in=Unit.objects.visible_to(request.user),
    )
    if not may_realise(request.user, action):
        raise Http404
    return action


def get_cycle(pk: int) -> MonevCycle:
    """The monev cycle a realisation is reported in (the service checks it fits the action)."""
    return get_object_or_404(MonevCycle.objects.select_related("plan"), pk=pk)


def matrix_choices_of(unit: Unit, limit: int = 50):
    """The Inspektorat's choices of matrix for the unit, the latest first."""
    return MatrixChoice.objects.filter(unit=unit).select_related("chosen_by")[:limit]
