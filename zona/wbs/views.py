"""The recipients' zone: their key, the reports of their units, and each report's handling.

Only WBS recipients and custodians reach it (signed in with the second factor); a report is
read only with the reader's private key, unlocked for the session. Nobody else — not a unit
admin, not a superuser — reaches a report: the zone answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.cases.incidents import may_mark
from zona.lib.feedback import attempt, outcome
from zona.lib.files import ALLOWED_MIME_TYPES
from zona.lib.nexturl import next_path
from zona.lib.text import safe_filename
from zona.twofactor.services import must_verify

from . import unlock
from .archive import export_archive
from .errors import WbsError
from .forms import (
    ChangePassphraseForm,
    DecisionForm,
    ExportForm,
    IdentityRequestForm,
    MessageForm,
    NewKeyForm,
    PassphraseForm,
    StepForm,
)
from .handling import (
    identity_decide,
    identity_read,
    identity_request,
    is_incident,
    motivation_read,
    recipient_message,
    report_mark_incident,
    report_transition,
)
from .keys import (
    identity_holders,
    key_change_passphrase,
    key_create,
    key_reset,
    key_rotate,
    key_unlock,
    report_key,
    reseal_pending,
)
from .models import workflow
from .reports import attachment_open, report_read
from .selectors import (
    get_identity_request_for_user,
    get_report_for_user,
    has_key,
    identity_requests_pending,
    may_enter_zone,
    report_attachments,
    report_events,
    reports_held,
    reports_visible_to,
)


def _zone_user(request):
    """A recipient or custodian somewhere, who gave the second factor; anyone else: 404."""
    if must_verify(request):
        raise PermissionDenied
    if not may_enter_zone(request.user):
        raise Http404
    return request.user


def _report(request, pk: int):
    _zone_user(request)
    return get_report_for_user(request, pk)


def _custodian_of(user, report) -> bool:
    return user.pk in identity_holders(report.unit)


@login_required
def home(request):
    user = _zone_user(request)
    private = unlock.private_key(request)
    reports = list(reports_visible_to(user)[:500])
    held = reports_held(user)
    pending = identity_requests_pending(reports)
    response = render(
        request,
        "wbs/home.html",
        {
            "has_key": has_key(user),
            "unlocked": private is not None,
            "reports": reports,
            "held": held,
            "pending": [p for p in pending if _custodian_of(user, p.report)],
            "states": {code: state.label for code, state in workflow().states.items()},
            "new_key_form": NewKeyForm(),
            "unlock_form": PassphraseForm(),
        },
    )
    unlock.refresh(request, response)
    return response


@login_required
@require_POST
def key_new(request):
    user = _zone_user(request)
    form = NewKeyForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: key_create(user=user, passphrase=form.cleaned_data["passphrase"]),
            WbsError,
            _("Your key is made. Unlock it to read reports; keep the passphrase safe."),
        )
    else:
        messages.error(request, " ".join(form.non_field_errors()) or _("Fill in both passphrase fields."))
    return redirect("wbs:home")


@login_required
@require_POST
def key_open(request):
    user = _zone_user(request)
    private = outcome(
        request, lambda: key_unlock(user=user, passphrase=request.POST.get("passphrase", "")), WbsError
    )
    if private is None:
        return redirect("wbs:home")
    resealed = reseal_pending(user=user, private=private)
    if resealed:
        messages.info(
            request, _("%(n)s report keys were sealed for colleagues who lacked them.") % {"n": resealed}
        )
    response = redirect(next_path(request, "wbs:home"))
    unlock.store(request, response, private)
    return response


@login_required
@require_POST
def key_close(request):
    _zone_user(request)
    response = redirect("wbs:home")
    unlock.forget(request, response)
    return response


def _key_replaced(request):
    """Home, with the old key's unlocked copy forgotten: a new key pair holds the reports now."""
    response = redirect("wbs:home")
    unlock.forget(request, response)
    return response


@login_required
def key_manage(request):
    user = _zone_user(request)
    change, reset = ChangePassphraseForm(), NewKeyForm()
    if request.method == "POST":
        if request.POST.get("what") == "change":
            change = ChangePassphraseForm(request.POST)
            if change.is_valid() and attempt(
                request,
                lambda: key_change_passphrase(
                    user=user, old=change.cleaned_data["old"], new=change.cleaned_data["passphrase"]
                ),
                WbsError,
                _("Passphrase changed."),
            ):
                return redirect("wbs:home")
        elif request.POST.get("what") == "rotate":
            rotate = NewKeyForm(request.POST)
            private = unlock.private_key(request)
            if private is None:
                messages.error(request, _("Unlock your key first."))
            elif rotate.is_valid() and attempt(
                request,
                lambda: key_rotate(user=user, private=private, passphrase=rotate.cleaned_data["passphrase"]),
                WbsError,
                _("A new key pair holds your reports now. Unlock it with the new passphrase."),
            ):
                return _key_replaced(request)
        elif request.POST.get("what") == "reset":
            reset = NewKeyForm(request.POST)
            if reset.is_valid() and attempt(
                request,
                lambda: key_reset(user=user, passphrase=reset.cleaned_data["passphrase"]),
                WbsError,
                "",
            ):
                messages.warning(
                    request,
                    _(
                        "A new key is made. The reports you held open again once a colleague "
                        "unlocks their key (or the escrow key is used)."
                    ),
                )
                return _key_replaced(request)
    return render(
        request,
        "wbs/key.html",
        {
            "change": change,
            "reset": reset,
            "rotate": NewKeyForm(auto_id="rotate_%s"),
            "unlocked": unlock.private_key(request) is not None,
        },
    )


