"""What the public sees of the PPID (no sign-in): the request form, the request's part of the
case engine's tracking page (the decision and its notice, the keberatan) and the Daftar
Informasi Publik with its files. The tracking page itself is the engine's
(zona.cases.views_public), given kind="ppid" in urls_public.py."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.cases.models import Case
from zona.cases.public import public_submission
from zona.cases.services import CaseError, is_overdue
from zona.cases.tracking import case_reply_limited
from zona.lib.feedback import attempt_on_form
from zona.lib.guards import public_form as limited_form
from zona.lib.render import pdf_response
from zona.lib.text import as_int

from .exporters import notice_pdf
from .forms import ObjectionForm, RequestForm
from .models import KIND
from .objections import commission_window, objection_file, objection_window
from .selectors import dip_public, dip_public_item, service_year, unit_public
from .services import is_stale, request_submit


@limited_form(KIND)
def public_form(request, slug: str):
    return public_submission(
        request,
        slug,
        kind=KIND,
        form_class=RequestForm,
        template="ppid/public_form.html",
        done_template="ppid/public_done.html",
        submit=request_submit,
    )


def track(request, case: Case, code: str):
    """The request's part of the tracking page: the decision and its notice, the keberatan
    form and the answers, the window to the Komisi Informasi."""
    info = case.ppid
    today = timezone.localdate()
    if request.POST.get("do") == "notice" and info.decision:
        return pdf_response(notice_pdf(info), f"pemberitahuan-{case.seq:06d}.pdf")
    form = ObjectionForm(request.POST if request.POST.get("do") == "object" else None)
    if form.is_bound and form.is_valid():
        objection = attempt_on_form(form, lambda: _object(request, case, form.cleaned_data), CaseError)
        if objection is not None:
            messages.success(
                request,
                _("Keberatan %(number)s registered; the PPID superior answers by %(date)s.")
                % {"number": objection.number, "date": f"{objection.response_due:%d-%m-%Y}"},
            )
            form = ObjectionForm()
    return {
        "info": info,
        "form": form,
        "objections": [(o, commission_window(o)) for o in info.objections.all()],
        "window": objection_window(info, today),
        "may_object": bool(info.decision) or is_overdue(case, today),
    }


def _object(request, case: Case, data: dict):
    """The citizen's keberatan, unless they replied too often on the case for now."""
    if case_reply_limited(request, case):
        raise CaseError(_("Too many replies on this case for now. Please try again in an hour."))
    return objection_file(request=case.ppid, grounds=data["grounds"], case_position=data["case_position"])


def public_dip(request, slug: str):
    """The public DIP; with `?tahun=` as it stood at the end of that year (what the LKE's
    A.I.2.iii counted: the items, their staleness then, the annual report sent in the year)."""
    unit = unit_public(slug)
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun"), 0)
    year = year if 2000 <= year <= today.year else 0
    as_of = min(today, date(year, 12, 31)) if year else today
    items = [(i, is_stale(i, as_of)) for i in dip_public(unit, as_of)]
    context = {"unit": unit, "items": items, "year": year, "as_of": as_of}
    if year:
        context["reports_sent"], context["requests"] = service_year(unit, year)
    return render(request, "ppid/public_dip.html", context)


def public_dip_file(request, slug: str, pk: int):
    item = dip_public_item(slug, pk)
    if item.document is None or item.document.restricted_to:
        raise Http404
    version = item.document.versions.first()
    if version is None:
        raise Http404
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.download_name)
