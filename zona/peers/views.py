from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zona.evidence.views_exports import export_start
from zona.lib.text import as_int

from .rules import thresholds
from .selectors import (
    REASONS,
    SORTS,
    get_unit_for_user,
    place_of,
    provinces_under,
    reason_names,
    warning_rows,
    warning_years,
)

PAGE = 100  # units a page of the early-warning list


def _year(data) -> int:
    year = as_int(data.get("tahun")) or timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def place_page(request, slug: str):
    """The unit's place among its peers (the units of its level under the same parent)."""
    unit = get_unit_for_user(request, slug)
    year = _year(request.GET)
    context = {"unit": unit, "year": year, "standing": place_of(unit, request.user, year)}
    return render(request, "peers/place.html", context)


def _filters(request, scope, data) -> dict:
    """The list's filters from the query (or the export's form); anything unknown is left out."""
    provinces = {p.slug: p for p in provinces_under(scope, request.user)}
    province = provinces.get(data.get("provinsi", ""))
    sort = data.get("urut", "name")
    return {
        "year": _year(data),
        "province": province,
        "reasons": frozenset(r for r in data.getlist("alasan") if r in REASONS),
        "sort": sort if sort in SORTS else "name",
        "descending": data.get("arah") == "turun",
        "provinces": list(provinces.values()),
    }


def _query(filters: dict, *, sort: bool = True) -> str:
    parts = [f"tahun={filters['year']}"]
    if filters["province"]:
        parts.append(f"provinsi={filters['province'].slug}")
    parts += [f"alasan={r}" for r in sorted(filters["reasons"])]
    if sort:
        parts.append(f"urut={filters['sort']}" + ("&arah=turun" if filters["descending"] else ""))
    return "&".join(parts)


@login_required
def warnings_page(request, slug: str):
    """The early-warning list of the units under a province or the nation that the person sees."""
    scope = get_unit_for_user(request, slug)
    filters = _filters(request, scope, request.GET)
    today = timezone.localdate()
    rows = warning_rows(
        scope,
        request.user,
        year=filters["year"],
        today=today,
        rules=thresholds(),
        province=filters["province"],
        reasons=filters["reasons"],
        sort=filters["sort"],
        descending=filters["descending"],
    )
    page = Paginator(rows, PAGE).get_page(request.GET.get("halaman"))
    context = {
        "unit": scope,
        "today": today,
        "page": page,
        "filters": filters,
        "query": _query(filters),
        "filter_query": _query(filters, sort=False),
        "reasons": reason_names(),
        "rules": thresholds(),
        "years": warning_years(scope, today),
    }
    return render(request, "peers/warnings.html", context)


@login_required
@require_POST
def warnings_export(request, slug: str):
    scope = get_unit_for_user(request, slug)
    filters = _filters(request, scope, request.POST)
    params = {
        "year": filters["year"],
        "today": timezone.localdate().isoformat(),
        "province": filters["province"].pk if filters["province"] else None,
        "reasons": sorted(filters["reasons"]),
        "sort": filters["sort"],
        "desc": filters["descending"],
    }
    back = reverse("peers:warnings", args=[scope.slug]) + "?" + _query(filters)
    return export_start(request, kind="peers.warnings", obj=scope, fmt="xlsx", params=params, back=back)
