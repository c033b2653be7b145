"""Every write to the recap registers and what is read from them: entries by form or by import
(the same conversions, every problem named, all or nothing), the unit's headcount, a period's
recap and its attachment to a plan indicator as evidence (the recap's XLSX/PDF are built in
exporters.py), and the roll-up of the units below."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_create_file
from zona.lib.errors import RuleError
from zona.lib.periods import period_containing
from zona.lib.records import RecordsError, convert, read_records
from zona.orgs.models import Unit
from zona.plans.models import Indicator
from zona.plans.services import indicator_link_evidence

from .exporters import recap_pdf
from .models import Entry, Headcount, NilDeclaration
from .types import RegisterType, register_types

LIMIT = 20_000  # rows in one import


class RegisterError(RuleError):
    """A rule was broken; the message (and its `problems`) is for the user."""


def register_type(kind: str) -> RegisterType:
    try:
        return register_types()[kind]
    except KeyError:
        raise RegisterError(_("Unknown register %(kind)s.") % {"kind": kind}) from None


def _stored(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    return value


def _placed(t: RegisterType, values: dict) -> tuple[int, date | None]:
    if t.date_field:
        day = values[t.date_field]
        return day.year, day
    return values[t.year_field], None


def _check_year(year: int, row: str = "") -> None:
    if not 2000 <= year <= 2100:
        raise RegisterError(f"{row}{_('the year must be between 2000 and 2100')}")


def refuse_entries_in_nil_years(unit: Unit, kind: str, years) -> None:
    """An entry for a year declared nihil (zona/registers/nil.py) contradicts the declaration:
    the declaration is withdrawn first."""
    declared = sorted(
        NilDeclaration.objects.filter(unit=unit, kind=kind, year__in=set(years)).values_list(
            "year", flat=True
        )
    )
    if declared:
        raise RegisterError(
            _("%(years)s declared nihil for this register: withdraw the declaration before adding entries.")
            % {"years": ", ".join(str(y) for y in declared)}
        )


def entry_values(t: RegisterType, raw: dict) -> dict:
    """The typed values of a form's entries (or a row's cells); RegisterError names each wrong one."""
    values, problems = {}, []
    for spec in t.fields:
        try:
            values[spec.key] = convert(spec, raw.get(spec.key, ""))
        except ValueError as exc:
            problems.append(f"{spec.label}: {exc}")
    if problems:
        raise RegisterError("; ".join(problems), problems)
    return values


@transaction.atomic
def entry_save(*, unit: Unit, kind: str, raw: dict, by, entry: Entry | None = None) -> Entry:
    t = register_type(kind)
    values = entry_values(t, raw)
    year, day = _placed(t, values)
    _check_year(year)
    refuse_entries_in_nil_years(unit, kind, [year])
    target = entry or Entry(unit=unit, kind=kind, created_by=by)
    target.year, target.day = year, day
    target.values = {k: _stored(v) for k, v in values.items()}
    target.save()
    audit_record(
        actor=by,
        action="register.entry_saved" if entry else "register.entry_added",
        obj=target,
        unit=unit,
        changes={"kind": kind, "year": year},
    )
    return target


@transaction.atomic
def entry_delete(*, entry: Entry, by) -> None:
    audit_record(
        actor=by,
        action="register.entry_deleted",
        obj=entry,
        unit=entry.unit,
        changes={"kind": entry.kind, "values": entry.values},
    )
    entry.delete()


@transaction.atomic
def entries_import(*, unit: Unit, kind: str, data: bytes, by) -> int:
    """A CSV/XLSX of entries: every row saved, or none (every problem named by row and column)."""
    t = register_type(kind)
    try:
        records = read_records(data, list(t.fields), limit=LIMIT)
    except RecordsError as exc:
        raise RegisterError("; ".join(exc.problems[:50]), exc.problems) from exc
    rows, problems = [], []
    for record in records:
        year, day = _placed(t, record.values)
        if not 2000 <= year <= 2100:
            problems.append(_("row %(row)s: the year must be between 2000 and 2100") % {"row": record.row})
            continue
        values = {k: _stored(v) for k, v in record.values.items()}
        rows.append(Entry(unit=unit, kind=kind, year=year, day=day, values=values, created_by=by))
    if problems:
        raise RegisterError("; ".join(problems[:50]), problems)
    refuse_entries_in_nil_years(unit, kind, {row.year for row in rows})
    Entry.objects.bulk_create(rows, batch_size=1000)
    audit_record(
        actor=by, action="register.imported", obj=unit, unit=unit, changes={"kind": kind, "rows": len(rows)}
    )
    return len(rows)


@transaction.atomic
def headcount_set(*, unit: Unit, year: int, employees: int, by) -> Headcount:
    _check_year(year)
    if employees < 0:
        raise RegisterError(_("The number of employees can't be negative."))
    headcount, _created = Headcount.objects.update_or_create(
        unit=unit, year=year, defaults={"employees": employees, "updated_by": by}
    )
    audit_record(
        actor=by,
        action="register.headcount",
        obj=unit,
        unit=unit,
        changes={"year": year, "employees": employees},
    )
    return headcount


def headcount(unit: Unit, year: int) -> int | None:
    return Headcount.objects.filter(unit=unit, year=year).values_list("employees", flat=True).first()


# -- periods and recaps ------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:-(?:tw|q|t)?([1-4]))?$")


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None

    @property
    def label(self) -> str:
        return f"Triwulan {self.quarter} {self.year}" if self.quarter else f"Tahun {self.year}"

    @property
    def code(self) -> str:
        return f"{self.year}-{self.quarter}" if self.quarter else str(self.year)

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.quarter - 1) + 1, 1) if self.quarter else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return period_containing(self.start, 3)[1] if self.quarter else date(self.year, 12, 31)


def period_of(text: str, t: RegisterType, default_year: int) -> Period:
    """ "2026" (a year) or "2026-2" (a quarter, for dated registers); anything else: the default year."""
    found = _PERIOD.match((text or "").strip().lower())
    if not found or not 2000 <= int(found.group(1)) <= 2100:
        return Period(default_year)
    quarter = int(found.group(2)) if found.group(2) and t.by_quarter else None
    return Period(int(found.group(1)), quarter)


def entries_in(unit: Unit, t: RegisterType, period: Period):
    found = Entry.objects.filter(unit=unit, kind=t.key, year=period.year)
    if period.quarter:
        found = found.filter(day__gte=period.start, day__lte=period.end)
    return found.order_by("day", "id")


def _number(value) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


@dataclass
class RecapResult:
    type: RegisterType
    unit: Unit
    period: Period
    entries: list[Entry]
    count: int = 0
    groups: list[tuple[str, int, list[Decimal]]] = field(default_factory=list)
    sums: list[Decimal] = field(default_factory=list)
    people: int | None = None
    filled: list[tuple[str, int]] = field(default_factory=list)


def recap(unit: Unit, kind: str, period: Period) -> RecapResult:
    t = register_type(kind)
    entries = list(entries_in(unit, t, period))
    r = t.recap
    result = RecapResult(t, unit, period, entries, count=len(entries))
    result.sums = [sum((_number(e.values.get(k)) for e in entries), Decimal(0)) for k in r.sum]
    if r.group:
        counted = Counter(e.values.get(r.group) or "" for e in entries)
        order = [*t.field(r.group).choices, ""]
        for value in order:
            if counted[value]:
                members = [e for e in entries if (e.values.get(r.group) or "") == value]
                sums = [sum((_number(e.values.get(k)) for e in members), Decimal(0)) for k in r.sum]
                result.groups.append((value or "–", counted[value], sums))
    if r.people:
        result.people = len({str(e.values.get(r.people)).strip().lower() for e in entries})
    result.filled = [(t.field(k).label, sum(1 for e in entries if e.values.get(k))) for k in r.filled]
    return result


@transaction.atomic
def recap_attach(*, unit: Unit, kind: str, period: Period, indicator: Indicator, by):
    """The period's recap as a PDF evidence item of the unit, linked to a plan indicator."""
    if indicator.component.area.plan.unit_id != unit.pk:
        raise RegisterError(_("This indicator belongs to another unit's plan."))
    result = recap(unit, kind, period)
    name = f"rekap-{kind}-{period.code}.pdf"
    upload = SimpleUploadedFile(name, recap_pdf(result), content_type="application/pdf")
    item = evidence_create_file(
        unit=unit, title=f"Rekap {result.type.name} {period.label}"[:300], upload=upload, by=by,
        effective_date=period.end,
    )  # fmt: skip
    indicator_link_evidence(indicator=indicator, item=item, by=by)
    return item


# -- the units below ---------------------------------------------------------------------------


@dataclass
class UnitCounts:
    unit: Unit
    counts: dict[str, int] = field(default_factory=dict)
    employees: int | None = None

    def row(self) -> list[int]:
        return [self.counts.get(key, 0) for key in register_types()]


def rollup(unit: Unit, year: int) -> list[UnitCounts]:
    """Entries per register for every unit at and below `unit`, and their headcounts: three
    queries whatever the number of units."""
    rows = {u.pk: UnitCounts(u) for u in Unit.objects.filter(path__startswith=unit.path).order_by("path")}
    for item in (
        Entry.objects.filter(unit__path__startswith=unit.path, year=year)
        .values("unit_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        rows[item["unit_id"]].counts[item["kind"]] = item["n"]
    for unit_id, employees in Headcount.objects.filter(
        unit__path__startswith=unit.path, year=year
    ).values_list("unit_id", "employees"):
        rows[unit_id].employees = employees
    return list(rows.values())
