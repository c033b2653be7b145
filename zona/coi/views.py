"""A unit's conflict-of-interest page: main functions and their map, declarations, recusals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import as_arguments, submitted
from zona.orgs.holders import people_of
from zona.orgs.permissions import Action, can, unit_for

from .forms import DeclarationForm, FunctionForm, MarkForm, RecusalForm, RiskForm
from .selectors import declarations_of, functions_of, get_function_for_user, recusals_of
from .services import CoiError, coverage, declaration_add, function_add, function_mark, recusal_add, risk_add


def _people(unit):
    return people_of(unit)


@login_required
def page(request, slug: str):
    unit = unit_for(request, slug)
    functions = functions_of(unit).prefetch_related("risks")
    year = timezone.localdate().year
    return render(
        request,
        "coi/page.html",
        {
            "unit": unit,
            "year": year,
            "functions": [
                (f, RiskForm(auto_id=f"risk{f.pk}_%s"), MarkForm(auto_id=f"mark{f.pk}_%s")) for f in functions
            ],
            "coverage": coverage(unit, year),
            "declarations": declarations_of(unit),
            "recusals": recusals_of(unit),
            "may_manage": can(request.user, Action.MANAGE_INTEGRITY, unit),
            "function_form": FunctionForm(),
            "declaration_form": DeclarationForm(people=_people(unit), initial={"year": year}),
            "recusal_form": RecusalForm(people=_people(unit), functions=functions),
        },
    )


def _record(request, slug: str, form, service, /, **given):
    """A posted form to one service (its fields by name, plus `given`): the form's errors or the
    service's refusal as messages, else "Recorded."; back to the page."""
    submitted(
        request,
        form,
        lambda data: service(by=request.user, **given, **as_arguments(data)),
        CoiError,
        _("Recorded."),
    )
    return redirect("coi:page", slug=slug)


@login_required
@require_POST
def function_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    return _record(request, slug, FunctionForm(request.POST), function_add, unit=unit)


@login_required
@require_POST
def function_update(request, slug: str, pk: int):
    function = get_function_for_user(request, slug, pk)
    return _record(request, slug, MarkForm(request.POST, request.FILES), function_mark, function=function)


@login_required
@require_POST
def risk_new(request, slug: str, pk: int):
    function = get_function_for_user(request, slug, pk)
    return _record(request, slug, RiskForm(request.POST), risk_add, function=function)


@login_required
@require_POST
def declaration_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    form = DeclarationForm(request.POST, request.FILES, people=_people(unit))
    return _record(request, slug, form, declaration_add, unit=unit)


@login_required
@require_POST
def recusal_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    functions = functions_of(unit)
    form = RecusalForm(request.POST, request.FILES, people=_people(unit), functions=functions)
    return _record(request, slug, form, recusal_add, unit=unit)
