"""PPID pages of the staff. The list, messages and assignment are the case engine's
(zona.cases.views, kind="ppid"); this module adds the desk's form, the detail page and its
steps, the registers, the annual report and the management of the Daftar Informasi Publik. The
public pages are views_public.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.registry import KINDS
from zona.cases.services import CaseError
from zona.cases.views import detail_context, form_step, staff_submission
from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, attempt_on_form
from zona.lib.records import parse_date
from zona.lib.render import pdf_response
from zona.lib.text import as_int
from zona.orgs.permissions import Action, can, require

from .exporters import annual_report_pdf, annual_report_xlsx, notice_pdf
from .forms import (
    AnswerForm,
    DecideForm,
    DeliveryForm,
    DisputeForm,
    DisputeUpdateForm,
    ExtendForm,
    ItemForm,
    ReceiptForm,
    ReportTextForm,
    StaffObjectionForm,
    StaffRequestForm,
)
from .models import KIND, Objection
from .objections import (
    commission_window,
    dispute_record,
    dispute_update,
    objection_answer,
    objection_answer_received,
    objection_file,
)
from .report import (
    NARRATIVE,
    annual_report,
    report_submitted,
    report_text_save,
)
from .selectors import (
    dip_all,
    get_dispute_for_user,
    get_objection_for_user,
    get_ppid_unit_for_user,
    get_request_for_user,
    objections_with_disputes,
    registers_of,
)
from .services import (
    dip_item_create,
    is_stale,
    request_decide,
    request_deliver,
    request_extend,
    request_submit,
)


@login_required
def staff_new(request, slug: str):
    return staff_submission(
        request,
        slug,
        kind=KIND,
        form_class=StaffRequestForm,
        submit=request_submit,
        title=_("Record a request"),
        intro=_(
            "For requests received at the desk, by WhatsApp, letter, e-mail or e-PPID: they go on the same "
            "register, and the 10 working days count from the date received."
        ),
        done=_("Request %(number)s registered. Tracking code for the applicant: %(code)s"),
    )


@login_required
def staff_detail(request, pk: int):
    case = get_request_for_user(request, pk)
    return render(
        request,
        "ppid/staff_detail.html",
        {
            **detail_context(request, case, KINDS[KIND]),
            "info": case.ppid,
            "decide": DecideForm(unit=case.unit),
            "deliver": DeliveryForm(
                initial={"delivered_on": timezone.localdate(), "via": case.ppid.delivery}
            ),
            "objections": [
                {
                    "objection": o,
                    "window": commission_window(o),
                    "answer_form": AnswerForm(auto_id=f"id_%s_{o.pk}"),
                    "receipt_form": ReceiptForm(auto_id=f"id_%s_r{o.pk}"),
                    "dispute_form": DisputeForm(auto_id=f"id_%s_d{o.pk}"),
                    "disputes": [(d, DisputeUpdateForm(auto_id=f"id_%s_u{d.pk}")) for d in o.disputes.all()],
                }
                for o in objections_with_disputes(case.ppid)
            ],
            "objection_form": StaffObjectionForm(initial={"received_on": timezone.localdate()}),
            "may_answer": can(request.user, Action.ANSWER_OBJECTION, case.unit),
        },
    )


def _step(http, pk: int, form, service, success: str, **extra):
    return form_step(http, KIND, pk, form, service, success, **extra)


@login_required
@require_POST
def staff_extend(request, pk: int):
    case = get_request_for_user(request, pk)
    return _step(request, pk, ExtendForm(request.POST), request_extend, _("Extended."), case=case)


@login_required
@require_POST
def staff_decide(request, pk: int):
    case = get_request_for_user(request, pk)
    form = DecideForm(request.POST, unit=case.unit)
    return _step(
        request, pk, form, request_decide, _("Decision recorded; the written notice is ready."), case=case
    )


@login_required
@require_POST
def staff_deliver(request, pk: int):
    case = get_request_for_user(request, pk)
    form = DeliveryForm(request.POST, request.FILES)
    return _step(request, pk, form, request_deliver, _("Delivery recorded."), case=case)


@login_required
def staff_notice(request, pk: int):
    case = get_request_for_user(request, pk)
    if not case.ppid.decision:
        raise Http404
    return pdf_response(notice_pdf(case.ppid), f"pemberitahuan-{case.seq:06d}.pdf")


@login_required
@require_POST
def staff_objection(request, pk: int):
    """A keberatan received at the desk, by letter, WhatsApp, e-mail or e-PPID."""
    case = get_request_for_user(request, pk)
    form = StaffObjectionForm(request.POST)
    return _step(request, pk, form, objection_file, _("Keberatan registered."), request=case.ppid)


def _objection(request, pk: int, action: Action) -> Objection:
    """The keberatan (404 when not seen) if the user may do `action` on its unit (403)."""
    objection = get_objection_for_user(request, pk)
    require(request.user, action, objection.request.case.unit)
    return objection


@login_required
@require_POST
def staff_answer(request, pk: int):
    objection = _objection(request, pk, Action.ANSWER_OBJECTION)
    form = AnswerForm(request.POST)
    case_id = objection.request.case_id
    return _step(
        request, case_id, form, objection_answer, _("The keberatan is answered."), objection=objection
    )


@login_required
@require_POST
def staff_answer_received(request, pk: int):
    objection = _objection(request, pk, Action.ANSWER_OBJECTION)
    return _step(
        request, objection.request.case_id, ReceiptForm(request.POST), objection_answer_received,
        _("The receipt of the answer is recorded."), objection=objection,
    )  # fmt: skip


@login_required
@require_POST
def staff_dispute(request, pk: int):
    objection = _objection(request, pk, Action.HANDLE_PPID)
    form = DisputeForm(request.POST)
    return _step(
        request, objection.request.case_id, form, dispute_record, _("Dispute recorded."), objection=objection
    )


@login_required
@require_POST
def staff_dispute_update(request, pk: int):
    dispute = get_dispute_for_user(request, pk)
    require(request.user, Action.HANDLE_PPID, dispute.objection.request.case.unit)
    form = DisputeUpdateForm(request.POST)
    case_id = dispute.objection.request.case_id
    return _step(request, case_id, form, dispute_update, _("Dispute updated."), dispute=dispute)


def _year(request) -> int:
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun"), today.year)
    return year if 2000 <= year <= today.year + 1 else today.year


@login_required
def registers(request, slug: str):
    unit = get_ppid_unit_for_user(request, slug)
    year = _year(request)
    requests, objections = registers_of(unit, year)
    report = annual_report(unit=unit, year=year)
    text_form = ReportTextForm(initial={name: getattr(report.text, name) for name in NARRATIVE})
    return render(
        request,
        "ppid/registers.html",
        {
            "unit": unit,
            "year": year,
            "requests": requests,
            "objections": objections,
            "report": report,
            "text_form": text_form,
        },
    )


@login_required
@require_POST
def report_text(request, slug: str, year: int):
    unit = get_ppid_unit_for_user(request, slug)
    back = redirect(reverse("ppid:registers", args=[unit.slug]) + f"?tahun={year}")
    if request.POST.get("submitted_on"):
        submitted_on = parse_date(request.POST["submitted_on"][:40])
        if submitted_on is None:
            messages.error(request, _("Give a valid date."))
        else:
            attempt(
                request,
                lambda: report_submitted(unit=unit, year=year, submitted_on=submitted_on, by=request.user),
                CaseError,
                _("The date the report was sent is recorded."),
            )
        return back
    form = ReportTextForm(request.POST)
    if form.is_valid():
        report_text_save(unit=unit, year=year, by=request.user, **form.cleaned_data)
        messages.success(request, _("Report text saved."))
    else:
        messages.error(request, form.errors.as_text())
    return back


@login_required
def report_file(request, slug: str, year: int, fmt: str):
    unit = get_ppid_unit_for_user(request, slug)
    report = annual_report(unit=unit, year=year)
    if fmt == "pdf":
        return pdf_response(annual_report_pdf(report), f"laporan-ppid-{unit.code.lower()}-{year}.pdf")
    if fmt != "xlsx":
        raise Http404
    response = HttpResponse(
        annual_report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="laporan-ppid-{unit.code.lower()}-{year}.xlsx"'
    return response


@login_required
def dip_manage(request, slug: str):
    unit = get_ppid_unit_for_user(request, slug)
    form = ItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        item = attempt_on_form(
            form, lambda: dip_item_create(unit=unit, by=request.user, **form.cleaned_data), RuleError
        )
        if item is not None:
            messages.success(request, _("Saved in the Daftar Informasi Publik."))
            return redirect("ppid:dip", slug=slug)
    today = timezone.localdate()
    items = [(i, is_stale(i, today)) for i in dip_all(unit)]
    return render(request, "ppid/dip_manage.html", {"unit": unit, "items": items, "form": form})
