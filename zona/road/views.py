"""The road's pages: an assessment's forecast (three scenarios, the questions that move, the
evidence readiness), a unit's evaluation calendar, and the table of the units below."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence.views_exports import export_start
from zona.lib.errors import RuleError
from zona.lib.feedback import attempt, submitted
from zona.lib.text import as_int
from zona.lke.scoring import rounded
from zona.lke.services import instrument_of
from zona.orgs.permissions import Action, can

from .calendar import calendar_for, calendar_set, milestone_add
from .forecast import SCENARIOS, forecast
from .forms import CalendarForm, MilestoneForm
from .national import SORTS, national_order, rows_of, scenario_names
from .readiness import by_area
from .rules import source
from .selectors import get_assessment_for_user, get_unit_for_user
from .snapshots import below_queue

PAGE = 100  # units a page of the national table


def _number(value):
    return value if isinstance(value, bool) else rounded(value)


def _scenario_view(scenario, names) -> dict:
    gates = {
        name: {
            "eligible": predicate.eligible,
            "criteria": [
                {
                    "name": c.name,
                    "value": _number(c.value),
                    "threshold": _number(c.threshold),
                    "margin": c.margin,
                    "passed": c.passed,
                }
                for c in predicate.criteria
            ],
        }
        for name, predicate in scenario.result.predicates.items()
    }
    return {
        "key": scenario.key,
        "name": names[scenario.key],
        "total": rounded(scenario.result.total),
        "gates": gates,
        "moves": scenario.moves,
    }


@login_required
def forecast_page(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    today = timezone.localdate()
    instrument = instrument_of(assessment)
    calendar = calendar_for(assessment.unit, assessment.year)
    result = forecast(assessment, instrument, today=today, deadline=calendar.proposal_deadline)
    names = scenario_names()
    attention = [r for r in result.readiness.values() if r.state != "ready"]
    context = {
        "assessment": assessment,
        "forecast": result,
        "calendar": calendar,
        "days_left": calendar.days_left(today),
        "scenarios": [_scenario_view(result.scenarios[key], names) for key in SCENARIOS],
        "areas": by_area(instrument, result.readiness),
        "attention": attention,
        "questions": instrument.questions,
        "rule": source("forecast"),
        "readiness_rule": source("readiness"),
        "can_manage": can(request.user, Action.MANAGE_PLAN, assessment.unit),
    }
    return render(request, "road/forecast.html", context)


def _year(request, default: int) -> int:
    year = as_int(request.GET.get("tahun")) or default
    return year if 2000 <= year <= 2100 else default


@login_required
def calendar_page(request, slug: str):
    unit = get_unit_for_user(request, slug)
    year = _year(request, timezone.localdate().year)
    calendar = calendar_for(unit, year)
    may_set = can(request.user, Action.MANAGE_PLAN, unit)
    initial = {
        "year": year,
        "proposal_deadline": calendar.proposal_deadline,
        "tpi_start": calendar.tpi_start,
        "tpi_end": calendar.tpi_end,
    }
    context = {
        "unit": unit,
        "year": year,
        "calendar": calendar,
        "days_left": calendar.days_left(timezone.localdate()),
        "may_set": may_set,
        "form": CalendarForm(initial=initial),
        "milestone_form": MilestoneForm(initial={"year": year}),
    }
    return render(request, "road/calendar.html", context)


def _calendar_post(request, slug: str, form_class, save):
    """A calendar form posted by the unit's managers: saved when valid, a refusal said in words
    (nothing saved), and the calendar page back on the year."""
    unit = get_unit_for_user(request, slug, Action.MANAGE_PLAN)
    form = form_class(request.POST)
    year = as_int(request.POST.get("year")) or timezone.localdate().year
    submitted(request, form, lambda data: save(unit, data, request.user), RuleError)
    return redirect(reverse("road:calendar", args=[unit.slug]) + f"?tahun={year}")


@login_required
@require_POST
def calendar_save(request, slug: str):
    return _calendar_post(
        request, slug, CalendarForm, lambda unit, data, by: calendar_set(unit=unit, by=by, **data)
    )


@login_required
@require_POST
def milestone_save(request, slug: str):
    def save(unit, data, by):
        milestone_add(unit=unit, year=data["year"], when=data["date"], title=data["title"], by=by)

    return _calendar_post(request, slug, MilestoneForm, save)


@login_required
def national_page(request, slug: str):
    unit = get_unit_for_user(request, slug)
    year = _year(request, timezone.localdate().year)
    sort = request.GET.get("urut", "name")
    sort = sort if sort in SORTS else "name"
    descending = request.GET.get("arah") == "turun"
    order = national_order(unit, year, sort=sort, descending=descending)
    page = Paginator(order, PAGE).get_page(request.GET.get("halaman"))
    names = scenario_names()
    context = {
        "unit": unit,
        "year": year,
        "rows": rows_of(list(page.object_list)),
        "page": page,
        "query": f"tahun={year}&urut={sort}" + ("&arah=turun" if descending else ""),
        "sort": sort,
        "descending": descending,
        "heads": [(key, names[key]) for key in SCENARIOS],
    }
    return render(request, "road/national.html", context)


@login_required
@require_POST
def national_recompute(request, slug: str):
    """The province's or the nation's officer asks for every unit below to be computed again: a
    job for the worker (the page does not wait for 4,000 forecasts)."""
    unit = get_unit_for_user(request, slug)
    year = as_int(request.POST.get("tahun")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    done = _("The forecasts of the units below are being computed again; each row says when.")
    attempt(request, lambda: below_queue(unit, year), RuleError, done)
    return redirect(reverse("road:national", args=[unit.slug]) + f"?tahun={year}")


@login_required
@require_POST
def national_export(request, slug: str):
    unit = get_unit_for_user(request, slug)
    year = as_int(request.POST.get("tahun")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    sort = request.POST.get("urut", "name")
    params = {
        "year": year,
        "sort": sort if sort in SORTS else "name",
        "desc": request.POST.get("arah") == "turun",
    }
    back = reverse("road:national", args=[unit.slug]) + f"?tahun={year}"
    return export_start(request, kind="road.national", obj=unit, fmt="xlsx", params=params, back=back)
