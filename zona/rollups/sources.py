"""The national tables read from the summaries, sorted, filtered and paged in the database: the
monev dashboard's units below (`monev.units_below`) and the LKE recap (`lke.recap`), offered
through zona.lib.summaries so that monev and the LKE never import this app."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce, Lower, NullIf

from zona.lib.summaries import offer
from zona.lke.states import Standing
from zona.monev.dashboard import CASE_KINDS, CaseFigures, Province, UnitRow, unit_match, units_listed
from zona.orgs.models import Unit

from .services import ensure_fresh

PAGE = 100


def _on_time(kind: str):
    """The share of a case kind's finished cases finished on time, from the summary (-1: none)."""
    counts = KeyTransform(kind, F("summary__cases"))
    on_time = Cast(KeyTextTransform("on_time", counts), FloatField())
    finished = NullIf(Cast(KeyTextTransform("finished", counts), FloatField()), Value(0.0))
    return Coalesce(on_time / finished, Value(-1.0))


# the dashboard's sorts (zona.monev.dashboard.SORTS), as database expressions
SORTS = {
    "name": Lower("name"),
    "progress": Coalesce(F("ys__progress"), Value(-1.0)),
    "overdue": Coalesce(F("ys__overdue"), Value(0)),
    "findings": Coalesce(F("ys__findings"), Value(0)),
    "cycle": Coalesce(F("ys__last_quarter"), Value(0)),
    "lke": Coalesce(F("summary__lke_total"), Value(-1.0)),
    # no final LKE, then not eligible, then eligible
    "wbk": Case(
        When(summary__lke_wbk=True, then=Value(2)),
        When(summary__lke_wbk=False, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    ),
    # the case figures kept per unit (refreshed every hour): complaints, PPID requests on time
    "complaints": _on_time("complaint"),
    "ppid": _on_time("ppid"),
}


def _units(unit: Unit, year: int, query: str, level: str, province: Unit | None):
    return units_listed(unit, query, level, province).annotate(
        ys=FilteredRelation("year_summaries", condition=Q(year_summaries__year=year))
    )


@offer("monev.units_below")
def units_below(
    unit: Unit,
    *,
    year: int,
    today: date,
    query: str = "",
    level: str = "",
    province: Unit | None = None,
    sort: str = "name",
    descending: bool = False,
    grouped: bool = True,
    page=None,
):
    """A page of the units table (100 rows), ordered as `descendant_rows` orders it: `grouped`,
    by province and within it by the sort; else every unit of the list by the sort, equal values
    by province then name. Each row's province summary is over every unit of the list under it,
    not only the page's."""
    ensure_fresh(today)
    units = _units(unit, year, query, level, province)
    key = SORTS.get(sort, SORTS["name"])
    by_province = F("summary__province__path").asc(nulls_last=True)
    by_key = key.desc() if descending else key.asc()
    order = (by_province, by_key) if grouped else (by_key, by_province)
    ordered = units.select_related("summary").order_by(*order, "name", "pk")
    ordered = ordered.annotate(
        plan_id=F("ys__plan"),
        progress=F("ys__progress"),
        overdue=F("ys__overdue"),
        findings=F("ys__findings"),
        last_quarter=F("ys__last_quarter"),
    )
    found = Paginator(ordered, PAGE).get_page(page)
    provinces = _provinces(units, {u.summary.province_id for u in found.object_list if _summary(u)})
    found.object_list = [_row(u, provinces) for u in found.object_list]
    return found


def _summary(unit: Unit):
    try:
        return unit.summary
    except Unit.summary.RelatedObjectDoesNotExist:
        return None


def _provinces(units, ids: set) -> dict:
    """{province id (None: under no province): Province} over every unit of the list."""
    wanted = Q(summary__province__in=[i for i in ids if i]) | (
        Q(summary__province__isnull=True) if None in ids else Q(pk__in=[])
    )
    found = {}
    names = {u.pk: u for u in Unit.objects.filter(pk__in=[i for i in ids if i])}
    for group in (
        units.filter(wanted)
        .order_by()
        .values("summary__province")
        .annotate(
            units=Count("pk"),
            planned=Count("ys__plan"),
            progress=Avg("ys__progress"),
            overdue=Sum("ys__overdue"),
            findings=Sum("ys__findings"),
            wbk=Count("pk", filter=Q(summary__lke_wbk=True)),
        )
    ):
        pk = group["summary__province"]
        found[pk] = Province(
            names.get(pk),
            units=group["units"],
            planned=group["planned"],
            progress=group["progress"],
            overdue=group["overdue"] or 0,
            findings=group["findings"] or 0,
            wbk=group["wbk"],
        )
    return found


def _row(unit: Unit, provinces: dict) -> UnitRow:
    summary = _summary(unit)
    lke = Standing()
    if summary is not None and (summary.lke_year or summary.lke_draft_year):
        lke = Standing(
            year=summary.lke_year,
            total=summary.lke_total,
            level=summary.lke_level,
            provisional=summary.lke_provisional,
            final=summary.lke_final,
            wbk=summary.lke_wbk,
            draft_year=summary.lke_draft_year,
        )
    return UnitRow(
        unit=unit,
        plan_id=unit.plan_id,
        progress=unit.progress,
        overdue=unit.overdue or 0,
        findings=unit.findings or 0,
        last_cycle=f"TW {unit.last_quarter}" if unit.last_quarter else "",
        province=provinces.get(summary.province_id if summary else None),
        lke=lke,
        cases={kind: CaseFigures.of(summary.cases.get(kind)) for kind in CASE_KINDS} if summary else {},
        cases_at=summary.cases_at if summary else None,
    )


class RecapRow:
    """A row of the LKE recap as its template reads an assessment: the stored scores' totals, the
    level shown and its gates."""

    def __init__(self, summary) -> None:
        self.pk = summary.assessment_id
        self.unit = summary.unit
        self.stage = summary.stage
        self.scores = {}
        if summary.self_total is not None:
            self.scores["mandiri"] = {"total": summary.self_total}
        if summary.tpi_total is not None:
            self.scores["tpi"] = {"total": summary.tpi_total, "provisional": summary.tpi_provisional}
        self.shown_level = summary.shown_level
        self.shown = (
            {**summary.gates, "provisional": summary.shown_provisional} if summary.shown_level else {}
        )

    def get_stage_display(self) -> str:
        from zona.lke.models import Stage

        return str(Stage(self.stage).label) if self.stage in Stage.values else self.stage


RECAP_SORTS = {
    "unit": F("unit__path"),
    "name": Lower("unit__name"),
    "stage": F("stage"),
    "self": F("self_total"),
    "tpi": F("tpi_total"),
    "wbk": F("wbk"),
    "wbbm": F("wbbm"),
}
RECAP_FILTERS = {"stage": "stage", "wbk": "wbk", "wbbm": "wbbm"}


@offer("lke.recap")
def recap(
    unit: Unit,
    year: int,
    *,
    query: str = "",
    province: Unit | None = None,
    filters=None,
    sort: str = "unit",
    descending=False,
    page=None,
):
    """A page of the year's assessments of the unit and below (100 rows), sorted and filtered in
    the database; `filters` {"stage": value, "wbk"/"wbbm": True/False}."""
    from .models import YearSummary

    ensure_fresh(date.today())
    rows = YearSummary.objects.filter(
        unit__path__startswith=(province or unit).path, year=year, assessment__isnull=False
    ).select_related("unit")
    if query:
        rows = rows.filter(unit_match(unit, query, "unit__"))
    for name, value in (filters or {}).items():
        if name in RECAP_FILTERS and value is not None:
            rows = rows.filter(**{RECAP_FILTERS[name]: value})
    key = RECAP_SORTS.get(sort, RECAP_SORTS["unit"])
    key = key.desc(nulls_last=True) if descending else key.asc(nulls_first=True)
    found = Paginator(rows.order_by(key, "unit__path"), PAGE).get_page(page)
    found.object_list = [RecapRow(s) for s in found.object_list]
    return found


@offer("lke.year_gates")
def year_gates(units, year: int) -> dict[int, dict]:
    """{unit id: {"wbk": {...}, "wbbm": {...}}}: the gates of the year's LKE at the level the recap
    and the dashboard show, as the summaries store them (the early-warning list's failing gate)."""
    from .models import YearSummary

    ensure_fresh(date.today())
    return dict(
        YearSummary.objects.filter(unit__in=units, year=year, assessment__isnull=False).values_list(
            "unit", "gates"
        )
    )


@offer("cases.on_time")
def cases_on_time(units, kinds) -> dict[int, dict[str, float]]:
    """{unit id: {case kind: share of its finished cases finished on time}} as the summaries
    count them every hour (the peers' on-time percentiles, the units table's same figure)."""
    from .models import UnitSummary

    ensure_fresh(date.today())
    out: dict[int, dict[str, float]] = {}
    for unit_id, cases in UnitSummary.objects.filter(unit__in=units).values_list("unit", "cases"):
        for kind in kinds:
            counts = (cases or {}).get(kind) or {}
            if counts.get("finished"):
                out.setdefault(unit_id, {})[kind] = counts.get("on_time", 0) / counts["finished"]
    return out
