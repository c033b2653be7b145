from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.models import Case
from zona.cases.public import limited, public_submission
from zona.cases.services import CaseError, case_find, deadline_explained, is_overdue
from zona.evidence.services import evidence_create_file
from zona.lib.files import FileRejected
from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import Action, can, require, roles_for

from .forms import AnswerForm, DecideForm, ItemForm, ObjectionForm, RequestForm
from .models import KIND, InformationItem, InformationRequest, Objection, workflow
from .services import (
    annual_report,
    annual_report_pdf,
    annual_report_xlsx,
    commission_window,
    is_stale,
    notice_pdf,
    objection_answer,
    objection_file,
    objection_window,
    request_decide,
    request_extend,
    request_submit,
)


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# -- public ----------------------------------------------------------------------------------
def public_form(request, slug: str):
    return public_submission(
        request,
        slug,
        form_class=RequestForm,
        template="ppid/public_form.html",
        done_template="ppid/public_done.html",
        group="ppid",
        submit=request_submit,
    )


def public_track(request, slug: str):
    """Number + code: the status, the decision and notice, the keberatan form and its answer."""
    unit = get_object_or_404(Unit, slug=slug)
    context = {"unit": unit}
    if request.method == "POST":
        if limited(request, "ppid-track"):
            return render(request, "ppid/public_track.html", {**context, "limited": True}, status=429)
        number, code = request.POST.get("number", "")[:80], request.POST.get("code", "")[:20]
        case = case_find(number, code)
        if case is None or case.unit_id != unit.pk or case.kind != KIND:
            context["not_found"] = True
            return render(request, "ppid/public_track.html", context)
        info = case.ppid
        today = timezone.localdate()
        if request.POST.get("do") == "notice" and info.decision:
            return _pdf(notice_pdf(info), f"pemberitahuan-{case.seq:06d}.pdf")
        form = ObjectionForm(request.POST if request.POST.get("do") == "object" else None)
        if form.is_bound and form.is_valid():
            try:
                objection = objection_file(
                    request=info,
                    grounds=form.cleaned_data["grounds"],
                    case_position=form.cleaned_data["case_position"],
                )
                messages.success(
                    request,
                    _("Keberatan %(number)s registered; the PPID superior answers by %(date)s.")
                    % {"number": objection.number, "date": f"{objection.response_due:%d-%m-%Y}"},
                )
                form = ObjectionForm()
            except CaseError as exc:
                form.add_error(None, str(exc))
        objections = [(o, commission_window(o)) for o in info.objections.all()]
        context.update(
            {
                "case": case,
                "info": info,
                "code": code,
                "state": workflow().states[case.state],
                "form": form,
                "objections": objections,
                "window": objection_window(info, today),
                "may_object": bool(info.decision) or is_overdue(case, workflow(), today),
                "conversation": case.messages.filter(internal=False),
            }
        )
    return render(request, "ppid/public_track.html", context)


def public_dip(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    today = timezone.localdate()
    items = [
        (i, is_stale(i, today))
        for i in InformationItem.objects.public()
        .filter(unit=unit)
        .select_related("document")
        .prefetch_related("document__versions")
    ]
    return render(request, "ppid/public_dip.html", {"unit": unit, "items": items})


def public_dip_file(request, slug: str, pk: int):
    item = get_object_or_404(
        InformationItem.objects.public().select_related("document"), unit__slug=slug, pk=pk
    )
    version = item.document.versions.first() if item.document else None
    if version is None:
        raise Http404
    from django.http import FileResponse

    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.original_name)


# -- staff -----------------------------------------------------------------------------------
HANDLERS = roles_for(Action.HANDLE_PPID)


def get_request_for_user(request, pk: int) -> Case:
    case = get_object_or_404(
        Case.objects.visible_to(request.user).filter(kind=KIND).select_related("unit", "ppid"), pk=pk
    )
    require(request.user, Action.HANDLE_PPID, case.unit)
    return case


@login_required
def staff_list(request):
    cases = (
        Case.objects.visible_to(request.user, roles=HANDLERS).filter(kind=KIND).select_related("unit", "ppid")
    )
    today = timezone.localdate()
    units = Unit.objects.filter(unit_scope_q(request.user, prefix="", roles=HANDLERS))
    return render(
        request,
        "ppid/staff_list.html",
        {"rows": [(c, is_overdue(c, workflow(), today)) for c in cases[:300]], "units": units},
    )


