"""An integrity incident: the APIP marks a case (or, through the same call, a WBS report) as one.
The engine records the mark on the case's timeline (never public) and tells the apps that listen
(the national cycle opens the TPI's confirmation task) with the unit, the channel and the
record's id only — never its content, so a WBS report stays with its recipients."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can

from .models import Case, CaseEvent
from .services import CaseError

MARK = "integrity_incident"  # the timeline's action

# listener(unit=, source=, source_id=, on=, by=): registered in a later app's ready()
LISTENERS: list[Callable[..., None]] = []


def on_incident(listener: Callable[..., None]) -> None:
    if listener not in LISTENERS:
        LISTENERS.append(listener)


def may_mark(user, unit: Unit) -> bool:
    return can(user, Action.MARK_INTEGRITY_INCIDENT, unit)


@transaction.atomic
def integrity_incident_mark(*, unit: Unit, source: str, source_id: int, by) -> None:
    """Tell the listeners of an incident marked on `source` (a case kind, or "wbs") #source_id."""
    if not may_mark(by, unit):
        raise CaseError(_("Only the APIP marks an integrity incident."))
    for listener in LISTENERS:
        listener(unit=unit, source=source, source_id=source_id, on=timezone.localdate(), by=by)
    audit_record(actor=by, action="cases.integrity_incident", obj=unit, unit=unit, changes={"source": source})


def is_marked(case: Case) -> bool:
    return case.events.filter(action=MARK).exists()


@transaction.atomic
def case_mark_incident(*, case: Case, by) -> None:
    """Mark a case as an integrity incident, once; the mark stays off the citizen's page."""
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    if is_marked(case):
        raise CaseError(_("This case is already marked as an integrity incident."))
    integrity_incident_mark(unit=case.unit, source=case.kind, source_id=case.pk, by=by)
    CaseEvent.objects.create(case=case, actor=by, action=MARK, public=False)
