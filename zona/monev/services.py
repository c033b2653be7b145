"""Every monev write: cycles, step reports, meetings, findings, teams (atomic, audited)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.models import EvidenceItem
from zona.lib.errors import RuleError
from zona.orgs.models import roles_on
from zona.plans.models import ActionStep, Plan
from zona.plans.services import StepError, step_set_state, step_state_clean

from .models import (
    AgentChange,
    CycleStatus,
    Finding,
    FindingStatus,
    Meeting,
    MeetingDocument,
    MonevCycle,
    ReportStatus,
    StepReport,
    Team,
    TeamKind,
    TeamMember,
)
from .snapshot import snapshot_build


class MonevError(RuleError):
    """A monev rule was broken; the message is for the user (Indonesian UI text)."""


@transaction.atomic
def cycle_open(*, plan: Plan, quarter: int, by) -> MonevCycle:
    if not 1 <= quarter <= 4:
        raise MonevError(_("The quarter must be 1 to 4."))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.cycles.filter(status=CycleStatus.OPEN).exists():
        raise MonevError(_("Close the open cycle before opening another."))
    if plan.cycles.filter(quarter=quarter).exists():
        raise MonevError(_("Quarter %(q)s already has a cycle.") % {"q": quarter})
    cycle = MonevCycle.objects.create(plan=plan, quarter=quarter, opened_by=by)
    audit_record(actor=by, action="monev.cycle_opened", obj=cycle, unit=plan.unit)
    return cycle


class ReopenNeedsReason(MonevError):
    """A report would move a finished step back without saying why."""


def reopens(step: ActionStep, status: str) -> bool:
    """Whether reporting `status` moves a finished ("selesai") step back."""
    return step.is_done and status != ReportStatus.DONE


@transaction.atomic
def step_report(
    *,
    cycle: MonevCycle,
    step: ActionStep,
    status: str,
    progress: int,
    note: str,
    by,
    evidence: list[EvidenceItem] | None = None,
    reason: str = "",
) -> StepReport:
    """Record a PIC's report. It sets the plan step's one status and progress (the step is the
    source of truth: "Selesai" is 100 % and marks it done); moving a finished step back needs a
    reason, kept on the report and in the step's audit trail. Evidence attached belongs to the
    step and counts as its indicator's evidence."""
    cycle = MonevCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_closed:
        raise MonevError(_("This cycle is closed; its reports can no longer change."))
    if step.indicator.component.area.plan_id != cycle.plan_id:
        raise MonevError(_("This step belongs to another plan."))
    try:
        progress = step_state_clean(status, progress)
    except StepError as exc:
        raise MonevError(str(exc)) from exc
    step = (
        ActionStep.objects.select_for_update()
        .select_related("indicator__component__area__plan__unit")
        .get(pk=step.pk)
    )
    reason = reason.strip()[:2000] if reopens(step, status) else ""
    if reopens(step, status) and not reason:
        raise ReopenNeedsReason(_("This step is finished: to move it back, confirm and say why."))
    defaults = {"status": status, "progress": progress, "note": note, "reported_by": by}
    if reason:
        defaults["reopen_reason"] = reason
    report, created = StepReport.objects.update_or_create(cycle=cycle, step=step, defaults=defaults)
    if evidence:
        report.evidence.add(*evidence)
        step.evidence.add(*evidence)
        step.indicator.evidence.add(*evidence)
    step_set_state(step=step, status=status, progress=progress, by=by, reason=reason)
    changes = {"status": status, "progress": progress, "new": created}
    if reason:
        changes["reopened"] = reason
    audit_record(actor=by, action="monev.step_reported", obj=report, unit=cycle.plan.unit, changes=changes)
    return report


def report_follows_step(*, step: ActionStep, **_kwargs) -> None:
    """The open cycle's report on a step follows the step when it changes on the plan page."""
    StepReport.objects.filter(step=step, cycle__status=CycleStatus.OPEN).exclude(
        status=step.status, progress=step.progress
    ).update(status=step.status, progress=step.progress)


@transaction.atomic
def cycle_close(*, cycle: MonevCycle, by, summary: str = "") -> MonevCycle:
    """Freeze the cycle: a snapshot of the plan, every report and the findings as they are now."""
    cycle = MonevCycle.objects.select_for_update().select_related("plan__unit").get(pk=cycle.pk)
    if cycle.is_closed:
        raise MonevError(_("This cycle is already closed."))
    cycle.summary = summary
    cycle.snapshot = snapshot_build(cycle)
    cycle.progress = cycle.snapshot["progress"]
    cycle.status = CycleStatus.CLOSED
    cycle.closed_by = by
    cycle.closed_at = timezone.now()
    cycle.save()
    audit_record(
        actor=by,
        action="monev.cycle_closed",
        obj=cycle,
        unit=cycle.plan.unit,
        changes={"progress": round(cycle.progress, 4)},
    )
    return cycle


@transaction.atomic
def meeting_create(
    *,
    plan: Plan,
    date: date,
    title: str,
    by,
    agenda: str = "",
    minutes: str = "",
    attendees=(),
    guests: str = "",
    cycle: MonevCycle | None = None,
    leader_present: bool = False,
    leader_name: str = "",
) -> Meeting:
    if cycle is not None and cycle.plan_id != plan.pk:
        raise MonevError(_("This cycle belongs to another plan."))
    if leader_present and not leader_name.strip():
        raise MonevError(_("Name the leader who attended."))
    meeting = Meeting.objects.create(
        plan=plan,
        cycle=cycle,
        date=date,
        title=title,
        agenda=agenda,
        minutes=minutes,
        guests=guests,
        leader_present=leader_present,
        leader_name=leader_name.strip() if leader_present else "",
        created_by=by,
    )
    meeting.attendees.set(attendees)
    audit_record(actor=by, action="monev.meeting_recorded", obj=meeting, unit=plan.unit)
    return meeting


