"""The records behind the LKE's A.I.5.i.b for whoever may read the unit's LKE (its coordinator,
the TPI): the UPG's year as counted — officers appointed, reports by number, date and whether
they reached KPK in time, and the period recaps — without reporters, givers or gifts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zona.lib.text import as_int
from zona.orgs.models import Unit

from .deadlines import overdue_to_kpk
from .lke_rules import periods_recapped
from .models import GratificationReport, Recap
from .services import upg_officers


@login_required
def lke_records(request, slug: str):
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun"), today.year) or today.year
    year = year if 2000 <= year <= 2100 else today.year
    reports = [
        (r, r.late_to_kpk or overdue_to_kpk(r, today))
        for r in GratificationReport.objects.filter(unit=unit, reported_on__year=year).order_by("reported_on")
    ]
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
            "recaps": Recap.objects.filter(unit=unit, period_start__year=year).order_by("period_start"),
            "covered": covered,
            "periods": periods,
        },
    )
