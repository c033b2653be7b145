"""Complaint pages of the staff: entry, the detail page with its steps, the LAPOR! status,
statistics and the register export. The list, messages and assignment are the case engine's
(zona.cases.views), given kind="complaint" in urls.py; the public pages are views_public.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.registry import KINDS
from zona.cases.views import detail_context, form_step, get_case_for_user, staff_submission
from zona.evidence.views_exports import export_start
from zona.orgs.permissions import Action, can, unit_for

from .forms import LaporForm, StaffComplaintForm, StepForm
from .models import KIND, ComplaintType, LaporStatus
from .selectors import get_unit_for_user, units_under
from .services import (
    complaint_lapor_record,
    complaint_statistics,
    complaint_step,
    complaint_submit,
    lapor_out_of_step,
)
from .views_public import labelled, statistics_period


@login_required
def staff_new(request, slug: str):
    return staff_submission(
        request,
        slug,
        kind=KIND,
        form_class=StaffComplaintForm,
        submit=complaint_submit,
        title=_("Record a complaint"),
        intro=_("For complaints received in person, by WhatsApp, phone, letter, e-PPID or SP4N-LAPOR!."),
        done=_("Complaint %(number)s recorded. Tracking code for the reporter: %(code)s"),
    )


@login_required
def staff_detail(request, pk: int):
    case = get_case_for_user(request, pk, KIND)
    return render(
        request,
        "complaints/staff_detail.html",
        {
            **detail_context(request, case, KINDS[KIND]),
            "types": ComplaintType.choices,
            "lapor_form": LaporForm(
                initial={"synced_on": timezone.localdate(), "lapor_id": case.complaint.lapor_id}
            ),
            "lapor_out_of_step": lapor_out_of_step(case.complaint),
            "lapor_statuses": LaporStatus.choices,
        },
    )


@login_required
@require_POST
def staff_step(request, pk: int):
    case = get_case_for_user(request, pk, KIND)
    return form_step(
        request, KIND, pk, StepForm(request.POST), complaint_step, _("Status updated."), case=case
    )


@login_required
@require_POST
def staff_lapor(request, pk: int):
    case = get_case_for_user(request, pk, KIND)
    return form_step(
        request,
        KIND,
        pk,
        LaporForm(request.POST),
        complaint_lapor_record,
        _("SP4N-LAPOR! status recorded."),
        case=case,
    )


@login_required
def staff_statistics(request, slug: str):
    unit = get_unit_for_user(request, slug)
    start, end = statistics_period(request.GET)
    stats = complaint_statistics(units=units_under(unit), start=start, end=end)
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
            **labelled(stats),
        },
    )


@login_required
def staff_register(request, slug: str):
    """The register of the unit's complaints the user handles over a period: the page asks for
    it, the worker makes the XLSX (100,000 rows in flat memory)."""
    unit = unit_for(request, slug, Action.HANDLE_COMPLAINT)
    if request.method != "POST":
        start, end = statistics_period(request.GET)
        return render(request, "complaints/register.html", {"unit": unit, "start": start, "end": end})
    start, end = statistics_period(request.POST)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    back = reverse("complaints:register", args=[unit.slug])
    return export_start(request, kind="complaints.register", obj=unit, fmt="xlsx", params=params, back=back)
