"""What the public sees of complaints (no sign-in): the complaint form, the complaint's part of
the case engine's tracking page (the reporter's reply and confirmation) and the unit's
statistics. The tracking page itself is the engine's (zona.cases.views_public), given
kind="complaint" in urls_public.py."""

from __future__ import annotations

from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.cases.models import Case
from zona.cases.public import public_submission
from zona.cases.services import CaseError
from zona.cases.tracking import case_reply_limited
from zona.lib.feedback import attempt
from zona.lib.guards import public_form as limited_form
from zona.lib.records import parse_date

from .forms import ComplaintForm, ReplyForm
from .models import KIND, Category, Channel
from .selectors import unit_public
from .services import complaint_confirm, complaint_reply, complaint_statistics, complaint_submit


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


def statistics_period(data) -> tuple[date, date]:
    """The period of a statistics or register page (`dari`, `sampai`): from 1 January to today
    unless given."""
    today = timezone.localdate()
    start = parse_date(data.get("dari", "")[:40]) or date(today.year, 1, 1)
    end = parse_date(data.get("sampai", "")[:40]) or today
    return start, end


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
    start, end = statistics_period(request.GET)
    stats = complaint_statistics(units=[unit], start=start, end=end)
    return render(
        request,
        "complaints/statistics.html",
        {"unit": unit, "stats": stats, "start": start, "end": end, "public": True, **labelled(stats)},
    )
