"""The performance agreements' API: a unit's agreement of a year, achieved."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zona.api.common import as_float, check_year, unit_scope

from .models import Agreement
from .services import summary

router = Router(tags=["surveys, registers, performance, WBS"])


class TargetOut(Schema):
    code: str
    text: str
    achievement: float | None = None
    met: bool


class PerformanceOut(Schema):
    unit: str
    year: int
    targets: list[TargetOut]
    met: int
    achievement: float | None = None


@router.get("/performance", response=PerformanceOut, summary="A unit's performance agreement, achieved")
def performance(request, unit: str, year: int):
    units = unit_scope(request, unit)
    agreement = get_object_or_404(Agreement, unit__in=units, unit__code=unit, year=check_year(year))
    s = summary(agreement)
    return {
        "unit": unit,
        "year": year,
        "targets": [
            {
                "code": t.target.code,
                "text": t.target.text,
                "achievement": as_float(t.achievement),
                "met": t.met,
            }
            for t in s.targets
        ],
        "met": s.met,
        "achievement": as_float(s.achievement),
    }
