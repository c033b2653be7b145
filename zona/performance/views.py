"""The performance agreement's pages: the agreement of a year with its targets, indicators,
quarterly realisation, achievement and cascade; the Laporan Kinerja table as XLSX/PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zona.lib.feedback import as_arguments, attempt, submitted
from zona.lib.periods import year_or_404
from zona.lib.render import pdf_response, xlsx_response
from zona.orgs.permissions import Action, can, unit_for

from . import exporters
from .forms import AgreementForm, CascadeForm, FormulasForm, IndicatorForm, RealisationForm, TargetForm
from .models import Level
from .rules import choices_shown
from .selectors import (
    agreement_of,
    get_agreement_for_user,
    get_agreement_indicator,
    get_agreement_target,
    targets_of,
)
from .services import (
    PerformanceError,
    agreement_copy_previous,
    agreement_formulas_set,
    agreement_open,
    b1b_for,
    indicator_add,
    realisation_record,
    summary,
    target_add,
)


def _back(slug: str, year: int):
    return redirect("performance:agreement", slug=slug, year=year)


def _submitted(request, form, call) -> None:
    """A posted form: its errors as messages, or `call(data)` (one service) with its data."""
    submitted(request, form, call, PerformanceError)


@login_required
def current(request, slug: str):
    unit = unit_for(request, slug)
    return _back(unit.slug, timezone.localdate().year)


@login_required
def agreement_page(request, slug: str, year: int):
    unit = unit_for(request, slug)
    agreement = agreement_of(unit, year)
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    context = {"unit": unit, "year": year, "agreement": agreement, "may_manage": may_manage}
    if agreement is not None:
        s = summary(agreement)
        targets = targets_of(agreement)
        b1b, peers = b1b_for(agreement, s)
        context.update(
            summary=s,
            b1b=b1b,
            b1b_peers=peers.note if peers else "",
            formulas=choices_shown(agreement.formulas),
            formulas_form=FormulasForm(chosen=agreement.formulas),
            cascade=targets.exclude(level=Level.UNIT).prefetch_related("indicators"),
            agreement_form=AgreementForm(initial={"signed_on": agreement.signed_on}),
            target_form=TargetForm(),
            cascade_form=CascadeForm(targets=targets),
            indicator_form=IndicatorForm(),
            realisation_form=RealisationForm(),
        )
    return render(request, "performance/agreement.html", context)


@login_required
@require_POST
def agreement_save(request, slug: str, year: int):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    _submitted(
        request,
        AgreementForm(request.POST, request.FILES),
        lambda d: agreement_open(
            unit=unit, year=year_or_404(year), signed_on=d["signed_on"], upload=d["file"], by=request.user
        ),
    )
    return _back(slug, year)


@login_required
@require_POST
def copy_previous(request, slug: str, year: int):
    agreement = get_agreement_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    attempt(request, lambda: agreement_copy_previous(agreement=agreement, by=request.user), PerformanceError)
    return _back(slug, year)


@login_required
@require_POST
def formulas_save(request, slug: str, year: int):
    agreement = get_agreement_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    form = FormulasForm(request.POST, chosen=agreement.formulas)
    _submitted(
        request, form, lambda d: agreement_formulas_set(agreement=agreement, chosen=d, by=request.user)
    )
    return _back(slug, year)


@login_required
@require_POST
def target_new(request, slug: str, year: int):
    agreement = get_agreement_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    if request.POST.get("parent"):
        form = CascadeForm(request.POST, targets=agreement.targets.all())
    else:
        form = TargetForm(request.POST)
    _submitted(request, form, lambda d: target_add(agreement=agreement, by=request.user, **d))
    return _back(slug, year)


@login_required
@require_POST
def indicator_new(request, slug: str, year: int, pk: int):
    agreement = get_agreement_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    target = get_agreement_target(agreement, pk)
    form = IndicatorForm(request.POST)
    _submitted(request, form, lambda d: indicator_add(target=target, values=d, by=request.user))
    return _back(slug, year)


@login_required
@require_POST
def realise(request, slug: str, year: int, pk: int):
    agreement = get_agreement_for_user(request, slug, year, Action.MANAGE_REGISTERS)
    indicator = get_agreement_indicator(agreement, pk)
    form = RealisationForm(request.POST, request.FILES)
    _submitted(
        request,
        form,
        lambda d: realisation_record(indicator=indicator, by=request.user, **as_arguments(d)),
    )
    return _back(slug, year)


@login_required
def export(request, slug: str, year: int, fmt: str):
    agreement = get_agreement_for_user(request, slug, year)
    name = f"capaian-kinerja-{agreement.unit.slug}-{year}"
    if fmt == "pdf":
        return pdf_response(exporters.lkj_pdf(agreement), f"{name}.pdf")
    if fmt != "xlsx":
        raise Http404
    return xlsx_response(exporters.lkj_xlsx(agreement), f"{name}.xlsx")
