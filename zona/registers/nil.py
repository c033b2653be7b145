"""A register year declared "nihil": nothing to record (no disciplinary violation in year N).
Distinct from no data: a year with neither entries nor a declaration stays unknown, never zero.
A declaration is refused for a year that has entries, and an entry for a declared year is refused
until the declaration is withdrawn."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_create_file
from zona.orgs.models import Unit

from .models import Entry, NilDeclaration
from .services import RegisterError, register_type

# the registers whose year may be declared nihil: those an LKE answer reads a zero from
NIL_KINDS = ("disiplin",)


def nil_declaration(unit: Unit, kind: str, year: int) -> NilDeclaration | None:
    return (
        NilDeclaration.objects.filter(unit=unit, kind=kind, year=year).select_related("declared_by").first()
    )


def nil_years(unit: Unit, kind: str, years) -> set[int]:
    return set(
        NilDeclaration.objects.filter(unit=unit, kind=kind, year__in=years).values_list("year", flat=True)
    )


@transaction.atomic
def nil_declare(*, unit: Unit, kind: str, year: int, by, upload=None) -> NilDeclaration:
    t = register_type(kind)
    if kind not in NIL_KINDS:
        raise RegisterError(_("This register has no nihil declaration."))
    if not 2000 <= year <= 2100:
        raise RegisterError(_("the year must be between 2000 and 2100"))
    if Entry.objects.filter(unit=unit, kind=kind, year=year).exists():
        raise RegisterError(
            _("The register has entries for %(year)s: the year cannot be declared nihil.") % {"year": year}
        )
    if nil_declaration(unit, kind, year):
        raise RegisterError(_("%(year)s is already declared nihil.") % {"year": year})
    evidence = None
    if upload is not None:
        title = _("Nihil declaration: %(register)s %(year)s") % {"register": t.name, "year": year}
        evidence = evidence_create_file(unit=unit, title=title[:300], upload=upload, by=by)
    declaration = NilDeclaration.objects.create(
        unit=unit, kind=kind, year=year, evidence=evidence, declared_by=by
    )
    audit_record(
        actor=by,
        action="register.nil_declared",
        obj=declaration,
        unit=unit,
        changes={"kind": kind, "year": year},
    )
    return declaration


@transaction.atomic
def nil_withdraw(*, declaration: NilDeclaration, by) -> None:
    audit_record(
        actor=by,
        action="register.nil_withdrawn",
        obj=declaration,
        unit=declaration.unit,
        changes={"kind": declaration.kind, "year": declaration.year},
    )
    declaration.delete()
