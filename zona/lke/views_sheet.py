"""Importing a filled LKE sheet into an assessment's self-assessment: upload → preview (the
score it gives, what was read differently from written, the rows not read) → save.

Only the uploaded file waits between the steps, kept as the plan importer keeps its file
(zona.plans.uploads: private storage, the uploader's own folder, a day): the session holds its
key and the assessment, never the values read from it, and the save reads the file again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import outcome
from zona.lib.readers import ReadError, check_size
from zona.orgs.permissions import Action
from zona.plans.uploads import Upload, upload_find, upload_forget, upload_keep, uploads_clean

from .forms import SheetForm
from .models import Level
from .scoring import AnswerError
from .selectors import get_assessment_for_user, self_answers_among, sheet_result
from .services import AssessmentError, instrument_of, sheet_import
from .sheet import SheetError, read_sheet

SESSION_KEY = "zona_lke_sheet"  # the kept file's key and the assessment, nothing else
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
        return render(request, "lke/sheet_upload.html", {**context, "problems": exc.problems})
    instrument = instrument_of(assessment)
    try:
        data = upload.read()
        sheet = read_sheet(data, upload.name or "", instrument)
    except SheetError as exc:
        return render(request, "lke/sheet_upload.html", {**context, "problems": exc.problems[:SHOWN]})
    _forget(request)
    uploads_clean()
    key = upload_keep(
        request.user,
        data,
        filename=(upload.name or "")[:200],
        unit=assessment.unit_id,
        year=assessment.year,
        replace=False,
    )
    request.session[SESSION_KEY] = {"assessment": assessment.pk, "key": key}
    result = sheet_result(assessment, sheet.answers)
    return render(
        request,
        "lke/sheet_preview.html",
        {
            "assessment": assessment,
            "sheet": sheet,
            "result": result,
            "instrument": instrument,
            "replaced": self_answers_among(assessment, sheet.answers),
            "problems": sheet.problems[:SHOWN],
            "normalised": sheet.normalised[:SHOWN],
            "ignored": sheet.ignored[:SHOWN],
            "parts": [n for n in instrument.nodes.values() if n.area is not None and not n.is_group]
            + [instrument.nodes["B"]],
        },
    )


def _forget(request) -> None:
    held = request.session.pop(SESSION_KEY, None) or {}
    upload_forget(request.user, held.get("key"))


def _held(request, assessment) -> Upload | None:
    """The file kept for this assessment's import (None when gone, expired or not the user's)."""
    held = request.session.get(SESSION_KEY) or {}
    if held.get("assessment") != assessment.pk:
        return None
    upload = upload_find(request.user, held.get("key"))
    return upload if upload is not None and upload.unit == assessment.unit_id else None


def _import(assessment, upload: Upload, by) -> int:
    """Read the kept file again and save what it gives: what the preview showed."""
    sheet = read_sheet(upload.data(), upload.filename, instrument_of(assessment))
    return sheet_import(
        assessment=assessment, values=sheet.values(), notes=sheet.notes, source=upload.filename, by=by
    )


@login_required
@require_POST
def sheet_confirm(request, pk: int):
    assessment = _editable(request, pk)
    upload = _held(request, assessment)
    if upload is None:
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("lke:sheet", pk=assessment.pk)
    saved = outcome(
        request, lambda: _import(assessment, upload, request.user), (AssessmentError, AnswerError, SheetError)
    )
    if saved is None:
        return redirect("lke:detail", pk=assessment.pk)
    _forget(request)
    messages.success(request, _("%(n)s answers imported from the LKE sheet.") % {"n": saved})
    return redirect("lke:detail", pk=assessment.pk)
