"""A unit's conflict-of-interest page: main functions and their map, declarations, recusals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.orgs.permissions import Action, can, unit_for

from .forms import DeclarationForm, FunctionForm, MarkForm, RecusalForm, RiskForm
from .models import Declaration, MainFunction, Recusal
from .services import CoiError, coverage, declaration_add, function_add, function_mark, recusal_add, risk_add


def _people(unit):
    return get_user_model().objects.filter(roles__unit=unit).distinct().order_by("first_name", "username")


@login_required
def page(request, slug: str):
    unit = unit_for(request, slug)
    functions = MainFunction.objects.filter(unit=unit).prefetch_related("risks")
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
            "declarations": Declaration.objects.filter(unit=unit).select_related("official", "document")[
                :300
            ],
            "recusals": Recusal.objects.filter(unit=unit).select_related("official", "function")[:300],
            "may_manage": can(request.user, Action.MANAGE_INTEGRITY, unit),
            "function_form": FunctionForm(),
            "declaration_form": DeclarationForm(people=_people(unit), initial={"year": year}),
            "recusal_form": RecusalForm(people=_people(unit), functions=functions),
        },
    )


def _done(request, slug: str, call):
    try:
        call()
    except CoiError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Recorded."))
    return redirect("coi:page", slug=slug)


def _invalid(request, form, slug: str):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("coi:page", slug=slug)


@login_required
@require_POST
def function_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    form = FunctionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, slug)
    return _done(
        request, slug, lambda: function_add(unit=unit, name=form.cleaned_data["name"], by=request.user)
    )


@login_required
@require_POST
def function_update(request, slug: str, pk: int):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    function = get_object_or_404(MainFunction, unit=unit, pk=pk)
    form = MarkForm(request.POST, request.FILES)
    if not form.is_valid():
        return _invalid(request, form, slug)
    data = form.cleaned_data
    return _done(
        request,
        slug,
        lambda: function_mark(
            function=function,
            socialised_on=data["socialised_on"],
            applied_on=data["applied_on"],
            upload=data["file"],
            by=request.user,
        ),
    )


@login_required
@require_POST
def risk_new(request, slug: str, pk: int):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    function = get_object_or_404(MainFunction, unit=unit, pk=pk)
    form = RiskForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form, slug)
    return _done(request, slug, lambda: risk_add(function=function, by=request.user, **form.cleaned_data))


@login_required
@require_POST
def declaration_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    form = DeclarationForm(request.POST, request.FILES, people=_people(unit))
    if not form.is_valid():
        return _invalid(request, form, slug)
    data = form.cleaned_data
    return _done(
        request,
        slug,
        lambda: declaration_add(
            unit=unit,
            official=data["official"],
            year=data["year"],
            has_conflict=data["has_conflict"],
            statement=data["statement"],
            signed_on=data["signed_on"],
            upload=data["file"],
            by=request.user,
        ),
    )


@login_required
@require_POST
def recusal_new(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_INTEGRITY)
    form = RecusalForm(
        request.POST, request.FILES, people=_people(unit), functions=MainFunction.objects.filter(unit=unit)
    )
    if not form.is_valid():
        return _invalid(request, form, slug)
    data = form.cleaned_data
    return _done(
        request,
        slug,
        lambda: recusal_add(
            unit=unit,
            official=data["official"],
            function=data["function"],
            matter=data["matter"],
            kind=data["kind"],
            decided_on=data["decided_on"],
            replaced_by=data["replaced_by"],
            upload=data["file"],
            by=request.user,
        ),
    )
