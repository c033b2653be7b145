"""The pages every case kind shares: the officers' list, messages, assignment and attachments
(the citizen's tracking page is views_public.py). A kind's URLs pass `kind=` to these views (see
docs/adding-a-case-module.md); its own views add only its form, detail page and steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, attempt_on_form
from zona.lib.text import as_int
from zona.orgs.permissions import unit_for

from .incidents import case_mark_incident, is_marked, may_mark
from .models import Case, Sender
from .public import form_fields
from .registry import KINDS, CaseKind, units_handled
from .selectors import cases_handled, get_attachment_for_user, get_case_for_user
from .services import (
    CaseError,
    case_assign,
    case_message,
    deadline_explained,
    is_overdue,
)


def detail_context(request, case: Case, spec: CaseKind) -> dict:
    """What every kind's detail page shows besides its own fields."""
    flow = spec.workflow()
    return {
        "case": case,
        "spec": spec,
        "state": flow.states[case.state],
        "steps": flow.allowed(case.state),
        "events": case.events.select_related("actor"),
        "conversation": case.messages.select_related("author"),
        "attachments": case.attachments.all(),
        "officers": spec.officers(case),
        "overdue": is_overdue(case, timezone.localdate()),
        "explained": deadline_explained(case),
        "show_identity": spec.may_see_identity(request.user, case),
        "may_mark_incident": may_mark(request.user, case.unit),
        "incident_marked": is_marked(case),
    }


def form_step(http, kind: str, pk: int, form, service, success: str, **extra):
    """A step posted from a case page (`http`: the request): validate its form, call the module's
    service with the form's fields; a broken rule or an invalid form becomes a message. Back to
    the case page."""
    if form.is_valid():
        attempt(
            http,
            lambda: service(by=http.user, **extra, **form.cleaned_data),
            RuleError,
            success,
        )
    else:
        messages.error(http, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(f"{KINDS[kind].namespace}:detail", pk=pk)


def staff_submission(request, slug: str, *, kind: str, form_class, submit, title: str, intro: str, done: str):
    """Staff record a case received outside the website (desk, WhatsApp, letter, …): the form,
    the module's submit service, and the number with the tracking code for the reporter."""
    spec = KINDS[kind]
    unit = unit_for(request, slug, spec.action)
    form = form_class(
        request.POST or None, request.FILES or None, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        made = attempt_on_form(
            form, lambda: submit(unit=unit, by=request.user, **form_fields(form)), RuleError
        )
        if made is not None:
            case, code = made
            messages.success(request, done % {"number": case.number, "code": code})
            if spec.may_handle(request.user, case):
                return redirect(f"{spec.namespace}:detail", pk=case.pk)
            return redirect(f"{spec.namespace}:list")  # e.g. an integrity complaint: the APIP's
    return render(
        request, "cases/staff_new.html", {"unit": unit, "form": form, "title": title, "intro": intro}
    )


@login_required
def case_list(request, kind: str):
    spec = KINDS[kind]
    flow = spec.workflow()
    cases = cases_handled(request.user, spec)
    state = request.GET.get("status", "")
    if state in flow.states:
        cases = cases.filter(state=state)
    else:
        state = ""
    page = Paginator(cases, 50).get_page(request.GET.get("halaman"))
    today = timezone.localdate()
    return render(
        request,
        "cases/staff_list.html",
        {
            "spec": spec,
            "page": page,
            "rows": [(c, flow.states[c.state], is_overdue(c, today)) for c in page],
            "states": flow.states,
            "state": state,
            "units": units_handled(request.user, spec),
        },
    )


@login_required
@require_POST
def case_message_view(request, pk: int, kind: str):
    case = get_case_for_user(request, pk, kind)
    attempt(
        request,
        lambda: case_message(
            case=case,
            sender=Sender.OFFICER,
            text=request.POST.get("text", "")[:5000],
            by=request.user,
            internal=request.POST.get("internal") == "1",
        ),
        CaseError,
        _("Message saved."),
    )
    return redirect(f"{KINDS[kind].namespace}:detail", pk=pk)


@login_required
@require_POST
def case_assign_view(request, pk: int, kind: str):
    case = get_case_for_user(request, pk, kind)
    spec = KINDS[kind]
    officer = None
    if request.POST.get("officer"):
        officer = spec.officers(case).filter(pk=as_int(request.POST["officer"])).first()
        if officer is None:
            messages.error(request, _("This person does not handle these cases on this unit."))
            return redirect(f"{spec.namespace}:detail", pk=pk)
    case_assign(case=case, officer=officer, by=request.user)
    messages.success(request, _("Officer saved."))
    return redirect(f"{spec.namespace}:detail", pk=pk)


@login_required
@require_POST
def case_incident_view(request, pk: int, kind: str):
    """The APIP marks the case as an integrity incident: the TPI is asked to confirm it."""
    case = get_case_for_user(request, pk, kind)
    attempt(
        request,
        lambda: case_mark_incident(case=case, by=request.user),
        CaseError,
        _("Marked as an integrity incident: the TPI is asked to confirm it."),
    )
    return redirect(f"{KINDS[kind].namespace}:detail", pk=pk)


@login_required
def attachment_download(request, pk: int):
    """A case's attachment (evidence, identity document), for its handlers only."""
    attachment = get_attachment_for_user(request, pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.mime,
    )
