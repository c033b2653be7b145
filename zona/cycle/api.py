"""The cycle's API: each unit's place in the year's national cycle, its stages with their
dates, outcomes and notes, and the TPN's survey figures."""

from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, as_float, check_year, unit_scope

from .models import Entry, StageRecord

router = Router(tags=["Cycle"])


class StageOut(Schema):
    stage: str
    outcome: str
    on: date
    note: str


class EntryOut(Schema):
    id: int
    unit: str
    year: int
    stage: str
    stage_on: date
    assessment: int
    tpi_team: str | None = None
    ipak_tpn: float | None = None
    ipkp_tpn: float | None = None
    stages: list[StageOut]

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_assessment(obj) -> int:
        return obj.assessment_id

    @staticmethod
    def resolve_tpi_team(obj) -> str | None:
        return obj.tpi_team.name if obj.tpi_team else None

    @staticmethod
    def resolve_ipak_tpn(obj) -> float | None:
        figures = getattr(obj, "tpn_figures", None)
        return as_float(figures.ipak) if figures else None

    @staticmethod
    def resolve_ipkp_tpn(obj) -> float | None:
        figures = getattr(obj, "tpn_figures", None)
        return as_float(figures.ipkp) if figures else None

    @staticmethod
    def resolve_stages(obj) -> list:
        return list(obj.records.all())


def _entries(units):
    return (
        Entry.objects.filter(unit__in=units)
        .select_related("unit", "tpi_team", "tpn_figures")
        .prefetch_related(Prefetch("records", queryset=StageRecord.objects.order_by("id")))
        .order_by("-year", "unit__path")
    )


@router.get("/cycle/entries", response=list[EntryOut], summary="Units in the national cycle and their stages")
@paginate(Pages)
def entries(request, unit: str | None = None, year: int | None = None, stage: str | None = None):
    found = _entries(unit_scope(request, unit))
    if year:
        found = found.filter(year=check_year(year))
    return found.filter(stage=stage) if stage else found


@router.get("/cycle/entries/{entry_id}", response=EntryOut)
def entry(request, entry_id: int):
    return get_object_or_404(_entries(unit_scope(request, None)), pk=entry_id)
