"""Every write to the performance agreement and what is read from it: the agreement of a year
(or a copy of last year's targets and indicators with last year's realisation beside them), the
achievement formulas it follows, targets and their cascade to teams and individuals, indicators,
quarterly realisation with evidence, the achievement summary and the peers' mean (the units
under the same parent). The Laporan Kinerja table is built in exporters.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_file_or
from zona.lib.errors import RuleError
from zona.orgs.models import Unit

from .achievement import Answer, Summary, TargetFigure, b1b_answer, indicator_figure, mean
from .models import Aggregation, Agreement, Direction, Indicator, Level, Realisation, Target
from .rules import clean, data, rules_for


class PerformanceError(RuleError):
    """A rule was broken; the message is for the user."""


def _evidence(unit: Unit, title: str, upload, by, day: date | None = None):
    return evidence_file_or(
        PerformanceError, unit=unit, title=title, upload=upload, by=by, effective_date=day
    )


@transaction.atomic
def agreement_open(*, unit: Unit, year: int, by, signed_on: date | None = None, upload=None) -> Agreement:
    if not 2000 <= year <= 2100:
        raise PerformanceError(_("Give a year between 2000 and 2100."))
    agreement, created = Agreement.objects.get_or_create(unit=unit, year=year, defaults={"created_by": by})
    if signed_on is not None:
        agreement.signed_on = signed_on
    if upload is not None:
        agreement.document = _evidence(unit, f"Perjanjian Kinerja {unit.name} {year}", upload, by, signed_on)
    agreement.save()
    audit_record(
        actor=by, action="performance.agreement_opened" if created else "performance.agreement_saved",
        obj=agreement, unit=unit, changes={"year": year},
    )  # fmt: skip
    return agreement


@transaction.atomic
def agreement_copy_previous(*, agreement: Agreement, by) -> int:
    """Last year's unit targets and indicators into this year's empty agreement, last year's
    realisation beside each indicator. Returns the indicators copied."""
    if agreement.targets.exists():
        raise PerformanceError(_("This agreement already has targets."))
    previous = Agreement.objects.filter(unit=agreement.unit, year=agreement.year - 1).first()
    if previous is None:
        raise PerformanceError(
            _("There is no agreement for %(year)s to copy.") % {"year": agreement.year - 1}
        )
    agreement.formulas = dict(previous.formulas)
    agreement.save(update_fields=["formulas"])
    copied = 0
    for figure in summary(previous).targets:
        old = figure.target
        target = Target.objects.create(agreement=agreement, code=old.code, text=old.text)
        for item in figure.indicators:
            i = item.indicator
            Indicator.objects.create(
                target=target, code=i.code, name=i.name, formula=i.formula, measure=i.measure,
                annual_target=i.annual_target, direction=i.direction, aggregation=i.aggregation,
                last_year=item.realisation,
            )  # fmt: skip
            copied += 1
    audit_record(
        actor=by,
        action="performance.copied",
        obj=agreement,
        unit=agreement.unit,
        changes={"indicators": copied},
    )
    return copied


@transaction.atomic
def agreement_formulas_set(*, agreement: Agreement, chosen: dict[str, str], by) -> Agreement:
    """The achievement formulas the agreement follows (a choice per option of
    data/formulas.yaml): an unknown option or choice is refused, nothing changes."""
    options = data()["options"]
    for name, code in chosen.items():
        if name not in options or str(code) not in options[name]["choices"]:
            raise PerformanceError(_("Choose one of the formulas offered."))
    before = clean(agreement.formulas)
    after = clean({**agreement.formulas, **chosen})
    agreement.formulas = after
    agreement.save(update_fields=["formulas"])
    audit_record(
        actor=by, action="performance.formulas_set", obj=agreement, unit=agreement.unit,
        changes={name: [before[name], after[name]] for name in after if before[name] != after[name]},
    )  # fmt: skip
    return agreement


@transaction.atomic
def target_add(
    *, agreement: Agreement, code: str, text: str, by, parent: Target | None = None, level: str = Level.UNIT,
    holder: str = "",
) -> Target:  # fmt: skip
    if not code.strip() or not text.strip():
        raise PerformanceError(_("Give the target's code and text."))
    if level not in Level.values:
        raise PerformanceError(_("Unknown level."))
    if parent is not None and parent.agreement_id != agreement.pk:
        raise PerformanceError(_("The target it supports belongs to another agreement."))
    if level != Level.UNIT and (parent is None or not holder.strip()):
        raise PerformanceError(
            _("A team's or a person's target supports a target above it and names who holds it.")
        )
    if level == Level.UNIT and parent is not None:
        raise PerformanceError(_("A unit target is not cascaded from another."))
    target = Target.objects.create(
        agreement=agreement, parent=parent, level=level, holder=holder.strip()[:200], code=code.strip()[:20],
        text=text.strip()[:500],
    )  # fmt: skip
    audit_record(
        actor=by,
        action="performance.target_added",
        obj=agreement,
        unit=agreement.unit,
        changes={"code": code},
    )
    return target


@transaction.atomic
def indicator_add(*, target: Target, values: dict, by) -> Indicator:
    name, measure = (values.get("name") or "").strip(), (values.get("measure") or "").strip()
    annual = values.get("annual_target")
    if not name or not measure or annual is None:
        raise PerformanceError(_("Give the indicator, its unit of measure and its annual target."))
    if Decimal(annual) < 0:
        raise PerformanceError(_("The target can't be negative."))
    indicator = Indicator.objects.create(
        target=target,
        code=(values.get("code") or "").strip()[:20] or f"{target.code}.{target.indicators.count() + 1}",
        name=name[:500],
        formula=(values.get("formula") or "").strip()[:1000],
        measure=measure[:50],
        annual_target=Decimal(annual),
        direction=values.get("direction") if values.get("direction") in Direction.values else Direction.UP,
        aggregation=values.get("aggregation")
        if values.get("aggregation") in Aggregation.values
        else Aggregation.LATEST,
        last_year=values.get("last_year"),
    )
    audit_record(
        actor=by, action="performance.indicator_added", obj=target.agreement, unit=target.agreement.unit,
        changes={"indicator": indicator.code},
    )  # fmt: skip
    return indicator


@transaction.atomic
def realisation_record(
    *, indicator: Indicator, quarter: int, value, note: str, by, upload=None
) -> Realisation:
    if quarter not in (1, 2, 3, 4):
        raise PerformanceError(_("The quarter must be 1 to 4."))
    value = Decimal(value)
    if not value.is_finite() or abs(value) >= Decimal(10) ** 12:
        raise PerformanceError(_("Give the realisation as a number."))
    agreement = indicator.target.agreement
    evidence = None
    if upload is not None:
        evidence = _evidence(
            agreement.unit,
            f"Realisasi {indicator.code} TW{quarter} {agreement.year}: {indicator.name}",
            upload,
            by,
        )
    realisation, _created = Realisation.objects.update_or_create(
        indicator=indicator,
        quarter=quarter,
        defaults={"value": value, "note": note.strip()[:1000], "reported_by": by},
    )
    if evidence is not None:
        realisation.evidence = evidence
        realisation.save(update_fields=["evidence"])
    audit_record(
        actor=by, action="performance.realised", obj=agreement, unit=agreement.unit,
        changes={"indicator": indicator.code, "quarter": quarter, "value": str(value)},
    )  # fmt: skip
    return realisation


# -- figures -----------------------------------------------------------------------------------


def _summaries(agreements) -> dict[int, Summary]:
    """Summaries of several agreements in three queries."""
    agreements = list(agreements)
    targets = list(
        Target.objects.filter(agreement__in=agreements, level=Level.UNIT).prefetch_related("indicators")
    )
    quarters: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, quarter, value in Realisation.objects.filter(indicator__target__in=targets).values_list(
        "indicator_id", "quarter", "value"
    ):
        quarters[indicator_id][quarter] = value
    rules = {a.pk: rules_for(a.formulas) for a in agreements}
    by_agreement: dict[int, list[TargetFigure]] = defaultdict(list)
    for target in targets:
        r = rules[target.agreement_id]
        figure = TargetFigure(
            target, [indicator_figure(i, quarters[i.pk], r) for i in target.indicators.all()]
        )
        by_agreement[target.agreement_id].append(figure)
    return {a.pk: Summary(by_agreement[a.pk], rules[a.pk]) for a in agreements}


def summary(agreement: Agreement) -> Summary:
    return _summaries([agreement])[agreement.pk]


def previous_summary(agreement: Agreement) -> Summary | None:
    """Last year's agreement in Zona, under its own formulas (for "better than last year")."""
    previous = Agreement.objects.filter(unit=agreement.unit, year=agreement.year - 1).first()
    return summary(previous) if previous is not None else None


