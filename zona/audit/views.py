from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from zona.lib.render import xlsx_response
from zona.lib.text import as_int
from zona.orgs.permissions import Action, unit_for

from .exporters import trail_xlsx
from .selectors import events_of, get_recorded_for_user, units_from
from .trail import entries_for, rows, unit_entries


@login_required
def unit_log(request, unit_slug: str):
    unit = unit_for(request, unit_slug, Action.VIEW_AUDIT)
    events = events_of(unit)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/unit_log.html", {"unit": unit, "page": page})


@login_required
def history(request, label: str, pk: int):
    """Every field change of one recorded object, for those who may read its unit's trail (any
    other object, recorded or not, answers 404)."""
    instance = get_recorded_for_user(request, label, pk)
    return render(
        request,
        "audit/history.html",
        {
            "instance": instance,
            "label": instance._meta.verbose_name,
            "rows": rows(entries_for(instance)[:500]),
        },
    )


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun")) or today.year
    year = year if 2000 <= year <= 2100 else today.year
    return date(year, 1, 1), date(year, 12, 31)


@login_required
def unit_trail(request, unit_slug: str, fmt: str = "html"):
    """The unit's field-level trail of a year (and of the units below it), on a page or as XLSX
    for the Inspektorat."""
    unit = unit_for(request, unit_slug, Action.VIEW_AUDIT)
    start, end = _period(request)
    units = units_from(unit)
    entries = unit_entries(units, start, end, request.user)
    if fmt == "xlsx":
        title = f"JEJAK AUDIT {unit.name.upper()} {start:%d/%m/%Y}–{end:%d/%m/%Y}"
        return xlsx_response(trail_xlsx(title, entries), f"jejak-audit-{unit.slug}-{start.year}.xlsx")
    page = Paginator(entries, 100).get_page(request.GET.get("halaman"))
    return render(
        request,
        "audit/trail.html",
        {"unit": unit, "year": start.year, "page": page, "rows": rows(page), "query": f"tahun={start.year}"},
    )
