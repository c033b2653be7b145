"""The TPI's confirmation of an integrity incident: when the APIP marks a WBS report or a
complaint as one (zona.cases.incidents), a task opens for the unit's TPI, due in working days
(data/cycle.yaml, 5 by default). The task names the unit, the channel and the dates only: the
report's content stays with those who may read it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.notifications.services import Notice, notify_now
from zona.orgs.holders import role_holders
from zona.orgs.models import Role, Unit, unit_scope_q
from zona.workdays.services import add_working_days

from .models import Entry, IncidentTask, TaskState
from .rules import rules
from .services import CycleError

TPI_ROLES = {Role.REVIEWER}


def incident_task_open(*, unit: Unit, source: str, source_id: int, on: date, by) -> IncidentTask:
    """The listener of zona.cases.incidents: one task per marked record."""
    task, created = IncidentTask.objects.get_or_create(
        source=source,
        source_id=source_id,
        defaults={"unit": unit, "marked_on": on, "due_on": add_working_days(on, rules().incident_days)},
    )
    if created:
        audit_record(
            actor=by,
            action="cycle.incident_task",
            obj=task,
            unit=unit,
            changes={"due_on": task.due_on.isoformat()},
        )
        _tell_the_tpi(task)
    return task


def _tell_the_tpi(task: IncidentTask) -> None:
    """The TPI of the incident's evaluation year (`tasks_q`), in Zona and by e-mail: the unit and
    the due date only."""
    year = task.marked_on.year
    teams = Entry.objects.filter(unit=task.unit, tpi_team__isnull=False)
    this_year = set(teams.filter(year=year).values_list("tpi_team__members", flat=True))
    other_years = set(teams.exclude(year=year).values_list("tpi_team__members", flat=True))
    reviewers = set(role_holders(task.unit, TPI_ROLES).values_list("pk", flat=True))
    people = (reviewers - other_years) | this_year
    text = _("An integrity incident at %(unit)s awaits the TPI's confirmation by %(due)s.") % {
        "unit": task.unit.name,
        "due": task.due_on.strftime("%d-%m-%Y"),
    }
    url = reverse("cycle:tasks")
    notify_now(
        [Notice(user_id=pk, key=f"cycle.incident.{task.pk}", text=text, url=url) for pk in people if pk]
    )


def tasks_q(user) -> Q:
    """The tasks of the person's TPI: the incident year's TPI team of the unit, and the unit's
    reviewers who sit on none of its other years' teams. A seat gives its member the reviewer's
    role on the unit, and the role stays after the year; a member of a past year's team, not on
    this year's, has no part in this year's incidents (nor a member of this year's in last year's)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    teams = Entry.objects.filter(unit_id=OuterRef("unit_id"), tpi_team__members=user)
    year = ExtractYear(OuterRef("marked_on"))
    on_this_years = Exists(teams.filter(year=year))
    on_another_years = Exists(teams.exclude(year=year))
    return (unit_scope_q(user, roles=TPI_ROLES) & ~Q(on_another_years)) | Q(on_this_years)


def tasks_visible_to(user, *, open_only: bool = True) -> QuerySet[IncidentTask]:
    tasks = IncidentTask.objects.filter(tasks_q(user)).select_related("unit")
    return tasks.filter(state=TaskState.OPEN) if open_only else tasks


@transaction.atomic
def incident_task_decide(*, task: IncidentTask, confirmed: bool, note: str, by) -> IncidentTask:
    """The TPI confirms the incident or says it is none, with its note."""
    task = IncidentTask.objects.select_for_update().get(pk=task.pk)
    if not IncidentTask.objects.filter(tasks_q(by), pk=task.pk).exists():
        raise CycleError(_("Only the unit's TPI confirms an integrity incident."))
    if task.state != TaskState.OPEN:
        raise CycleError(_("This incident is already decided."))
    if not note.strip():
        raise CycleError(_("Give the TPI's note."))
    task.state = TaskState.CONFIRMED if confirmed else TaskState.DISMISSED
    task.note, task.decided_by, task.decided_at = note.strip()[:5000], by, timezone.now()
    task.save(update_fields=["state", "note", "decided_by", "decided_at"])
    audit_record(
        actor=by, action="cycle.incident_decided", obj=task, unit=task.unit, changes={"state": task.state}
    )
    return task
