from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence import views_exports
from zona.evidence.services import evidence_create_file
from zona.lib.files import FileRejected
from zona.lib.text import as_int
from zona.orgs.models import Level, Unit
from zona.orgs.permissions import Action, can, require
from zona.plans.models import ActionStep, Plan
from zona.plans.selectors import get_plan_for_user, may_report_step

from .dashboard import SORTS, descendant_rows, plan_overview
from .forms import (
    AgentChangeForm,
    CloseForm,
    DocumentForm,
    FindingCloseForm,
    FindingForm,
    IntegrateForm,
    MeetingForm,
    MemberForm,
    ReportForm,
    TeamForm,
)
from .models import AgentChange, Finding, Meeting, MonevCycle, Team, TeamMember
from .panels import render_panels
from .services import (
    MonevError,
    agent_change_integrate,
    agent_change_record,
    cycle_close,
    cycle_open,
    finding_close,
    finding_create,
    meeting_attach,
    meeting_create,
    step_report,
    team_member_add,
    team_member_remove,
    team_save,
)
from .snapshot import cycle_data


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def get_cycle_for_user(request, pk: int, action: Action = Action.VIEW) -> MonevCycle:
    cycle = get_object_or_404(MonevCycle.objects.visible_to(request.user).select_related("plan__unit"), pk=pk)
    require(request.user, action, cycle.plan.unit)
    return cycle


def get_meeting_for_user(request, pk: int, action: Action = Action.VIEW) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("plan__unit"), pk=pk)
    require(request.user, action, meeting.plan.unit)
    return meeting


def get_finding_for_user(request, pk: int) -> Finding:
    finding = get_object_or_404(
        Finding.objects.visible_to(request.user).select_related("plan__unit", "owner"), pk=pk
    )
    require(request.user, Action.VIEW, finding.plan.unit)
    return finding


def _upload(request, unit, upload, title: str):
    """An optional file from a monev form, stored as evidence of the unit (None if absent)."""
    if not upload:
        return None
    return evidence_create_file(unit=unit, title=title[:300], upload=upload, by=request.user)


@login_required
def plan_monev(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk)
    cycles = {c.quarter: c for c in plan.cycles.all()}
    unit = plan.unit
    return render(
        request,
        "monev/plan.html",
        {
            "plan": plan,
            "quarters": [(q, cycles.get(q)) for q in range(1, 5)],
            "meetings": plan.meetings.all()[:50],
            "findings": Finding.objects.filter(plan=plan).select_related("owner"),
            "finding_form": FindingForm(unit=unit),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "can_find": can(request.user, Action.RECORD_FINDING, unit),
        },
    )


@login_required
@require_POST
def cycle_open_view(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.MANAGE_PLAN)
    try:
        cycle = cycle_open(plan=plan, quarter=int(request.POST.get("quarter", 0)), by=request.user)
    except (MonevError, ValueError) as exc:
        messages.error(request, str(exc))
        return redirect("monev:plan", plan_pk=plan.pk)
    messages.success(request, _("Quarter %(q)s cycle opened.") % {"q": cycle.quarter})
    return redirect("monev:cycle", pk=cycle.pk)


@login_required
def cycle_detail(request, pk: int):
    cycle = get_cycle_for_user(request, pk)
    unit = cycle.plan.unit
    data = cycle_data(cycle)
    previous = (
        MonevCycle.objects.filter(plan=cycle.plan, status="closed", quarter__lt=cycle.quarter)
        .order_by("-quarter")
        .first()
    )
    before = {a["code"]: a["progress"] for a in previous.snapshot.get("areas", [])} if previous else {}
    for area in data["areas"]:
        area["before"] = before.get(area["code"])
    may_report = can(request.user, Action.REPORT, unit)
    own_steps = set(
        ActionStep.objects.filter(indicator__component__area__plan=cycle.plan, pic=request.user).values_list(
            "pk", flat=True
        )
    )
    for area in data["areas"]:  # an area holding the person's own steps starts unfolded
        area["mine"] = any(
            step["id"] in own_steps
            for component in area["components"]
            for ind in component["indicators"]
            for step in ind["steps"]
        )
    return render(
        request,
        "monev/cycle.html",
        {
            "cycle": cycle,
            "plan": cycle.plan,
            "data": data,
            "previous": previous,
            "open_findings": Finding.objects.open().filter(plan=cycle.plan).select_related("owner"),
            "may_report": may_report,
            "own_steps": own_steps,
            "report_form": ReportForm(),
            "close_form": CloseForm(),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "panels": render_panels("cycle", request, cycle=cycle),
        },
    )


