"""Importing a filled LKE sheet into an assessment's self-assessment: upload → preview (the
score it gives, what was read differently from written, the rows not read) → save."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.readers import ReadError, check_size
from zona.orgs.permissions import Action

from .forms import SheetForm
from .models import Level
from .scoring import AnswerError
from .selectors import sheet_result
from .services import AssessmentError, instrument_of, sheet_import
from .sheet import SheetError, read_sheet
from .views import get_assessment_for_user

SESSION_KEY = "zona_lke_sheet"
SHOWN = 100


def _editable(request, pk: int):
    assessment = get_assessment_for_user(request, pk, Action.MANAGE_PLAN)
    if assessment.editable_level() != Level.SELF:
        raise PermissionDenied  # submitted or final: the self-assessment is frozen
    return assessment


@login_required
def sheet_upload(request, pk: int):
    assessment = _editable(request, pk)
    form = SheetForm(request.POST or None, request.FILES or None)
    context = {"assessment": assessment, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "lke/sheet_upload.html", context)
    upload = form.cleaned_data["file"]
    try:
        check_size(upload.size)  # before the upload is read into memory
    except ReadError as exc:
        return render(request, "lke/sheet_upload.html", {**context, "problems": [str(exc)]})
    instrument = instrument_of(assessment)
    try:
        sheet = read_sheet(upload.read(), upload.name or "", instrument)
    except SheetError as exc:
        return render(request, "lke/sheet_upload.html", {**context, "problems": exc.problems[:SHOWN]})
    request.session[SESSION_KEY] = {
        "assessment": assessment.pk,
        "source": (upload.name or "")[:200],
        "values": sheet.values(),
        "notes": sheet.notes,
    }
    result = sheet_result(assessment, sheet.answers)
    return render(
        request,
        "lke/sheet_preview.html",
        {
            "assessment": assessment,
            "sheet": sheet,
            "result": result,
            "instrument": instrument,
            "replaced": assessment.answers.filter(level=Level.SELF, ref__in=list(sheet.answers)).count(),
            "problems": sheet.problems[:SHOWN],
            "normalised": sheet.normalised[:SHOWN],
            "ignored": sheet.ignored[:SHOWN],
            "parts": [n for n in instrument.nodes.values() if n.area is not None and not n.is_group]
            + [instrument.nodes["B"]],
        },
    )


@login_required
@require_POST
def sheet_confirm(request, pk: int):
    assessment = _editable(request, pk)
    pending = request.session.get(SESSION_KEY) or {}
    if pending.get("assessment") != assessment.pk:
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("lke:sheet", pk=assessment.pk)
    try:
        saved = sheet_import(
            assessment=assessment,
            values=pending["values"],
            notes=pending["notes"],
            source=pending["source"],
            by=request.user,
        )
    except (AssessmentError, AnswerError) as exc:
        messages.error(request, str(exc))
        return redirect("lke:detail", pk=assessment.pk)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("%(n)s answers imported from the LKE sheet.") % {"n": saved})
    return redirect("lke:detail", pk=assessment.pk)
