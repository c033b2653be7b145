from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.models import Case, Sender
from zona.cases.public import form_fields, limited, public_submission
from zona.cases.services import (
    CaseError,
    case_assign,
    case_find,
    case_message,
    deadline_explained,
    is_overdue,
)
from zona.lib.files import FileRejected
from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import Action, can, require, roles_for

from .forms import ComplaintForm, ReplyForm, StaffComplaintForm, StepForm, TrackForm
from .models import KIND, ComplaintType, workflow
from .services import complaint_reply, complaint_statistics, complaint_step, complaint_submit


def public_form(request, slug: str):
    return public_submission(
        request,
        slug,
        form_class=ComplaintForm,
        template="complaints/public_form.html",
        done_template="complaints/public_done.html",
        group="complaint",
        submit=complaint_submit,
    )


def public_track(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    data = request.POST if request.method == "POST" else None
    form = TrackForm(data)
    case = None
    if data is not None:
        if limited(request, "track"):
            return render(
                request,
                "complaints/public_track.html",
                {"unit": unit, "form": form, "limited": True},
                status=429,
            )
        if form.is_valid():
            case = case_find(form.cleaned_data["number"], form.cleaned_data["code"])
            if case is None or case.unit_id != unit.pk or case.kind != KIND:
                case = None
                form.add_error(None, _("No complaint matches this number and code."))
            elif "text" in request.POST:
                reply = ReplyForm(request.POST)
                try:
                    if not reply.is_valid():
                        raise CaseError(_("The message is empty."))
                    complaint_reply(case=case, text=reply.cleaned_data["text"])
                    messages.success(request, _("Your reply was sent."))
                except CaseError as exc:
                    messages.error(request, str(exc))
    context = {"unit": unit, "form": form, "case": case}
    if case is not None:
        context.update(
            {
                "events": case.events.filter(public=True),
                "state": workflow().states[case.state],
                "conversation": case.messages.filter(internal=False),
                "reply": ReplyForm(initial={"number": case.number, "code": form.cleaned_data["code"]}),
                "is_final": workflow().states[case.state].final,
            }
        )
    return render(request, "complaints/public_track.html", context)


# -- staff -----------------------------------------------------------------------------------
HANDLERS = roles_for(Action.HANDLE_COMPLAINT)


def get_case_for_user(request, pk: int) -> Case:
    case = get_object_or_404(
        Case.objects.visible_to(request.user)
        .filter(kind=KIND)
        .select_related("unit", "complaint", "assigned_to"),
        pk=pk,
    )
    require(request.user, Action.HANDLE_COMPLAINT, case.unit)
    return case


@login_required
def staff_list(request):
    cases = (
        Case.objects.visible_to(request.user, roles=HANDLERS)
        .filter(kind=KIND)
        .select_related("unit", "complaint", "assigned_to")
    )
    state = request.GET.get("status", "")
    if state in workflow().states:
        cases = cases.filter(state=state)
    today = timezone.localdate()
    rows = [(c, is_overdue(c, workflow(), today)) for c in cases[:300]]
    units = Unit.objects.filter(unit_scope_q(request.user, prefix="", roles=HANDLERS))
    return render(
        request,
        "complaints/staff_list.html",
        {"rows": rows, "states": workflow().states, "state": state, "units": units},
    )


@login_required
def staff_new(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    require(request.user, Action.HANDLE_COMPLAINT, unit)
    form = StaffComplaintForm(
        request.POST or None, request.FILES or None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            case, code = complaint_submit(unit=unit, by=request.user, **form_fields(form))
        except (CaseError, FileRejected) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Complaint %(number)s recorded. Tracking code for the reporter: %(code)s")
                % {"number": case.number, "code": code},
            )
            return redirect("complaints:detail", pk=case.pk)
    return render(request, "complaints/staff_new.html", {"unit": unit, "form": form})


@login_required
def staff_detail(request, pk: int):
    case = get_case_for_user(request, pk)
    flow = workflow()
    officers = get_user_model().objects.filter(roles__unit=case.unit, roles__role__in=HANDLERS).distinct()
    return render(
        request,
        "complaints/staff_detail.html",
        {
            "case": case,
            "state": flow.states[case.state],
            "steps": flow.allowed(case.state),
            "events": case.events.select_related("actor"),
            "conversation": case.messages.select_related("author"),
            "attachments": case.attachments.all(),
            "types": ComplaintType.choices,
            "officers": officers,
            "overdue": is_overdue(case, flow, timezone.localdate()),
            "explained": deadline_explained(case),
        },
    )


@login_required
@require_POST
def staff_step(request, pk: int):
    case = get_case_for_user(request, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            complaint_step(
                case=case,
                action=form.cleaned_data["action"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                complaint_type=form.cleaned_data["complaint_type"],
            )
            messages.success(request, _("Status updated."))
        except CaseError as exc:
            messages.error(request, str(exc))
    return redirect("complaints:detail", pk=pk)


@login_required
@require_POST
def staff_message(request, pk: int):
    case = get_case_for_user(request, pk)
    try:
        case_message(
            case=case,
            sender=Sender.OFFICER,
            text=request.POST.get("text", "")[:5000],
            by=request.user,
            internal=request.POST.get("internal") == "1",
        )
        messages.success(request, _("Message saved."))
    except CaseError as exc:
        messages.error(request, str(exc))
    return redirect("complaints:detail", pk=pk)


@login_required
@require_POST
def staff_assign(request, pk: int):
    case = get_case_for_user(request, pk)
    officer = None
    if request.POST.get("officer"):
        officer = get_object_or_404(get_user_model(), pk=request.POST["officer"], roles__unit=case.unit)
    case_assign(case=case, officer=officer, by=request.user)
    return redirect("complaints:detail", pk=pk)


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("dari", ""))
    except ValueError:
        start = date(today.year, 1, 1)
    try:
        end = date.fromisoformat(request.GET.get("sampai", ""))
    except ValueError:
        end = today
    return start, end


@login_required
def staff_statistics(request, slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    start, end = _period(request)
    units = Unit.objects.filter(path__startswith=unit.path)
    stats = complaint_statistics(units=units, start=start, end=end)
    return render(
        request,
        "complaints/statistics.html",
        {
            "unit": unit,
            "stats": stats,
            "start": start,
            "end": end,
            "public": False,
            "can_handle": can(request.user, Action.HANDLE_COMPLAINT, unit),
        },
    )


def public_statistics(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    start, end = _period(request)
    stats = complaint_statistics(units=[unit], start=start, end=end)
    return render(
        request,
        "complaints/statistics.html",
        {"unit": unit, "stats": stats, "start": start, "end": end, "public": True},
    )