@login_required
@require_POST
def step_report_view(request, pk: int, step_pk: int):
    cycle = get_cycle_for_user(request, pk)
    unit = cycle.plan.unit
    step = get_object_or_404(
        ActionStep.objects.select_related("indicator__component__area"),
        pk=step_pk,
        indicator__component__area__plan=cycle.plan,
    )
    if not may_report_step(request.user, step):
        require(request.user, Action.REPORT, unit)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Report not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect(f"{cycle_url(cycle)}#step-{step.pk}")
    data = form.cleaned_data
    try:
        with transaction.atomic():
            item = _upload(request, unit, data["file"], f"TW {cycle.quarter}: {step.text}")
            step_report(
                cycle=cycle,
                step=step,
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                by=request.user,
                evidence=[item] if item else None,
            )
    except (MonevError, FileRejected) as exc:
        messages.error(request, _("Report not saved: %(errors)s") % {"errors": exc})
    else:
        messages.success(request, _("Report saved."))
    return redirect(f"{cycle_url(cycle)}#step-{step.pk}")


def cycle_url(cycle: MonevCycle) -> str:
    return reverse("monev:cycle", args=[cycle.pk])


@login_required
@require_POST
def cycle_close_view(request, pk: int):
    cycle = get_cycle_for_user(request, pk, Action.MANAGE_PLAN)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            cycle_close(cycle=cycle, by=request.user, summary=form.cleaned_data["summary"])
            messages.success(request, _("The cycle is closed; its snapshot is kept."))
        except MonevError as exc:
            messages.error(request, str(exc))
    return redirect("monev:cycle", pk=cycle.pk)


@login_required
@require_POST
def export_start(request, pk: int, fmt: str):
    cycle = get_cycle_for_user(request, pk)
    back = reverse("monev:cycle", args=[cycle.pk])
    return views_exports.export_start(request, kind="monev.lembar", obj=cycle, fmt=fmt, back=back)


