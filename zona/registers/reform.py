"""The Reform figures the LKE takes from the recap registers, each as the LKE's own inputs (the
ratio itself is the LKE's formula, computed by its scoring):

- A.II.3.iii.a penurunan pelanggaran disiplin: violations last year, this year, sanctioned;
- A.II.5.iii.a/b LHKPN and LHKASN: obliged to report, reported (only the obliged are listed, so
  reported never exceeds obliged);
- A.II.6.i.b services simplified: services listed, simplified;
- and for A.I.3.iii.d (the right to competence development), employees with at least the hours
  of training of data/rules.yaml (20, PP 17/2020 Pasal 203) out of the unit's employees."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from zona.lib.yamlfile import load_yaml
from zona.orgs.models import Unit

from .models import Entry, NilDeclaration
from .services import headcount

RULES = Path(__file__).parent / "data" / "rules.yaml"


@cache
def training_hours() -> Decimal:
    """The yearly hours of training that count (PP 17/2020 Pasal 203 ayat (4): 20 JP), from
    data/rules.yaml."""
    raw = ((load_yaml(RULES) or {}).get("training_hours")) or {}
    hours = raw.get("hours")
    if not isinstance(hours, int) or hours <= 0 or not str(raw.get("source", "")).strip():
        raise ValueError(f"{RULES.name}: training_hours.hours is a whole number > 0, with its source")
    return Decimal(hours)


def _entries(unit: Unit, kind: str, *years: int):
    return Entry.objects.filter(unit=unit, kind=kind, year__in=years)


@dataclass(frozen=True)
class Discipline:
    last_year: int
    this_year: int
    sanctioned: int
    nil_years: tuple[int, ...] = ()  # the years of the two counted as zero by a nihil declaration


def discipline(unit: Unit, year: int) -> Discipline | None:
    """None unless each of the two years holds entries or a nihil declaration (zona/registers/
    nil.py): a year with neither is no data, never "zero violations" (the unit then types the
    answer itself, with its evidence). A year declared nihil counts 0 violations."""
    rows = list(_entries(unit, "disiplin", year - 1, year).values_list("year", "values"))
    nil = set(
        NilDeclaration.objects.filter(unit=unit, kind="disiplin", year__in=(year - 1, year)).values_list(
            "year", flat=True
        )
    )
    if {y for y, _v in rows} | nil != {year - 1, year}:
        return None
    this = [values for y, values in rows if y == year]
    return Discipline(
        last_year=sum(1 for y, _v in rows if y == year - 1),
        this_year=len(this),
        sanctioned=sum(1 for values in this if values.get("sanksi")),
        nil_years=tuple(sorted(nil)),
    )


def reports(unit: Unit, year: int, kind: str) -> tuple[int, int] | None:
    """(obliged, reported) of LHKPN or LHKASN for the year's reports, or None if none listed."""
    listed = [
        v for v in _entries(unit, "lhkpn", year).values_list("values", flat=True) if v.get("jenis") == kind
    ]
    if not listed:
        return None
    people = {}
    for values in listed:  # a person listed twice counts once, reported if either row says so
        key = str(values.get("pegawai")).strip().lower()
        people[key] = people.get(key, False) or bool(values.get("tanggal_lapor"))
    return len(people), sum(people.values())


def simplified(unit: Unit, year: int) -> tuple[int, int] | None:
    """(services listed, simplified) for the year, or None if none listed."""
    listed = list(_entries(unit, "layanan_dipermudah", year).values_list("values", flat=True))
    if not listed:
        return None
    return len(listed), sum(1 for v in listed if v.get("dipermudah"))


def trained(unit: Unit, year: int) -> tuple[int, int] | None:
    """(employees with at least 20 JP of training in the year, the unit's employees), or None
    without a headcount for the year."""
    employees = headcount(unit, year)
    if not employees:
        return None
    hours: dict[str, Decimal] = {}
    for values in _entries(unit, "pelatihan", year).values_list("values", flat=True):
        key = str(values.get("pegawai")).strip().lower()
        hours[key] = hours.get(key, Decimal(0)) + Decimal(str(values.get("jp") or 0))
    needed = training_hours()
    return min(sum(1 for h in hours.values() if h >= needed), employees), employees