@login_required
def report_view(request, pk: int):
    report = _report(request, pk)
    private = unlock.private_key(request)
    if private is None:
        messages.info(request, _("Unlock your key to read the report."))
        return redirect(f"{_home_url()}?next={request.path}")
    key = report_key(report, request.user, private)
    identity = (
        outcome(request, lambda: identity_read(report, request.user, private), WbsError)
        if report.identity is not None
        else None
    )
    flow = workflow()
    requests = list(report.identity_requests.select_related("requested_by", "decided_by"))
    response = render(
        request,
        "wbs/report.html",
        {
            "report": report,
            "shown": report_read(report, key, notes=True) if key else None,
            "state_label": flow.states[report.state].label,
            "steps": flow.allowed(report.state),
            "identity": identity,
            "requests": [(r, motivation_read(r, key) if key else "") for r in requests],
            "custodian": _custodian_of(request.user, report),
            "events": report_events(report)[:100],
            "message_form": MessageForm(),
            "identity_form": IdentityRequestForm(),
            "decision_form": DecisionForm(),
            "export_form": ExportForm(),
            "step_form": StepForm(),
            "incident_marked": is_incident(report),
            "may_mark_incident": may_mark(request.user, report.unit),
        },
    )
    unlock.refresh(request, response)
    return response


@login_required
@require_POST
def report_incident(request, pk: int):
    report, _key, _private = _opened(request, pk)
    attempt(
        request,
        lambda: report_mark_incident(report=report, by=request.user),
        WbsError,
        _("Marked as an integrity incident: the TPI is asked to confirm it."),
    )
    return redirect("wbs:report", pk=pk)


def _home_url() -> str:
    return reverse("wbs:home")


def _opened(request, pk: int):
    """(report, data key) for a write: the key must be unlocked and the report sealed for them."""
    report = _report(request, pk)
    private = unlock.private_key(request)
    key = report_key(report, request.user, private)
    if key is None:
        raise PermissionDenied
    return report, key, private


@login_required
@require_POST
def report_step(request, pk: int):
    report, _key, _private = _opened(request, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        step = form.cleaned_data
        attempt(
            request,
            lambda: report_transition(
                report=report, action=step["action"], reason=step["reason"], by=request.user
            ),
            WbsError,
            "",
        )
    return redirect("wbs:report", pk=pk)


@login_required
@require_POST
def report_message(request, pk: int):
    report, key, _private = _opened(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        attempt(
            request,
            lambda: recipient_message(
                report=report,
                key=key,
                text=form.cleaned_data["text"],
                uploads=form.cleaned_data["files"],
                note=form.cleaned_data["note"],
                by=request.user,
            ),
            WbsError,
        )
    else:
        messages.error(request, _("The message could not be read: try again."))
    return redirect("wbs:report", pk=pk)


@login_required
@require_POST
def report_identity_request(request, pk: int):
    report, key, _private = _opened(request, pk)
    form = IdentityRequestForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: identity_request(
                report=report, key=key, motivation=form.cleaned_data["motivation"], by=request.user
            ),
            WbsError,
            _("Your request waits for the custodian."),
        )
    return redirect("wbs:report", pk=pk)


@login_required
@require_POST
def identity_decision(request, pk: int):
    _zone_user(request)
    asked = get_identity_request_for_user(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: identity_decide(
                request=asked,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
                by=request.user,
                private=unlock.private_key(request),
            ),
            WbsError,
            _("Decision recorded."),
        )
    return redirect("wbs:report", pk=asked.report_id)


@login_required
@require_POST
def report_file(request, pk: int, file_pk: int):
    report, key, _private = _opened(request, pk)
    attachment = get_object_or_404(report_attachments(report), pk=file_pk)
    opened = outcome(request, lambda: attachment_open(attachment, key), WbsError)
    if opened is None:
        return redirect("wbs:report", pk=pk)
    name, mime, data = opened
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = (
        f'attachment; filename="{safe_filename(name, ALLOWED_MIME_TYPES.get(mime, ""))}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def report_export(request, pk: int):
    report, key, _private = _opened(request, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return redirect("wbs:report", pk=pk)
    data = outcome(
        request,
        lambda: export_archive(
            report=report, key=key, passphrase=form.cleaned_data["passphrase"], by=request.user
        ),
        WbsError,
    )
    if data is None:
        return redirect("wbs:report", pk=pk)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{report.number.replace("/", "-")}.zwbs"'
    response["Cache-Control"] = "no-store"
    return response
