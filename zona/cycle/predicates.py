"""Predicates awarded (with their decree), revocations, and what they bar: a proposal within the
revocation bar's period (the instrument's data, 2 years by default) and a WBBM proposal without a
WBK in force. The LKE's gates read the same records through `lke_facts`, registered at start-up
(zona.lke.providers), together with the TPN's survey figures."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_create_file
from zona.lke.models import Assessment
from zona.lke.providers import OutsideFacts
from zona.lke.revocations import decree_revoked_in, revoked_years
from zona.lke.services import gate_facts, instrument_of, rescore
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can

from .models import Kind, Predicate, Revocation, TpnFigures
from .rules import bar_period, barring, rules
from .services import CycleError


def revocation_years(unit: Unit) -> tuple[int, ...]:
    """The years the unit's predicate was revoked: the records, and the facts still kept in the
    LKE's data/revocations.yaml (read as before; a record is the way to add one now)."""
    recorded = Revocation.objects.filter(predicate__unit=unit).values_list("on__year", flat=True)
    return tuple(sorted(set(recorded) | set(revoked_years(unit.code))))


def wbk_in_force(unit: Unit, year: int) -> Predicate | None:
    """The WBK that counts for a proposal in `year`: decreed in that year or before, not revoked
    by then."""
    return (
        Predicate.objects.filter(unit=unit, kind=Kind.WBK, decree_date__year__lte=year)
        .filter(Q(revocation__isnull=True) | Q(revocation__on__year__gt=year))
        .order_by("-decree_date")
        .first()
    )


def proposal_check(assessment: Assessment, kind: str) -> None:
    """Refuse a proposal the rules bar, with the reason: a revocation within the bar's period, or
    a WBBM without a WBK in force (recorded, or the WBK decree entered on the self-assessment and
    not revoked since, as the LKE's gate reads it)."""
    period = bar_period(instrument_of(assessment))
    bars = barring(assessment.year, revocation_years(assessment.unit), period)
    if bars:
        raise CycleError(
            _(
                "The unit's predicate was revoked in %(revoked)s: it may be proposed again from %(until)s "
                "(a revocation bars a proposal for %(period)s years)."
            )
            % {"revoked": bars[-1], "until": bars[-1] + period + 1, "period": period}
        )
    if kind == Kind.WBBM and Kind.WBK.value not in gate_facts(assessment)["prior"]:
        revoked = decree_revoked_in(assessment)
        if revoked is not None:
            raise CycleError(
                _(
                    "A WBBM proposal needs a WBK in force: the WBK of the decree entered on the "
                    "self-assessment was revoked in %(year)s and no longer counts."
                )
                % {"year": revoked}
            )
        raise CycleError(
            _("A WBBM proposal needs a WBK in force: record the decree that awarded the WBK first.")
        )


def lke_facts(assessment: Assessment) -> OutsideFacts:
    """What the LKE's score and gates read from the cycle (zona.lke.providers)."""
    answers = {}
    figures = TpnFigures.objects.filter(entry__assessment=assessment).first()
    if figures is not None:
        refs = rules().tpn_figures
        answers = {refs["ipak"]: str(figures.ipak), refs["ipkp"]: str(figures.ipkp)}
    prior = frozenset({Kind.WBK.value}) if wbk_in_force(assessment.unit, assessment.year) else frozenset()
    recorded = list(
        Revocation.objects.filter(predicate__unit_id=assessment.unit_id).values_list("on", "predicate__kind")
    )
    years = tuple(sorted({on.year for on, _kind in recorded}))
    return OutsideFacts(answers, prior, years, tuple(sorted(on for on, kind in recorded if kind == Kind.WBK)))


def _rescore_from(unit: Unit, year: int) -> None:
    """The unit's LKE scores from `year` on read the predicates and revocations: refresh them."""
    for assessment in Assessment.objects.filter(unit=unit, year__gte=year):
        rescore(assessment)


@transaction.atomic
def predicate_award(
    *, unit: Unit, year: int, kind: str, decree_number: str, decree_date: date | None, upload, by
) -> Predicate:
    """Record a predicate awarded, with its decree: the number, the date, the file (kept as the
    unit's evidence)."""
    if not can(by, Action.RECORD_TPN_RESULT, unit):
        raise CycleError(_("Your role may not record a predicate for this unit."))
    if kind not in Kind.values or not decree_number.strip() or decree_date is None or upload is None:
        raise CycleError(_("A predicate needs its kind, and its decree's number, date and file."))
    if decree_date.year < year:
        raise CycleError(_("The decree can't be older than the evaluation year it awards."))
    if Predicate.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise CycleError(_("This predicate is already recorded for that year."))
    if kind == Kind.WBBM and not wbk_in_force(unit, year):
        raise CycleError(_("A WBBM needs a WBK in force: record the decree that awarded the WBK first."))
    item = evidence_create_file(
        unit=unit,
        title=f"SK {kind} {decree_number.strip()}"[:300],
        upload=upload,
        by=by,
        effective_date=decree_date,
    )
    predicate = Predicate.objects.create(
        unit=unit,
        year=year,
        kind=kind,
        decree_number=decree_number.strip()[:200],
        decree_date=decree_date,
        decree=item,
        awarded_by=by,
    )
    _rescore_from(unit, decree_date.year)
    audit_record(
        actor=by,
        action="cycle.predicate_awarded",
        obj=predicate,
        unit=unit,
        changes={
            "kind": kind,
            "year": year,
            "number": predicate.decree_number,
            "date": decree_date.isoformat(),
        },
    )
    return predicate


@transaction.atomic
def predicate_revoke(*, predicate: Predicate, on: date | None, reason: str, basis: str, by) -> Revocation:
    """Record KemenPAN-RB's revocation of a predicate, with its reason and its decree or
    announcement: it bars a proposal for the bar's period and ends a WBK's standing for WBBM."""
    if not can(by, Action.RECORD_TPN_RESULT, predicate.unit):
        raise CycleError(_("Your role may not record a revocation for this unit."))
    if on is None or not reason.strip() or not basis.strip():
        raise CycleError(_("A revocation needs its date, its reason and the decree or announcement."))
    if on < predicate.decree_date:
        raise CycleError(_("A predicate can't be revoked before its decree."))
    if Revocation.objects.filter(predicate=predicate).exists():
        raise CycleError(_("This predicate is already revoked."))
    revocation = Revocation.objects.create(
        predicate=predicate, on=on, reason=reason.strip()[:5000], basis=basis.strip()[:300], revoked_by=by
    )
    _rescore_from(predicate.unit, on.year)
    audit_record(
        actor=by,
        action="cycle.predicate_revoked",
        obj=predicate,
        unit=predicate.unit,
        changes={"on": on.isoformat(), "basis": revocation.basis},
    )
    return revocation
