"""Where a gratification report stands against its deadlines: which UPG holds it (a sub-UPG
passes it to the UPG above within 7 working days), the UPG's deadline of each state (never past
the 30 working days to KPK), KPK's deadline for a completion it asked for (the regulation of the
day asked), and what a report reaching KPK late entails (the regulation of the day it arrived)."""

from __future__ import annotations

from datetime import date

from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from zona.cases.workflow import deadline_for
from zona.orgs.holders import units_granted
from zona.orgs.models import Role, Unit
from zona.workdays.services import add_working_days

from .limits import regulation_on
from .models import GratificationReport, workflow

# The states in which the UPG (not KPK) has the next step.
UPG_STATES = ("dilaporkan", "diteruskan_upg", "perlu_dilengkapi", "diverifikasi")

CONSEQUENCES = {
    "no_12c_release": _(
        "Reported to KPK after 30 working days: UU 20/2001 Pasal 12C no longer frees the receiver "
        "from the presumption of bribery."
    ),
    "may_become_state_property": _(
        "Peraturan KPK 1/2026: KPK may declare a gratification reported late the property of the "
        "state (milik negara)."
    ),
}


def setting(name: str) -> int:
    return workflow().settings[name]


def upg_above(unit: Unit) -> Unit | None:
    """The nearest unit above with its own UPG officer, or None."""
    paths = [p for p in unit.ancestor_paths() if p != unit.path]
    return units_granted([Role.UPG_OFFICER]).filter(path__in=paths).order_by(Length("path").desc()).first()


def is_sub_upg(unit: Unit) -> bool:
    """The unit has its own UPG officer and a UPG above it: its UPG is a sub-UPG."""
    return units_granted([Role.UPG_OFFICER]).filter(pk=unit.pk).exists() and upg_above(unit) is not None


def upg_level(report: GratificationReport) -> str:
    if report.passed_up_on is None and is_sub_upg(report.unit):
        return "sub"
    return "utama"


def state_due(report: GratificationReport, state: str, today: date) -> date | None:
    """The deadline of the report's next step in `state`: the UPG's, counted from the day this
    UPG received it and never past the KPK deadline; KPK's for a completion it asked for."""
    if state == "kpk_minta_lengkap":
        return report.expires_on
    received = report.upg_received_on or report.reported_on
    due = deadline_for(
        workflow(), state, received_on=received, values={"upg_level": upg_level(report)}, today=today
    )
    if due is not None and state in UPG_STATES:
        due = min(due, report.kpk_due)
    return due


def kpk_expiry(asked_on: date) -> date:
    """KPK drops a report it asked to complete after the working days of the regulation in
    force on the day it asked (20 under Peraturan KPK 1/2026, 30 before)."""
    return add_working_days(asked_on, regulation_on(asked_on).incomplete_expiry_working_days)


def overdue_to_kpk(report: GratificationReport, today: date) -> bool:
    """Past the 30 working days and not at KPK, though it must (or may still) go there."""
    return (
        report.forwarded_on is None
        and report.reportable is not False
        and report.state in UPG_STATES
        and today > report.kpk_due
    )


def late_consequences(report: GratificationReport, today: date) -> list[str]:
    """What reaching KPK late entails, under the regulation in force on the day it reached KPK
    (or today, for a report not there yet). Empty when it is not late."""
    if report.late_to_kpk:
        day = report.forwarded_on
    elif overdue_to_kpk(report, today):
        day = today
    else:
        return []
    return [str(CONSEQUENCES[code]) for code in regulation_on(day).late_to_kpk]
