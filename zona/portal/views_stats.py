"""The open statistics, public: a unit's page, the national page (per province), each as CSV
and JSON at a stable address. The figures are the day's (zona/portal/open_stats.py)."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zona.orgs.models import Unit

from . import exporters, opendata, stats
from .open_stats import for_nation, for_unit


def _unit(slug: str) -> Unit:
    return get_object_or_404(Unit, slug=slug)


def unit_statistics(request, slug: str):
    unit = _unit(slug)
    data = for_unit(unit, timezone.localdate())
    context = {
        "unit": unit,
        "data": data,
        "years": opendata.tables(data["periods"]),
        "withheld": opendata.withheld_note(data["minimum_count_shown"]),
    }
    return render(request, "portal/statistics.html", context)


def unit_statistics_csv(request, slug: str):
    unit = _unit(slug)
    data = for_unit(unit, timezone.localdate())
    return _csv(exporters.csv_text_of([(data["scope"], data)]), f"statistik-{unit.slug}.csv")


def unit_statistics_json(request, slug: str):
    return JsonResponse(
        for_unit(_unit(slug), timezone.localdate()), json_dumps_params={"ensure_ascii": False}
    )


def national_statistics(request):
    data = for_nation(timezone.localdate())
    provinces = [
        {"scope": p["scope"], "years": opendata.tables(p["periods"]), "surveys": p["surveys"]}
        for p in data["provinces"]
    ]
    context = {
        "data": data,
        "provinces": provinces,
        "withheld": opendata.withheld_note(data["minimum_count_shown"]),
    }
    return render(request, "portal/statistics_national.html", context)


def national_statistics_csv(request):
    data = for_nation(timezone.localdate())
    return _csv(exporters.csv_text_of([(p["scope"], p) for p in data["provinces"]]), "statistik-nasional.csv")


def national_statistics_json(request):
    return JsonResponse(for_nation(timezone.localdate()), json_dumps_params={"ensure_ascii": False})


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{stats.license_info()["url"]}>; rel="license"'
    return response
