"""The recap registers' pages: the unit's registers with their counts and headcount, a register
with its entries, recap, import and exports, an entry's edit page, and the units below."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence.views_exports import export_start
from zona.lib.feedback import attempt, outcome
from zona.lib.text import as_int
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can, require, unit_for

from .exporters import entry_row
from .forms import AttachForm, EntryForm, HeadcountForm, ImportForm, NilForm
from .nil import NIL_KINDS, nil_declaration, nil_declare, nil_withdraw
from .selectors import (
    entry_counts,
    get_unit_entry,
    has_entries,
    headcount_of,
    plan_indicators,
    units_visible_to,
)
from .services import (
    RegisterError,
    entries_import,
    entry_delete,
    entry_save,
    headcount_set,
    period_of,
    recap,
    recap_attach,
    register_type,
    rollup,
)
from .types import register_types


def _type(kind: str):
    try:
        return register_type(kind)
    except RegisterError:
        raise Http404 from None


def _year(value: str | None) -> int:
    """The year asked for (a query or form value), or this year."""
    year = as_int(value) or timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _back(kind: str, unit: Unit, year: int):
    return redirect(f"{reverse('registers:register', args=[unit.slug, kind])}?tahun={year}")


@login_required
def units(request):
    """Where each register is (risks, SOPs, recaps, performance) for the units the user sees."""
    return render(
        request,
        "registers/units.html",
        {"units": units_visible_to(request.user)},
    )


@login_required
def hub(request, slug: str):
    unit = unit_for(request, slug)
    year = _year(request.GET.get("tahun"))
    counts = entry_counts(unit, year)
    return render(
        request,
        "registers/hub.html",
        {
            "unit": unit,
            "year": year,
            "types": [(t, counts.get(t.key, 0)) for t in register_types().values()],
            "headcount": headcount_of(unit, year),
            "may_manage": can(request.user, Action.MANAGE_REGISTERS, unit),
            "headcount_form": HeadcountForm(initial={"year": year}),
            "has_children": unit.children.exists(),
        },
    )


@login_required
def register_page(request, slug: str, kind: str):
    unit = unit_for(request, slug)
    t = _type(kind)
    year = _year(request.GET.get("tahun"))
    period = period_of(request.GET.get("periode", ""), t, year)
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    result = recap(unit, kind, period)
    return render(
        request,
        "registers/register.html",
        {
            "unit": unit,
            "type": t,
            "year": period.year,
            "period": period,
            "periods": [period_of(str(period.year), t, year)]
            + ([period_of(f"{period.year}-{q}", t, year) for q in range(1, 5)] if t.by_quarter else []),
            "result": result,
            "rows": [(e, entry_row(t, e)) for e in result.entries[:1000]],
            "more": max(0, len(result.entries) - 1000),
            "headers": [s.label for s in t.fields],
            "may_manage": may_manage,
            "form": EntryForm(t) if may_manage else None,
            "import_form": ImportForm() if may_manage else None,
            "attach_form": AttachForm(indicators=plan_indicators(unit, period.year)) if may_manage else None,
            "nil_allowed": kind in NIL_KINDS,
            "nil": nil_declaration(unit, kind, period.year) if kind in NIL_KINDS else None,
            "year_has_entries": has_entries(unit, kind, period.year),
            "nil_form": NilForm() if may_manage and kind in NIL_KINDS else None,
        },
    )


@login_required
@require_POST
def nil(request, slug: str, kind: str, year: int):
    """Declare the year nihil (nothing to record), or withdraw the declaration."""
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    _type(kind)
    if request.POST.get("withdraw"):
        declaration = nil_declaration(unit, kind, year)
        if declaration is None:
            raise Http404
        nil_withdraw(declaration=declaration, by=request.user)
        messages.success(request, _("The nihil declaration is withdrawn."))
        return _back(kind, unit, year)
    form = NilForm(request.POST, request.FILES)
    upload = form.cleaned_data.get("evidence") if form.is_valid() else None
    attempt(
        request,
        lambda: nil_declare(unit=unit, kind=kind, year=year, by=request.user, upload=upload),
        RegisterError,
        _("%(year)s is declared nihil.") % {"year": year},
    )
    return _back(kind, unit, year)


@login_required
@require_POST
def entry_new(request, slug: str, kind: str):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    _type(kind)
    saved = []
    attempt(
        request,
        lambda: saved.append(entry_save(unit=unit, kind=kind, raw=request.POST, by=request.user)),
        RegisterError,
    )
    return _back(kind, unit, saved[0].year if saved else _year(request.POST.get("ke_tahun")))


@login_required
def entry_edit(request, slug: str, kind: str, pk: int):
    unit = unit_for(request, slug)
    t = _type(kind)
    entry = get_unit_entry(unit, kind, pk)
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        if request.POST.get("delete"):
            entry_delete(entry=entry, by=request.user)
            messages.success(request, _("Deleted."))
            return _back(kind, unit, entry.year)
        if attempt(
            request,
            lambda: entry_save(unit=unit, kind=kind, raw=request.POST, by=request.user, entry=entry),
            RegisterError,
        ):
            return _back(kind, unit, entry.year)
    form = EntryForm(t, initial=request.POST.dict() if request.method == "POST" else entry.values)
    return render(
        request,
        "registers/entry.html",
        {
            "unit": unit,
            "type": t,
            "entry": entry,
            "form": form,
            "may_manage": can(request.user, Action.MANAGE_REGISTERS, unit),
        },
    )


@login_required
@require_POST
def import_file(request, slug: str, kind: str):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    _type(kind)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or XLSX file."))
    else:
        count = outcome(
            request,
            lambda: entries_import(
                unit=unit, kind=kind, data=form.cleaned_data["file"].read(), by=request.user
            ),
            RegisterError,
            refused=_("Nothing was imported: %(errors)s"),
        )
        if count is not None:
            messages.success(request, _("Imported %(n)s entries.") % {"n": count})
    return _back(kind, unit, _year(request.POST.get("ke_tahun")))


@login_required
@require_POST
def export(request, slug: str, kind: str, fmt: str):
    """Queue the period's recap (the summary and every entry) in the background worker."""
    unit = unit_for(request, slug)
    t = _type(kind)
    period = period_of(request.POST.get("periode", ""), t, _year(request.POST.get("tahun")))
    back = f"{reverse('registers:register', args=[unit.slug, kind])}?periode={period.code}"
    params = {"kind": kind, "period": period.code}
    return export_start(request, kind="registers.recap", obj=unit, fmt=fmt, params=params, back=back)


