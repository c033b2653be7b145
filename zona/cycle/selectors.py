"""The cycle's reads: how many units are at each stage per province (two queries, whatever the
number of units), a unit's year with its stages, and a unit's predicates year by year."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from zona.orgs.models import Level, Unit
from zona.orgs.permissions import Action, can

from .models import Entry, Predicate
from .rules import rules


@dataclass
class ProvinceRow:
    unit: Unit | None  # None: the units above or outside any province
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def stages_per_province(user, year: int) -> list[ProvinceRow]:
    """Per province (the units at province level the person may see), the units of the year at
    each stage; the units outside any province in a last row. Two queries."""
    provinces = {u.path: u for u in Unit.objects.visible_to(user).filter(level=Level.PROVINCE)}
    rows = {path: ProvinceRow(unit) for path, unit in sorted(provinces.items(), key=lambda kv: kv[1].name)}
    outside = ProvinceRow(None)
    stages = rules().order
    for path, stage in Entry.objects.visible_to(user).filter(year=year).values_list("unit__path", "stage"):
        row = next((rows[p] for p in _ancestors(path) if p in rows), outside)
        row.counts[stage] = row.counts.get(stage, 0) + 1
    found = [row for row in rows.values()] + ([outside] if outside.counts else [])
    for row in found:
        row.counts = {code: row.counts.get(code, 0) for code in stages}
    return found


def _ancestors(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def get_entry_for_user(request, pk: int) -> Entry:
    """404 when the unit is not the person's to see."""
    return get_object_or_404(
        Entry.objects.visible_to(request.user).select_related("unit", "assessment", "tpi_team"), pk=pk
    )


def entries_of_year(user, year: int):
    return Entry.objects.visible_to(user).filter(year=year).select_related("unit").order_by("unit__path")


def unit_to_open(user, code: str) -> Unit | None:
    """The unit of the given code the person may open the year for, or None."""
    unit = Unit.objects.visible_to(user).filter(code=code.strip()).first()
    return unit if unit is not None and can(user, Action.OPEN_CYCLE, unit) else None


def get_predicate_for_user(request, pk: int) -> tuple[Predicate, Entry | None]:
    """A predicate of a unit the person sees (404 otherwise), with the unit's year it awards."""
    predicate = get_object_or_404(
        Predicate.objects.filter(unit__in=Unit.objects.visible_to(request.user)).select_related("unit"), pk=pk
    )
    return predicate, Entry.objects.filter(unit=predicate.unit, year=predicate.year).first()


def predicate_history(unit: Unit) -> list[Predicate]:
    """The unit's predicates, newest first, with their revocation (one query)."""
    return list(
        Predicate.objects.filter(unit=unit).select_related("revocation", "decree").order_by("-year", "kind")
    )


def stage_labels() -> dict[str, str]:
    return {code: spec.label for code, spec in rules().stages.items()}


def outcome_label(stage: str, outcome: str) -> str:
    spec = rules().stages.get(stage)
    found = spec.outcomes.get(outcome) if spec else None
    return found.label if found else ""