@login_required
def meeting_new(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.MANAGE_PLAN)
    form = MeetingForm(request.POST or None, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        cycle = plan.cycles.filter(status="open").first()
        try:
            meeting = meeting_create(plan=plan, cycle=cycle, by=request.user, **form.cleaned_data)
        except MonevError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("monev:meeting", pk=meeting.pk)
    return render(request, "monev/meeting_form.html", {"plan": plan, "form": form})


@login_required
def meeting_detail(request, pk: int):
    meeting = get_meeting_for_user(request, pk)
    unit = meeting.plan.unit
    return render(
        request,
        "monev/meeting.html",
        {
            "meeting": meeting,
            "plan": meeting.plan,
            "documents": meeting.documents.select_related("item").prefetch_related("item__versions"),
            "findings": meeting.findings.select_related("owner"),
            "document_form": DocumentForm(),
            "finding_form": FindingForm(unit=unit),
            "can_manage": can(request.user, Action.MANAGE_PLAN, unit),
            "can_find": can(request.user, Action.RECORD_FINDING, unit),
        },
    )


@login_required
@require_POST
def meeting_document_view(request, pk: int):
    meeting = get_meeting_for_user(request, pk, Action.MANAGE_PLAN)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Document not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("monev:meeting", pk=meeting.pk)
    kind = form.cleaned_data["kind"]
    try:
        with transaction.atomic():
            item = _upload(request, meeting.plan.unit, form.cleaned_data["file"], f"{meeting.title}: {kind}")
            meeting_attach(meeting=meeting, kind=kind, item=item, by=request.user)
    except (FileRejected, MonevError) as exc:
        messages.error(request, _("Document not saved: %(errors)s") % {"errors": exc})
    else:
        messages.success(request, _("Document saved."))
    return redirect("monev:meeting", pk=meeting.pk)


@login_required
@require_POST
def finding_create_view(request, plan_pk: int):
    plan = get_plan_for_user(request, plan_pk, Action.RECORD_FINDING)
    form = FindingForm(request.POST, unit=plan.unit)
    meeting = None
    if request.POST.get("meeting"):
        meeting = get_object_or_404(Meeting, pk=request.POST["meeting"], plan=plan)
    back = redirect("monev:meeting", pk=meeting.pk) if meeting else redirect("monev:plan", plan_pk=plan.pk)
    if not form.is_valid():
        messages.error(request, _("Finding not saved: %(errors)s") % {"errors": _errors(form)})
        return back
    data = form.cleaned_data
    try:
        finding_create(
            plan=plan,
            title=data["title"],
            description=data["description"],
            owner=data["owner"],
            due_date=data["due_date"],
            meeting=meeting,
            by=request.user,
            cycle=plan.cycles.filter(status="open").first(),
        )
    except MonevError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Finding recorded."))
    return back


@login_required
def finding_detail(request, pk: int):
    finding = get_finding_for_user(request, pk)
    unit = finding.plan.unit
    may_close = finding.owner_id == request.user.pk or can(request.user, Action.MANAGE_PLAN, unit)
    return render(
        request,
        "monev/finding.html",
        {
            "finding": finding,
            "plan": finding.plan,
            "form": FindingCloseForm(),
            "may_close": may_close,
            "items": finding.evidence.prefetch_related("versions"),
        },
    )


@login_required
@require_POST
def finding_close_view(request, pk: int):
    finding = get_finding_for_user(request, pk)
    unit = finding.plan.unit
    if finding.owner_id != request.user.pk:
        require(request.user, Action.MANAGE_PLAN, unit)
    form = FindingCloseForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Finding not closed: %(errors)s") % {"errors": _errors(form)})
        return redirect("monev:finding", pk=finding.pk)
    try:
        with transaction.atomic():
            item = _upload(request, unit, form.cleaned_data["file"], f"Tindak lanjut: {finding.title}")
            finding_close(
                finding=finding,
                follow_up=form.cleaned_data["follow_up"],
                by=request.user,
                evidence=[item] if item else None,
            )
    except (MonevError, FileRejected) as exc:
        messages.error(request, _("Finding not closed: %(errors)s") % {"errors": exc})
    else:
        messages.success(request, _("Finding closed."))
    return redirect("monev:finding", pk=finding.pk)


@login_required
def dashboard(request, unit_slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=unit_slug)
    today = timezone.localdate()
    plans = list(Plan.objects.filter(unit=unit).order_by("-year"))
    years = sorted(
        set(
            Plan.objects.filter(unit__path__startswith=unit.path)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )
    own = plans[0].year if plans else None  # the unit's own latest plan first
    year = as_int(request.GET.get("tahun")) or own or (years[0] if years else today.year)
    if not 2000 <= year <= 2100:
        year = today.year
    plan = next((p for p in plans if p.year == year), None)
    sort = request.GET.get("urut", "name")
    sort = sort if sort in SORTS else "name"
    descending = request.GET.get("arah") == "turun"
    rows = []
    has_children = unit.children.exists()
    if has_children:
        rows = descendant_rows(
            unit,
            year=year,
            today=today,
            query=request.GET.get("q", "")[:100],
            level=request.GET.get("tingkat", ""),
            sort=sort,
            descending=descending,
        )
    page = Paginator(rows, 100).get_page(request.GET.get("halaman"))
    return render(
        request,
        "monev/dashboard.html",
        {
            "unit": unit,
            "plan": plan,
            "year": year,
            "years": years,
            "overview": plan_overview(plan, today) if plan else None,
            "rows": page,
            "has_children": has_children,
            "sort": sort,
            "descending": descending,
            "levels": Level.choices,
            "q": request.GET.get("q", ""),
            "level": request.GET.get("tingkat", ""),
            "panels": render_panels("dashboard", request, unit=unit, year=year),
        },
    )


def teams_of(unit):
    return unit.teams.prefetch_related("members__changes__evidence__versions").select_related("decree")


@login_required
def teams(request, unit_slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=unit_slug)
    may_manage = can(request.user, Action.MANAGE_PLAN, unit)
    form = TeamForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        require(request.user, Action.MANAGE_PLAN, unit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    decree = _upload(
                        request, unit, data["decree_file"], f"SK {data['decree_number']}".strip()
                    )
                    team_save(
                        team=Team(
                            unit=unit,
                            kind=data["kind"],
                            decree_number=data["decree_number"],
                            decree=decree,
                            period_start=data["period_start"],
                            period_end=data["period_end"],
                        ),
                        by=request.user,
                    )
            except FileRejected as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Team saved."))
                return redirect("monev:teams", unit_slug=unit.slug)
    return render(
        request,
        "monev/teams.html",
        {
            "unit": unit,
            "teams": [
                (team, [(m, AgentChangeForm(auto_id=f"id_%s_{m.pk}")) for m in team.members.all()])
                for team in teams_of(unit)
            ],
            "form": form,
            "member_form": MemberForm(),
            "may_manage": may_manage,
        },
    )


@login_required
@require_POST
def team_member_add_view(request, pk: int):
    team = get_object_or_404(Team.objects.select_related("unit"), pk=pk)
    require(request.user, Action.MANAGE_PLAN, team.unit)
    form = MemberForm(request.POST)
    if form.is_valid():
        team_member_add(team=team, by=request.user, **form.cleaned_data)
        messages.success(request, _("Member added."))
    else:
        messages.error(request, _("Member not added: %(errors)s") % {"errors": _errors(form)})
    return redirect("monev:teams", unit_slug=team.unit.slug)


@login_required
@require_POST
def team_member_remove_view(request, pk: int):
    member = get_object_or_404(TeamMember.objects.select_related("team__unit"), pk=pk)
    require(request.user, Action.MANAGE_PLAN, member.team.unit)
    team_member_remove(member=member, by=request.user)
    messages.success(request, _("Member removed."))
    return redirect("monev:teams", unit_slug=member.team.unit.slug)


@login_required
@require_POST
def agent_change_view(request, pk: int):
    member = get_object_or_404(TeamMember.objects.select_related("team__unit"), pk=pk)
    unit = member.team.unit
    require(request.user, Action.MANAGE_PLAN, unit)
    form = AgentChangeForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Change not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("monev:teams", unit_slug=unit.slug)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            evidence = _upload(request, unit, data.pop("file"), f"Perubahan: {data['title']}")
            agent_change_record(member=member, by=request.user, evidence=evidence, **data)
    except (MonevError, FileRejected) as exc:
        messages.error(request, _("Change not saved: %(errors)s") % {"errors": exc})
    else:
        messages.success(request, _("Change recorded."))
    return redirect("monev:teams", unit_slug=unit.slug)


@login_required
@require_POST
def agent_change_integrate_view(request, pk: int):
    change = get_object_or_404(AgentChange.objects.select_related("member__team__unit"), pk=pk)
    unit = change.member.team.unit
    require(request.user, Action.MANAGE_PLAN, unit)
    form = IntegrateForm(request.POST)
    if form.is_valid():
        agent_change_integrate(change=change, by=request.user, **form.cleaned_data)
        messages.success(request, _("Change recorded as integrated."))
    else:
        messages.error(request, _("Change not saved: %(errors)s") % {"errors": _errors(form)})
    return redirect("monev:teams", unit_slug=unit.slug)