@login_required
@require_POST
def attach(request, slug: str, kind: str):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    t = _type(kind)
    period = period_of(request.POST.get("periode", ""), t, _year(request.POST.get("ke_tahun")))
    form = AttachForm(request.POST, indicators=plan_indicators(unit, period.year))
    if not form.is_valid():
        messages.error(
            request, _("Choose an indicator of the unit's plan for %(year)s.") % {"year": period.year}
        )
    else:
        indicator = form.cleaned_data["indicator"]
        attempt(
            request,
            lambda: recap_attach(unit=unit, kind=kind, period=period, indicator=indicator, by=request.user),
            RegisterError,
            _("The recap is attached to the indicator as evidence."),
        )
    return redirect(f"{reverse('registers:register', args=[unit.slug, kind])}?periode={period.code}")


@login_required
@require_POST
def headcount(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_REGISTERS)
    form = HeadcountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a year and a number of employees."))
        return redirect("registers:hub", slug=slug)
    data = form.cleaned_data
    headcount_set(unit=unit, year=data["year"], employees=data["employees"], by=request.user)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('registers:hub', args=[slug])}?tahun={data['year']}")


@login_required
def units_below(request, slug: str):
    unit = unit_for(request, slug)
    year = _year(request.GET.get("tahun"))
    rows = rollup(unit, year)
    return render(
        request,
        "registers/rollup.html",
        {
            "unit": unit,
            "year": year,
            "page": Paginator(rows, 100).get_page(request.GET.get("halaman")),
            "totals": [sum(column) for column in zip(*(r.row() for r in rows), strict=True)],
            "employees": sum(r.employees or 0 for r in rows),
            "units": len(rows),
            "query": f"tahun={year}",
            "types": list(register_types().values()),
        },
    )