@transaction.atomic
def meeting_attach(*, meeting: Meeting, kind: str, item: EvidenceItem, by) -> MeetingDocument:
    if item.unit_id != meeting.plan.unit_id:
        raise MonevError(_("This evidence belongs to another unit."))
    document = MeetingDocument.objects.create(meeting=meeting, kind=kind, item=item)
    audit_record(
        actor=by,
        action="monev.meeting_document",
        obj=meeting,
        unit=meeting.plan.unit,
        changes={"kind": kind, "evidence": item.pk},
    )
    return document


@transaction.atomic
def finding_create(
    *,
    plan: Plan,
    title: str,
    owner,
    due_date: date,
    by,
    description: str = "",
    meeting: Meeting | None = None,
    cycle: MonevCycle | None = None,
) -> Finding:
    if not roles_on(owner, plan.unit):
        raise MonevError(_("The owner must hold a role in this unit."))
    finding = Finding.objects.create(
        plan=plan,
        title=title,
        description=description,
        owner=owner,
        due_date=due_date,
        meeting=meeting,
        cycle=cycle,
        created_by=by,
    )
    audit_record(
        actor=by,
        action="monev.finding_recorded",
        obj=finding,
        unit=plan.unit,
        changes={"owner": str(owner), "due_date": due_date.isoformat()},
    )
    return finding


@transaction.atomic
def finding_close(
    *, finding: Finding, follow_up: str, by, evidence: list[EvidenceItem] | None = None
) -> Finding:
    """Close a finding: its follow-up (tindak lanjut) must be written and proved by evidence."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not finding.is_open:
        raise MonevError(_("This finding is already closed."))
    if evidence:
        finding.evidence.add(*evidence)
    if not follow_up.strip():
        raise MonevError(_("Describe the follow-up (tindak lanjut)."))
    if not finding.evidence.exists():
        raise MonevError(_("A finding closes only with evidence of its follow-up."))
    finding.follow_up = follow_up
    finding.status = FindingStatus.CLOSED
    finding.closed_by = by
    finding.closed_at = timezone.now()
    finding.save()
    audit_record(actor=by, action="monev.finding_closed", obj=finding, unit=finding.plan.unit)
    return finding


@transaction.atomic
def team_save(*, team: Team, by) -> Team:
    created = team.pk is None
    team.full_clean()
    team.save()
    audit_record(
        actor=by, action="monev.team_created" if created else "monev.team_changed", obj=team, unit=team.unit
    )
    return team


@transaction.atomic
def team_member_add(
    *, team: Team, name: str, team_role: str, by, position: str = "", user=None
) -> TeamMember:
    member = TeamMember.objects.create(
        team=team, name=name, team_role=team_role, position=position, user=user
    )
    audit_record(
        actor=by,
        action="monev.team_member_added",
        obj=team,
        unit=team.unit,
        changes={"name": name, "role": team_role},
    )
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, by) -> None:
    team = member.team
    audit_record(
        actor=by, action="monev.team_member_removed", obj=team, unit=team.unit, changes={"name": member.name}
    )
    member.delete()


@transaction.atomic
def agent_change_record(
    *,
    member: TeamMember,
    title: str,
    made_on: date,
    by,
    description: str = "",
    evidence: EvidenceItem | None = None,
    integrated: bool = False,
    integration: str = "",
) -> AgentChange:
    """A change made by a change agent (the LKE counts changes per agent, A.II.1.i.a, and how
    many are integrated into the management system, A.II.1.i.b)."""
    if member.team.kind != TeamKind.CHANGE_AGENTS:
        raise MonevError(_("Changes are recorded for members of the change-agent team."))
    if evidence is not None and evidence.unit_id != member.team.unit_id:
        raise MonevError(_("This evidence belongs to another unit."))
    if integrated and not integration.strip():
        raise MonevError(_("Say how the change is integrated (the SOP, decree or application)."))
    change = AgentChange.objects.create(
        member=member,
        title=title,
        description=description,
        made_on=made_on,
        evidence=evidence,
        integrated=integrated,
        integration=integration.strip() if integrated else "",
        created_by=by,
    )
    audit_record(
        actor=by,
        action="monev.agent_change_recorded",
        obj=member.team,
        unit=member.team.unit,
        changes={"member": member.name, "change": title, "integrated": integrated},
    )
    return change


@transaction.atomic
def agent_change_integrate(*, change: AgentChange, integration: str, by) -> AgentChange:
    """Record that a change is now part of the management system, and how."""
    if not integration.strip():
        raise MonevError(_("Say how the change is integrated (the SOP, decree or application)."))
    change.integrated = True
    change.integration = integration.strip()[:300]
    change.save(update_fields=["integrated", "integration"])
    team = change.member.team
    audit_record(
        actor=by,
        action="monev.agent_change_integrated",
        obj=team,
        unit=team.unit,
        changes={"change": change.title, "integration": change.integration},
    )
    return change
