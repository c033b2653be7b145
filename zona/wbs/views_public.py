"""The reporter's pages: no account, no cookie but CSRF's, nothing about the client kept.

The receipt code travels only in POST bodies (never in a URL, where access logs would keep it).
The rate limit counts a client by a key that can't be turned back into its address
(`zona.lib.net.anonymous_key`); the access log filter (docs/wbs.md) drops the address and the
browser's name for these paths. No session and no message is written here."""

from __future__ import annotations

from functools import wraps

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zona.cases.tracking import CodeGuesses
from zona.lib.feedback import attempt_on_form
from zona.lib.files import ALLOWED_MIME_TYPES
from zona.lib.guards import public_form, reply_limited, submission_limited
from zona.lib.net import anonymous_key
from zona.lib.text import as_int, safe_filename

from . import crypto
from .errors import WbsError
from .figures import minimum_shown, statistics
from .forms import ReceiptForm, ReplyForm, ReportForm
from .keys import channel_open, identity_accepted
from .reports import attachment_open, report_by_receipt, report_read, report_submit, reporter_reply
from .selectors import public_units, report_attachments, unit_named

INTAKE, TRACK = "wbs", "wbs_track"
# Wrong receipt codes, counted per client by a key that can't be turned back into the address.
GUESSES = CodeGuesses(TRACK, key=anonymous_key)


def private_page(view):
    """No caching anywhere, no referrer sent to another site."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "same-origin"  # "no-referrer" would send "Origin: null" and fail CSRF
        return response

    return wrapped


@private_page
@require_http_methods(["GET", "POST"])
@public_form(INTAKE, key=anonymous_key)
def intake(request, slug: str):
    unit = get_object_or_404(public_units(), slug=slug)
    form = ReportForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "form": form, "open": channel_open(unit), "identity": identity_accepted(unit)}
    if context["open"] and request.method == "GET":
        year = timezone.localdate().year
        context.update({"year": year, "figures": statistics([unit], year), "minimum": minimum_shown()})
    if request.method == "POST" and context["open"] and form.is_valid():
        if submission_limited(request, INTAKE, anonymous_key):
            return render(
                request,
                "refused.html",
                {"message": _("Too many reports from your connection. Please try again in an hour.")},
                status=429,
            )
        data = form.cleaned_data
        identity = {"name": data["name"], "contact": data["contact"]} if context["identity"] else None
        done = attempt_on_form(
            form,
            lambda: report_submit(unit=unit, answers=data, identity=identity, uploads=data["files"]),
            WbsError,
        )
        if done is not None:
            report, code = done
            return render(
                request,
                "wbs/public_receipt.html",
                {"unit": unit, "number": report.number, "code": crypto.receipt_shown(code)},
            )
    return render(request, "wbs/public_intake.html", context, status=400 if form.non_field_errors() else 200)


@private_page
@require_http_methods(["GET", "POST"])
def track(request):
    """Enter the receipt code; read the replies, answer, add files, download a file. Only wrong
    codes count, per client (`GUESSES`): a reporter with the right code is never refused because
    of other people's guesses from the same address. (A wrong code names no report, so there is
    no report to lock: each guess is a guess at every report at once, 16 random digits.)"""
    # the unit whose portal the reporter came from (the links to this page name it): the way back
    came_from = unit_named(request.GET.get("unit", ""))
    if request.method == "GET":
        return render(request, "wbs/public_track.html", {"form": ReceiptForm(), "unit": came_from})
    form = ReceiptForm(request.POST)
    found = report_by_receipt(request.POST.get("code", "")) if form.is_valid() else None
    if found is None:
        locked = GUESSES.client_locked(request)
        GUESSES.failed(request)
        error = _("This receipt code is not known. Check the 16 digits and try again.")
        if locked:
            error = _("Too many wrong receipt codes from your connection. Please try again in an hour.")
        context = {"form": form, "unit": came_from, "error": error}
        return render(request, "wbs/public_track.html", context, status=429 if locked else 404)
    report, key = found
    code = crypto.receipt_normal(request.POST["code"])
    action = request.POST.get("action", "")
    notice, error = "", ""
    reply = ReplyForm(request.POST or None, request.FILES or None) if action == "reply" else ReplyForm()
    if action == "file":
        attachment = report_attachments(report).filter(pk=as_int(request.POST.get("file"), 0)).first()
        opened = attachment and attempt_on_form(reply, lambda: attachment_open(attachment, key), WbsError)
        if opened:  # a refusal is shown on the page's form, as a reply's would be
            name, mime, data = opened
            response = HttpResponse(data, content_type=mime)
            response["Content-Disposition"] = (
                f'attachment; filename="{safe_filename(name, ALLOWED_MIME_TYPES.get(mime, ""))}"'
            )
            return response
    if action == "reply" and reply.is_valid() and reply_limited(request, f"wbs:{report.pk}"):
        error = _("Too many replies on this report for now. Please try again in an hour.")
    elif action == "reply" and reply.is_valid():
        data = reply.cleaned_data
        sent = attempt_on_form(
            reply,
            lambda: reporter_reply(report=report, key=key, text=data["text"], uploads=data["files"]),
            WbsError,
        )
        if sent is not None:
            notice, reply = _("Your message was sent."), ReplyForm()
    return render(
        request,
        "wbs/public_report.html",
        {
            "unit": report.unit,  # the way back to the portal of the unit reported to
            "shown": report_read(report, key, notes=False),
            "code": code,
            "reply": reply,
            "notice": notice,
            "error": error,
        },
    )
