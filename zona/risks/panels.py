"""What the risk register adds to monev's pages: the control actions (RTP) of the cycle's year
with this quarter's realisation, and the unit's heat map with its overdue actions."""

from __future__ import annotations

from zona.monev.panels import panel
from zona.orgs.permissions import Action, can

from .forms import RealisationForm
from .models import ControlAction, Realisation, Register
from .selectors import may_realise
from .services import heat_map, overdue_actions


@panel("cycle")
def cycle_actions(request, *, cycle):
    unit, year = cycle.plan.unit, cycle.plan.year
    register = Register.objects.filter(unit=unit, year=year).first()
    if register is None:
        return None
    manager = can(request.user, Action.MANAGE_REGISTERS, unit)
    actions = ControlAction.objects.filter(risk__register=register).select_related("risk", "owner")
    done = {r.action_id: r for r in cycle_realisations(cycle, register)}
    rows = []
    for action in actions:
        realisation = done.get(action.pk)
        form = None
        if not cycle.is_closed and may_realise(request.user, action, manager):
            initial = (
                {"status": realisation.status, "progress": realisation.progress, "note": realisation.note}
                if realisation
                else {}
            )
            form = RealisationForm(initial=initial, auto_id=f"rtp{action.pk}_%s")
        rows.append((action, realisation, form))
    return "risks/panel_cycle.html", {"cycle": cycle, "register": register, "rows": rows}


def cycle_realisations(cycle, register):
    return Realisation.objects.filter(cycle=cycle, action__risk__register=register).select_related("evidence")


@panel("dashboard")
def dashboard_heat_map(request, *, unit, year):
    register = Register.objects.filter(unit=unit, year=year).first()
    if register is None:
        return None
    return "risks/panel_dashboard.html", {
        "register": register,
        "heat": heat_map(register),
        "overdue": list(overdue_actions(register)[:10]),
    }
