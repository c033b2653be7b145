"""The monev dashboard of a unit and the units below it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from zona.evidence.selectors import evidence_figures
from zona.lib.summaries import reader
from zona.lib.text import as_int
from zona.orgs.models import Level
from zona.orgs.permissions import unit_for

from .dashboard import SORTS, descendant_rows, plan_overview, provinces_below
from .panels import render_panels
from .selectors import plan_years_below, plans_of


@login_required
def dashboard(request, unit_slug: str):
    unit = unit_for(request, unit_slug)
    today = timezone.localdate()
    plans = plans_of(unit)
    years = plan_years_below(unit)
    own = plans[0].year if plans else None  # the unit's own latest plan first
    year = as_int(request.GET.get("tahun")) or own or (years[0] if years else today.year)
    if not 2000 <= year <= 2100:
        year = today.year
    plan = next((p for p in plans if p.year == year), None)
    sort = request.GET.get("urut", "name")
    sort = sort if sort in SORTS else "name"
    descending = request.GET.get("arah") == "turun"
    # by default grouped by province; a column the person picks sorts every unit of the list
    grouped = "urut" not in request.GET
    has_children = unit.children.exists()
    provinces = {p.slug: p for p in provinces_below(unit)} if has_children else {}
    province = provinces.get(request.GET.get("provinsi", ""))
    rows = Paginator([], 100).get_page(1)
    read = None
    if has_children:
        options = {
            "year": year,
            "today": today,
            "query": request.GET.get("q", "")[:100],
            "level": request.GET.get("tingkat", ""),
            "province": province,
            "sort": sort,
            "descending": descending,
            "grouped": grouped,
        }
        # the maintained summaries when an app keeps them (zona.rollups), else computed here
        read = reader("monev.units_below")
        if read is not None:
            rows = read(unit, page=request.GET.get("halaman"), **options)
        else:
            rows = Paginator(descendant_rows(unit, **options), 100).get_page(request.GET.get("halaman"))
    # the case figures come only from the summaries, each unit's counted at its own hour: the
    # oldest count of the page is the freshness shown
    counted = [r.cases_at for r in rows if r.cases_at]
    overview = plan_overview(plan, today) if plan else None
    if overview:
        overview["overdue"] = Paginator(overview["overdue"], 20).get_page(request.GET.get("terlambat"))
    return render(
        request,
        "monev/dashboard.html",
        {
            "unit": unit,
            "plan": plan,
            "year": year,
            "years": years,
            "overview": overview,
            # every module's evidence; for the TPI the figure of their queue within this unit and below
            "evidence": evidence_figures(request.user, unit),
            "rows": rows,
            "has_children": has_children,
            "sort": sort,
            "descending": descending,
            "grouped": grouped,
            "cases_shown": read is not None if has_children else False,
            "cases_at": min(counted) if counted else None,
            "provinces": list(provinces.values()),
            "province": province,
            "filter_query": urlencode(
                {
                    "tahun": year,
                    "q": request.GET.get("q", ""),
                    "tingkat": request.GET.get("tingkat", ""),
                    "provinsi": province.slug if province else "",
                }
            ),
            "levels": Level.choices,
            "q": request.GET.get("q", ""),
            "level": request.GET.get("tingkat", ""),
            "panels": render_panels("dashboard", request, unit=unit, year=year),
        },
    )
