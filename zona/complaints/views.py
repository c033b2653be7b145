"""Complaint pages: the public form, staff entry, the detail page with its steps, the LAPOR!
status, statistics and the register export. The list, messages, assignment and tracking are
the case engine's (zona.cases.views), given kind="complaint" in urls.py."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.models import Case
from zona.cases.public import public_submission
from zona.cases.registry import KINDS
from zona.cases.services import CaseError
from zona.cases.tracking import case_reply_limited
from zona.cases.views import detail_context, form_step, get_case_for_user, staff_submission
from zona.evidence.views_exports import export_start
from zona.lib.feedback import attempt
from zona.lib.guards import public_form as limited_form
from zona.lib.records import parse_date
from zona.orgs.permissions import Action, can, unit_for

from .forms import ComplaintForm, LaporForm, ReplyForm, StaffComplaintForm, StepForm
from .models import KIND, Category, Channel, ComplaintType, LaporStatus
from .selectors import get_unit_for_user, unit_public, units_under
from .services import (
    complaint_confirm,
    complaint_lapor_record,
    complaint_reply,
    complaint_statistics,
    complaint_step,
    complaint_submit,
    lapor_out_of_step,
)


@limited_form(KIND)
def public_form(request, slug: str):
    return public_submission(
        request,
        slug,
        kind=KIND,
        form_class=ComplaintForm,
        template="complaints/public_form.html",
        done_template="complaints/public_done.html",
        submit=complaint_submit,
    )


def track(request, case: Case, code: str) -> dict:
    """The complaint's part of the tracking page: the reporter's reply, and once the follow-up
    is completed, the reporter's confirmation that it settles the complaint."""
    if "confirm" in request.POST:
        attempt(
            request,
            lambda: complaint_confirm(case=case),
            CaseError,
            _("Thank you: the complaint is closed as settled."),
        )
        case.refresh_from_db()
    elif "text" in request.POST:
        attempt(request, lambda: _reply(request, case), CaseError, _("Your reply was sent."))
    return {"reply": ReplyForm(), "awaiting_confirmation": case.state == "menunggu_konfirmasi"}


def _reply(request, case: Case) -> None:
    reply = ReplyForm(request.POST)
    if not reply.is_valid():
        raise CaseError(_("The message is empty."))
    if case_reply_limited(request, case):
        raise CaseError(_("Too many replies on this case for now. Please try again in an hour."))
    complaint_reply(case=case, text=reply.cleaned_data["text"])


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


def _period(data) -> tuple[date, date]:
    today = timezone.localdate()
    start = parse_date(data.get("dari", "")[:40]) or date(today.year, 1, 1)
    end = parse_date(data.get("sampai", "")[:40]) or today
    return start, end


@login_required
def staff_statistics(request, slug: str):
    unit = get_unit_for_user(request.user, slug)
    start, end = _period(request.GET)
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
        start, end = _period(request.GET)
        return render(request, "complaints/register.html", {"unit": unit, "start": start, "end": end})
    start, end = _period(request.POST)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    back = reverse("complaints:register", args=[unit.slug])
    return export_start(request, kind="complaints.register", obj=unit, fmt="xlsx", params=params, back=back)


def labelled(stats) -> dict:
    """The statistics' channel and category counts under their labels ("Formulir situs web",
    not the stored "web"); a key no longer among the choices is shown as stored."""
    channels, categories = dict(Channel.choices), dict(Category.choices)
    return {
        "by_channel": [(channels.get(key, key or "–"), n) for key, n in stats.by_channel.items()],
        "by_category": [(categories.get(key, key or "–"), n) for key, n in stats.by_category.items()],
    }


def public_statistics(request, slug: str):
    unit = unit_public(slug)
    start, end = _period(request.GET)
    stats = complaint_statistics(units=[unit], start=start, end=end)
    return render(
        request,
        "complaints/statistics.html",
        {"unit": unit, "stats": stats, "start": start, "end": end, "public": True, **labelled(stats)},
    )
