"""The cycle's pages: the national page (units at each stage per province), opening the year for
many units, a unit's year (its stages, the TPN's figures, its predicates) and the TPI's
confirmations of integrity incidents. Thin: parse, authorise, one service, redirect."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.errors import RuleError
from zona.lib.feedback import attempt_on_form, submitted
from zona.lib.text import as_int
from zona.orgs.permissions import Action, can, may_somewhere

from .forms import DecideForm, FiguresForm, OpenForm, PredicateForm, RevokeForm, StageForm
from .incidents import incident_task_decide, tasks_visible_to
from .models import Entry
from .predicates import predicate_award, predicate_revoke
from .selectors import (
    entries_of_year,
    get_entry_for_user,
    get_predicate_for_user,
    outcome_label,
    predicate_history,
    stage_labels,
    stages_per_province,
    unit_to_open,
)
from .services import CycleError, cycle_open, stage_record, teams_parse, tpn_figures_enter

ERRORS = RuleError


def _year(request) -> int:
    year = as_int(request.GET.get("tahun")) or timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def national_page(request):
    year = _year(request)
    page = Paginator(entries_of_year(request.user, year), 100).get_page(request.GET.get("halaman"))
    return render(
        request,
        "cycle/national.html",
        {
            "year": year,
            "labels": stage_labels(),
            "rows": stages_per_province(request.user, year),
            "page": page,
            "may_open": may_somewhere(request.user, Action.OPEN_CYCLE),
        },
    )


@login_required
def open_page(request):
    if not may_somewhere(request.user, Action.OPEN_CYCLE):
        raise PermissionDenied
    form = OpenForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        under = unit_to_open(request.user, data["under"])
        if under is None:
            form.add_error("under", _("No unit with this code that you may open."))
        else:
            opened = attempt_on_form(form, lambda: _open(request, data, under), CycleError)
            if opened is not None:
                return render(
                    request, "cycle/opened.html", {"opened": opened, "under": under, "year": data["year"]}
                )
    return render(request, "cycle/open.html", {"form": form})


def _open(request, data: dict, under):
    """The year opened under the unit, with the teams the form lists."""
    teams = teams_parse(data["teams"].splitlines(), year=data["year"], by=request.user)
    return cycle_open(year=data["year"], under=under, teams=teams, by=request.user)


def _entry_context(request, entry: Entry) -> dict:
    unit, user = entry.unit, request.user
    records = [(r, outcome_label(r.stage, r.outcome)) for r in entry.records.select_related("recorded_by")]
    return {
        "entry": entry,
        "labels": stage_labels(),
        "records": records,
        "figures": getattr(entry, "tpn_figures", None),
        "predicates": predicate_history(unit),
        "may_tpn": can(user, Action.RECORD_TPN_RESULT, unit),
        "may_stage": any(
            can(user, a, unit)
            for a in (Action.RECORD_TPI_STAGE, Action.RECORD_TPN_RESULT, Action.OBJECT_TO_SELECTION)
        ),
        "stage_form": StageForm(initial={"on": timezone.localdate()}),
        "figures_form": FiguresForm(),
        "predicate_form": PredicateForm(),
        "revoke_form": RevokeForm(),
    }


@login_required
def entry_page(request, pk: int):
    entry = get_entry_for_user(request, pk)
    return render(request, "cycle/entry.html", _entry_context(request, entry))


@login_required
@require_POST
def stage_save(request, pk: int):
    entry = get_entry_for_user(request, pk)
    submitted(
        request,
        StageForm(request.POST),
        lambda d: stage_record(entry=entry, by=request.user, **d),
        ERRORS,
        _("Stage recorded."),
        labelled=True,
    )
    return redirect("cycle:entry", pk=pk)


@login_required
@require_POST
def figures_save(request, pk: int):
    entry = get_entry_for_user(request, pk)
    submitted(
        request,
        FiguresForm(request.POST),
        lambda d: tpn_figures_enter(entry=entry, by=request.user, **d),
        ERRORS,
        _("The TPN's figures are saved; the LKE's score and gates read them."),
        labelled=True,
    )
    return redirect("cycle:entry", pk=pk)


@login_required
@require_POST
def predicate_save(request, pk: int):
    entry = get_entry_for_user(request, pk)
    form = PredicateForm(request.POST, request.FILES)
    submitted(
        request,
        form,
        lambda d: predicate_award(unit=entry.unit, year=entry.year, by=request.user, **d),
        ERRORS,
        _("Predicate recorded."),
        labelled=True,
    )
    return redirect("cycle:entry", pk=pk)


@login_required
@require_POST
def revoke(request, pk: int):
    predicate, entry = get_predicate_for_user(request, pk)
    submitted(
        request,
        RevokeForm(request.POST),
        lambda d: predicate_revoke(predicate=predicate, by=request.user, **d),
        ERRORS,
        _("Revocation recorded."),
        labelled=True,
    )
    return redirect("cycle:entry", pk=entry.pk) if entry else redirect("cycle:national")


@login_required
def tasks_page(request):
    tasks = tasks_visible_to(request.user, open_only=False).order_by("state", "due_on")
    return render(
        request,
        "cycle/tasks.html",
        {"tasks": tasks[:200], "form": DecideForm(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def task_decide(request, pk: int):
    task = get_object_or_404(tasks_visible_to(request.user, open_only=False), pk=pk)
    submitted(
        request,
        DecideForm(request.POST),
        lambda d: incident_task_decide(task=task, by=request.user, **d),
        ERRORS,
        _("Decision recorded."),
        labelled=True,
    )
    return redirect("cycle:tasks")
