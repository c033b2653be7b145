"""The summaries' API: one unit's summary as the national pages read it
(`/api/units/{code}/summary`), read-only, for the units the token's owner sees."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from zona.api.common import check_year, user
from zona.orgs.models import Unit

from .models import UnitSummary, YearSummary
from .services import ensure_fresh

router = Router(tags=["units"])


class YearOut(Schema):
    """The year's plan (progress 0–1, per area, overdue steps on `as_of`, open findings, the last
    closed monev quarter) and the year's LKE (totals per level, the level shown and its gates)."""

    year: int
    plan: int | None = None
    progress: float | None = None
    areas: dict
    overdue: int
    as_of: date | None = None
    findings: int
    last_quarter: int | None = None
    assessment: int | None = None
    stage: str
    self_total: float | None = None
    tpi_total: float | None = None
    shown_level: str
    shown_provisional: bool
    wbk: bool | None = None
    wbbm: bool | None = None
    gates: dict

    @staticmethod
    def resolve_plan(obj) -> int | None:
        return obj.plan_id

    @staticmethod
    def resolve_assessment(obj) -> int | None:
        return obj.assessment_id


class SummaryOut(Schema):
    """A unit's summary: its latest final LKE, its evidence, its cases per module (counted every
    hour, `cases_at` says when) and, per year, its plan and that year's LKE."""

    unit: str
    province: str | None = None
    lke: dict
    evidence_verified: int
    evidence_awaiting: int
    cases: dict
    cases_at: datetime | None = None
    refreshed_at: datetime | None = None
    years: list[YearOut]


@router.get(
    "/units/{code}/summary", response=SummaryOut, summary="A unit's summary, as the national pages read it"
)
def unit_summary(request, code: str, year: int | None = None):
    unit = Unit.objects.visible_to(user(request)).filter(code=code).first()
    if unit is None:
        raise Http404
    ensure_fresh(timezone.localdate())
    found = UnitSummary.objects.select_related("province").filter(unit=unit).first()
    if found is None:
        raise Http404
    years = YearSummary.objects.filter(unit=unit).order_by("-year")
    if check_year(year) is not None:
        years = years.filter(year=year)
    return {
        "unit": unit.code,
        "province": found.province.code if found.province else None,
        "lke": {
            "year": found.lke_year,
            "total": found.lke_total,
            "level": found.lke_level,
            "provisional": found.lke_provisional,
            "wbk": found.lke_wbk,
            "draft_year": found.lke_draft_year,
        },
        "evidence_verified": found.evidence_verified,
        "evidence_awaiting": found.evidence_awaiting,
        "cases": found.cases,
        "cases_at": found.cases_at,
        "refreshed_at": found.refreshed_at,
        "years": list(years),
    }
