"""The risk register's pages: the register of a year with its heat map, a risk and its control
plan, the realisation of a control action in a monev cycle, the matrix choice, the import, the
exports, and the roll-up of the units below."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.feedback import attempt, flash_errors, outcome, submitted
from zona.lib.periods import year_or_404
from zona.lib.render import pdf_response, xlsx_response
from zona.orgs.holders import people_of
from zona.orgs.permissions import Action, can, require, unit_for

from . import exporters
from .forms import ActionForm, ImportForm, MatrixForm, RealisationForm, RiskForm
from .matrix import scheme
from .selectors import (
    get_action_for_user,
    get_cycle,
    get_register_for_user,
    get_register_risk,
    matrix_choices_of,
    register_of,
)
from .services import (
    RiskError,
    UnitRow,
    action_add,
    current_matrix,
    heat_map,
    matrix_choose,
    overdue_actions,
    priorities,
    realisation_record,
    register_import,
    register_open,
    risk_save,
    rollup,
)


def _people(unit):
    return people_of(unit)


@login_required
def current(request, slug: str):
    unit = unit_for(request, slug)
    return redirect("risks:register", slug=unit.slug, year=timezone.localdate().year)


@login_required
def register_page(request, slug: str, year: int):
    unit = unit_for(request, slug)
    register = register_of(unit, year)
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    context = {
        "unit": unit,
        "year": year,
        "register": register,
        "scheme": scheme(),
        "may_manage": may_manage,
        "may_choose": can(request.user, Action.CHOOSE_RISK_MATRIX, unit),
        "matrix": scheme().matrix(register.matrix if register else current_matrix(unit)),
        "has_children": unit.children.exists(),
    }
    if register is not None:
        order = priorities(register)
        risks = sorted(
            register.risks.select_related("owner").prefetch_related(
                "actions__owner", "actions__realisations__cycle"
            ),
            key=lambda r: order[r.pk],
        )
        context.update(
            risks=[(order[r.pk], r) for r in risks],
            heat=heat_map(register),
            overdue=list(overdue_actions(register)),
            risk_form=RiskForm(people=_people(unit)) if may_manage else None,
            import_form=ImportForm() if may_manage else None,
        )
    return render(request, "risks/register.html", context)


@login_required
@require_POST
def register_new(request, slug: str, year: int):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    attempt(request, lambda: register_open(unit=unit, year=year_or_404(year), by=request.user), RiskError)
    return redirect("risks:register", slug=slug, year=year)


@login_required
def risk_edit(request, slug: str, year: int, pk: int | None = None):
    register = get_register_for_user(request, slug, year)
    unit = register.unit
    risk = get_register_risk(register, pk) if pk else None
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    people = _people(unit)
    form = RiskForm.of(risk, people) if risk else RiskForm(people=people)
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        form = RiskForm(request.POST, people=people)
        saved = []
        if submitted(
            request,
            form,
            lambda data: saved.append(
                risk_save(register=register, risk=risk, owner=data.pop("owner"), values=data, by=request.user)
            ),
            RiskError,
        ):
            return redirect("risks:risk", slug=slug, year=year, pk=saved[0].pk)
    return render(
        request,
        "risks/risk.html",
        {
            "unit": unit,
            "register": register,
            "risk": risk,
            "form": form,
            "scheme": scheme(),
            "may_manage": may_manage,
            "action_form": ActionForm(people=people) if risk and may_manage else None,
            "history": risk.level_history.select_related("changed_by")[:50] if risk else [],
            "actions": risk.actions.select_related("owner").prefetch_related("realisations__cycle")
            if risk
            else [],
        },
    )


@login_required
@require_POST
def action_new(request, slug: str, year: int, pk: int):
    register = get_register_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    risk = get_register_risk(register, pk)
    form = ActionForm(request.POST, people=_people(register.unit))
    submitted(
        request,
        form,
        lambda data: action_add(risk=risk, owner=data.pop("owner"), values=data, by=request.user),
        RiskError,
        _("Control action added."),
    )
    return redirect("risks:risk", slug=slug, year=year, pk=pk)


def _residual(data: dict) -> tuple | None:
    return (data["residual_likelihood"], data["residual_impact"]) if data["residual_likelihood"] else None


@login_required
@require_POST
def realise(request, pk: int, cycle_pk: int):
    action = get_action_for_user(request, pk)
    cycle = get_cycle(cycle_pk)
    form = RealisationForm(request.POST, request.FILES)
    submitted(
        request,
        form,
        lambda data: realisation_record(
            action=action,
            cycle=cycle,
            status=data["status"],
            progress=data["progress"],
            note=data["note"],
            upload=data["file"],
            residual=_residual(data),
            by=request.user,
        ),
        RiskError,
        _("Realisation recorded."),
    )
    return redirect(reverse("monev:cycle", args=[cycle.pk]) + "#rtp")


@login_required
def matrix_page(request, slug: str):
    unit = unit_for(request, slug)
    may_choose = can(request.user, Action.CHOOSE_RISK_MATRIX, unit)
    form = MatrixForm(initial={"matrix": current_matrix(unit), "chosen_on": timezone.localdate()})
    if request.method == "POST":
        require(request.user, Action.CHOOSE_RISK_MATRIX, unit)
        form = MatrixForm(request.POST)
        changed = []
        if submitted(
            request,
            form,
            lambda data: changed.append(matrix_choose(unit=unit, **data, by=request.user)),
            RiskError,
            "",
        ):
            messages.success(request, _("Matrix recorded; %(n)s risks changed level.") % {"n": changed[0]})
            return redirect("risks:matrix", slug=slug)
    return render(
        request,
        "risks/matrix.html",
        {
            "unit": unit,
            "matrices": [(m, scheme().grid(m)) for m in scheme().matrices.values()],
            "current": current_matrix(unit),
            "choices": matrix_choices_of(unit),
            "form": form,
            "may_choose": may_choose,
        },
    )


@login_required
@require_POST
def import_file(request, slug: str, year: int):
    register = get_register_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_errors(request, form)
    elif counts := outcome(
        request,
        lambda: register_import(register=register, data=form.cleaned_data["file"].read(), by=request.user),
        RiskError,
        refused=_("Nothing was imported: %(errors)s"),
    ):
        risks, actions = counts
        messages.success(
            request,
            _("Imported %(risks)s risks and %(actions)s control actions.")
            % {"risks": risks, "actions": actions},
        )
    return redirect("risks:register", slug=slug, year=year)


@login_required
def export(request, slug: str, year: int, fmt: str):
    register = get_register_for_user(request, slug, year)
    name = f"daftar-risiko-{register.unit.slug}-{register.year}"
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    if fmt == "pdf":
        return pdf_response(exporters.register_pdf(register), f"{name}.pdf")
    return xlsx_response(exporters.register_xlsx(register), f"{name}.xlsx")


@login_required
def units_below(request, slug: str, year: int):
    unit = unit_for(request, slug)
    rows = rollup(unit, year_or_404(year))
    total = UnitRow(unit, bands=sum((r.bands for r in rows), Counter()))
    for row in rows:
        total.risks, total.actions = total.risks + row.risks, total.actions + row.actions
        total.overdue, total.reported = total.overdue + row.overdue, total.reported + row.reported
    return render(
        request,
        "risks/rollup.html",
        {
            "unit": unit,
            "year": year,
            "page": Paginator(rows, 100).get_page(request.GET.get("halaman")),
            "total": total,
            "units": len(rows),
            "bands": scheme().bands,
        },
    )
