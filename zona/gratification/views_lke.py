"""The records behind the LKE's A.I.5.i.b for whoever may read the unit's LKE (its coordinator,
the TPI): the UPG's year as counted — officers appointed, reports by number, date and whether
they reached KPK in time, and the period recaps — without reporters, givers or gifts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from zona.lib.text import as_int

from .lke_rules import periods_recapped, reports_counted
from .selectors import get_unit_for_user, recaps_of
from .services import upg_officers


@login_required
def lke_records(request, slug: str):
    unit = get_unit_for_user(request, slug)
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun"), today.year) or today.year
    year = year if 2000 <= year <= 2100 else today.year
    reports = reports_counted(unit, year, today)
    covered, periods = periods_recapped(unit, year)
    return render(
        request,
        "gratification/lke_records.html",
        {
            "unit": unit,
            "year": year,
            "officers": len(upg_officers(unit)),
            "reports": reports,
            "late": sum(1 for _r, late in reports if late),
            "recaps": recaps_of(unit, year),
            "covered": covered,
            "periods": periods,
        },
    )