@login_required
def staff_detail(request, pk: int):
    case = get_request_for_user(request, pk)
    flow = workflow()
    return render(
        request,
        "ppid/staff_detail.html",
        {
            "case": case,
            "info": case.ppid,
            "state": flow.states[case.state],
            "steps": flow.allowed(case.state),
            "decide": DecideForm(),
            "events": case.events.select_related("actor"),
            "objections": [(o, commission_window(o)) for o in case.ppid.objections.all()],
            "answer_form": AnswerForm(),
            "may_answer": can(request.user, Action.ANSWER_OBJECTION, case.unit),
            "overdue": is_overdue(case, flow, timezone.localdate()),
            "explained": deadline_explained(case),
        },
    )


@login_required
@require_POST
def staff_extend(request, pk: int):
    case = get_request_for_user(request, pk)
    try:
        request_extend(case=case, reason=request.POST.get("reason", "")[:2000], by=request.user)
        messages.success(request, _("Extended."))
    except CaseError as exc:
        messages.error(request, str(exc))
    return redirect("ppid:detail", pk=pk)


@login_required
@require_POST
def staff_decide(request, pk: int):
    case = get_request_for_user(request, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            request_decide(case=case, by=request.user, **form.cleaned_data)
            messages.success(request, _("Decision recorded; the written notice is ready."))
        except CaseError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, form.errors.as_text())
    return redirect("ppid:detail", pk=pk)


@login_required
def staff_notice(request, pk: int):
    case = get_request_for_user(request, pk)
    if not case.ppid.decision:
        raise Http404
    return _pdf(notice_pdf(case.ppid), f"pemberitahuan-{case.seq:06d}.pdf")


@login_required
@require_POST
def staff_answer(request, pk: int):
    objection = get_object_or_404(
        Objection.objects.visible_to(request.user).select_related("request__case__unit"), pk=pk
    )
    require(request.user, Action.ANSWER_OBJECTION, objection.request.case.unit)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            objection_answer(objection=objection, by=request.user, **form.cleaned_data)
            messages.success(request, _("The keberatan is answered."))
        except CaseError as exc:
            messages.error(request, str(exc))
    return redirect("ppid:detail", pk=objection.request.case_id)


@login_required
def registers(request, slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, Action.HANDLE_PPID, unit)
    year = int(request.GET.get("tahun") or timezone.localdate().year)
    requests = (
        InformationRequest.objects.filter(case__unit=unit, case__received_on__year=year)
        .select_related("case")
        .order_by("case__seq")
    )
    objections = Objection.objects.filter(request__case__unit=unit, received_on__year=year).select_related(
        "request__case"
    )
    return render(
        request,
        "ppid/registers.html",
        {
            "unit": unit,
            "year": year,
            "requests": requests,
            "objections": objections,
            "report": annual_report(unit=unit, year=year),
        },
    )


@login_required
def report_file(request, slug: str, year: int, fmt: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, Action.HANDLE_PPID, unit)
    report = annual_report(unit=unit, year=year)
    if fmt == "pdf":
        return _pdf(annual_report_pdf(report), f"laporan-ppid-{unit.code.lower()}-{year}.pdf")
    response = HttpResponse(
        annual_report_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="laporan-ppid-{unit.code.lower()}-{year}.xlsx"'
    return response


@login_required
def dip_manage(request, slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, Action.HANDLE_PPID, unit)
    form = ItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                document = (
                    evidence_create_file(unit=unit, title=data["title"], upload=data["file"], by=request.user)
                    if data["file"]
                    else None
                )
                InformationItem.objects.create(
                    unit=unit,
                    title=data["title"],
                    summary=data["summary"],
                    category=data["category"],
                    responsible=data["responsible"],
                    updated_on=data["updated_on"],
                    document=document,
                    exemption_basis=data["exemption_basis"],
                    consequence_test=data["consequence_test"],
                    tested_on=timezone.localdate() if data["consequence_test"] else None,
                    created_by=request.user,
                )
        except FileRejected as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Saved in the Daftar Informasi Publik."))
            return redirect("ppid:dip", slug=slug)
    today = timezone.localdate()
    items = [(i, is_stale(i, today)) for i in InformationItem.objects.filter(unit=unit)]
    return render(request, "ppid/dip_manage.html", {"unit": unit, "items": items, "form": form})