@dataclass(frozen=True)
class Peers:
    """The peers' mean achievement (None without a peer to count), how many peers it counts, and
    how many it leaves out: `unsigned`, the agreement not signed; `partial`, signed but the year
    not reported in full."""

    mean: Decimal | None
    counted: int
    partial: int
    unsigned: int

    @property
    def note(self) -> str:
        """What the mean leaves out and why ("" when it counts every peer), for the LKE's
        suggestion and the agreement's page."""
        reasons = []
        if self.unsigned:
            reasons.append(
                _(
                    "%(n)s whose performance agreement is not signed (its targets are not agreed "
                    "until the head and the superior sign it: PermenPAN-RB 53/2014)"
                )
                % {"n": self.unsigned}
            )
        if self.partial:
            reasons.append(
                _("%(n)s whose year is not reported in full (every indicator through the last quarter)")
                % {"n": self.partial}
            )
        if not reasons:
            return ""
        return _("The peers' mean counts %(counted)s peers and leaves out %(left)s.") % {
            "counted": self.counted,
            "left": "; ".join(reasons),
        }


def peers_figure(unit: Unit, year: int) -> Peers | None:
    """The other units under the same parent that year (the peers the LKE's option A of B.1.b
    compares with). A peer counts only when its agreement is signed — an unsigned one holds no
    agreed targets (PermenPAN-RB 53/2014), the rule the unit's own agreement follows — and it
    reported its whole year: every indicator of every target, through the year's last quarter,
    the same "complete" test as the unit's own achievement (data/formulas.yaml
    `full_year_quarter`). A draft's or a provisional figure would compare the unit with a mean the
    records do not support; such a peer is left out and counted as such. None for a unit without
    a parent."""
    if unit.parent_id is None:
        return None
    peers = list(Agreement.objects.filter(unit__parent_id=unit.parent_id, year=year).exclude(unit=unit))
    signed = [agreement for agreement in peers if agreement.signed]
    summaries = list(_summaries(signed).values())
    known = [s.achievement for s in summaries if s.complete and s.achievement is not None]
    return Peers(mean(known), len(known), len(signed) - len(known), len(peers) - len(signed))


def b1b_for(agreement, s: Summary) -> tuple[Answer | None, Peers | None]:
    """B.1.b as the LKE suggests it (the LKE's rule and the agreement's page read this one answer)
    from the agreement's summary `s`: an agreement not signed holds no agreed targets
    (PermenPAN-RB 53/2014), so it gets D whatever its realisation; with the peers' figure the page
    states."""
    peers = peers_figure(agreement.unit, agreement.year)
    found = b1b_answer(s, peers.mean if peers is not None else None, previous_summary(agreement))
    if found is not None and not agreement.signed:
        found = Answer(
            "D",
            _(
                "the agreement is not signed: its targets are not yet agreed "
                "(once signed: %(answer)s, %(why)s)"
            )
            % {"answer": found.answer, "why": found.why},
        )
    return found, peers
