"""Conflict-of-interest records (each audited), and how far the unit's main functions are
covered: mapped, socialised, applied (what the LKE's A.I.5.v asks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_file_or
from zona.lib.errors import RuleError

from .models import ConflictRisk, Declaration, MainFunction, Recusal


class CoiError(RuleError):
    """A rule was broken; the message is for the user."""


def _evidence(unit, title: str, upload, by, day: date):
    """The uploaded file as an evidence item of the unit; a file the checks refuse is a CoiError."""
    return evidence_file_or(CoiError, unit=unit, title=title, upload=upload, by=by, effective_date=day)


@transaction.atomic
def function_add(*, unit, name: str, by) -> MainFunction:
    name = name.strip()
    if not name:
        raise CoiError(_("Name the function or service."))
    try:
        with transaction.atomic():
            function = MainFunction.objects.create(unit=unit, name=name[:300])
    except IntegrityError as exc:
        raise CoiError(_("This function is already listed.")) from exc
    audit_record(actor=by, action="coi.function_added", obj=function, unit=unit)
    return function


@transaction.atomic
def function_mark(
    *, function: MainFunction, socialised_on: date | None, applied_on: date | None, upload, by
) -> MainFunction:
    """Record when conflict handling was socialised in this function, and applied (with evidence)."""
    if socialised_on:
        function.socialised_on = socialised_on
    if applied_on:
        function.applied_on = applied_on
        if upload is not None:
            function.applied_evidence = _evidence(
                function.unit, f"Penanganan benturan kepentingan: {function.name}", upload, by, applied_on
            )
    function.save()
    audit_record(
        actor=by,
        action="coi.function_marked",
        obj=function,
        unit=function.unit,
        changes={"socialised_on": str(socialised_on or ""), "applied_on": str(applied_on or "")},
    )
    return function


@transaction.atomic
def risk_add(
    *, function: MainFunction, kind: str, source: str, description: str, control: str, by
) -> ConflictRisk:
    if not description.strip() or not control.strip():
        raise CoiError(_("Describe the situation and how it is handled."))
    risk = ConflictRisk.objects.create(
        function=function,
        kind=kind,
        source=source,
        description=description.strip(),
        control=control.strip(),
        created_by=by,
    )
    audit_record(
        actor=by,
        action="coi.risk_added",
        obj=risk,
        unit=function.unit,
        changes={"kind": kind, "source": source},
    )
    return risk


@transaction.atomic
def declaration_add(
    *, unit, official, year: int, has_conflict: bool, statement: str, signed_on: date, upload, by
) -> Declaration:
    if upload is None:
        raise CoiError(_("Attach the signed declaration."))
    if has_conflict and not statement.strip():
        raise CoiError(_("Say what the potential conflict is."))
    if Declaration.objects.filter(unit=unit, official=official, year=year).exists():
        raise CoiError(_("This official already declared for %(year)s.") % {"year": year})
    document = _evidence(unit, f"Deklarasi benturan kepentingan {official} {year}", upload, by, signed_on)
    declaration = Declaration.objects.create(
        unit=unit,
        official=official,
        year=year,
        has_conflict=has_conflict,
        statement=statement.strip(),
        signed_on=signed_on,
        document=document,
    )
    audit_record(
        actor=by, action="coi.declared", obj=declaration, unit=unit, changes={"has_conflict": has_conflict}
    )
    return declaration


@transaction.atomic
def recusal_add(
    *,
    unit,
    official,
    matter: str,
    kind: str,
    decided_on: date,
    replaced_by: str,
    by,
    function=None,
    upload=None,
) -> Recusal:
    if not matter.strip() or not replaced_by.strip():
        raise CoiError(_("Say the matter and who handles it instead."))
    evidence = _evidence(unit, f"Recusal: {matter}", upload, by, decided_on) if upload is not None else None
    recusal = Recusal.objects.create(
        unit=unit,
        official=official,
        function=function,
        matter=matter.strip(),
        kind=kind,
        decided_on=decided_on,
        replaced_by=replaced_by.strip(),
        evidence=evidence,
        created_by=by,
    )
    audit_record(actor=by, action="coi.recusal", obj=recusal, unit=unit, changes={"kind": kind})
    return recusal


@dataclass(frozen=True)
class Coverage:
    functions: int
    mapped: int
    socialised: int
    applied: int


def coverage(unit, year: int) -> Coverage:
    """How many of the unit's main functions have their conflicts mapped in the year (a map counts
    for the year it was drawn up: last year's map is not this year's, nor next year's this one's),
    were socialised in the year, and apply conflict handling (by the end of the year, with its
    evidence: a function said to apply it without evidence is not counted)."""
    functions = list(MainFunction.objects.filter(unit=unit).prefetch_related("risks"))
    end = date(year, 12, 31)
    return Coverage(
        functions=len(functions),
        mapped=sum(
            1 for f in functions if any(timezone.localtime(r.created_at).year == year for r in f.risks.all())
        ),
        socialised=sum(1 for f in functions if f.socialised_on and f.socialised_on.year == year),
        applied=sum(1 for f in functions if f.applied_on and f.applied_on <= end and f.applied_evidence_id),
    )
