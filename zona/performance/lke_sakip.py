"""The performance agreement offered to the LKE's accountability questions, each answer no
better than the agreement in Zona shows:

- A.I.4.i.b leader in the agreement: signed with its document → B (the leader set it); A asks
  for the leader in every stage of drawing it up, which Zona does not see (attach the minutes);
  not signed → C.
- A.I.4.ii.c IKU set: Ya when the agreement is signed and each of its sasaran has an indicator.
- A.I.4.ii.d indicators SMART: the share of indicators whose record is measurable and
  time-bound (a formula, a unit of measure, a yearly target) — an upper bound: whether each is
  specific, achievable and relevant is the evaluator's call (attach the indicator manual).
- A.I.4.ii.f the performance report informs: every indicator reported for the full year → A,
  some → B, none → C.
- A.I.4.ii.g a performance information mechanism: quarterly realisations recorded in Zona.
- A.II.4.iii.a cascading (Kerangka Logis Kinerja): D no team or individual targets; C some do
  not trace back to a sasaran of the unit; B all trace back; A also every employee (the
  headcount register) holds an individual target.
No agreement for the year: no suggestion."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule, share_answer
from zona.registers.services import headcount

from .lke_rules import _agreement, _link
from .models import Indicator, Level, Realisation, Target
from .services import summary


@rule("A.I.4.i.b")
def leader_in_agreement(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    signed = bool(agreement.signed_on and agreement.document_id)
    if not signed:
        text = _("The performance agreement %(year)s is not recorded as signed with its document.")
    else:
        text = _(
            "The performance agreement %(year)s was signed on %(day)s (document in Zona): the "
            "leader set it. A asks for the leader in every stage of drawing it up, which Zona does "
            "not see: attach the minutes of the drafting meetings."
        )
    return Suggestion(
        "B" if signed else "C",
        text % {"year": assessment.year, "day": f"{agreement.signed_on:%d-%m-%Y}" if signed else ""},
        link=_link(assessment),
        figures=((_("signed agreement with its document"), int(signed)),),
    )


def _unit_indicators(agreement):
    return list(Indicator.objects.filter(target__agreement=agreement, target__level=Level.UNIT))


@rule("A.I.4.ii.c")
def iku_set(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    targets = list(
        Target.objects.filter(agreement=agreement, level=Level.UNIT).prefetch_related("indicators")
    )
    with_iku = sum(1 for t in targets if t.indicators.all())
    answer = "Ya" if targets and with_iku == len(targets) and agreement.signed_on else "Tidak"
    return Suggestion(
        answer,
        _(
            "Performance agreement %(year)s (%(signed)s): %(with)s of %(all)s sasaran have a key "
            "indicator (IKU)."
        )
        % {
            "year": assessment.year,
            "signed": _("signed") if agreement.signed_on else _("not signed"),
            "with": with_iku,
            "all": len(targets),
        },
        link=_link(assessment),
        figures=((_("sasaran with an IKU"), with_iku), (_("sasaran"), len(targets))),
    )


@rule("A.I.4.ii.d")
def indicators_smart(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    indicators = _unit_indicators(agreement)
    if not indicators:
        return None
    defined = sum(1 for i in indicators if i.formula.strip() and i.measure.strip())
    return Suggestion(
        share_answer(defined, len(indicators)),
        _(
            "Performance agreement %(year)s: %(defined)s of %(all)s indicators have a formula, a unit "
            "of measure and a yearly target (measurable and time-bound). At most this answer: "
            "whether each is specific, achievable and relevant is the evaluator's judgement — "
            "attach the indicator manual."
        )
        % {"year": assessment.year, "defined": defined, "all": len(indicators)},
        link=_link(assessment),
        figures=(
            (_("indicators with formula, measure and target"), defined),
            (_("indicators"), len(indicators)),
        ),
    )


@rule("A.I.4.ii.f")
def report_informs(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    figures = [i for t in summary(agreement).targets for i in t.indicators]
    if not figures:
        return None
    full = sum(1 for i in figures if i.complete)
    answer = "A" if full == len(figures) else "B" if full else "C"
    return Suggestion(
        answer,
        _("Performance report %(year)s: %(full)s of %(all)s indicators reported for the full year.")
        % {"year": assessment.year, "full": full, "all": len(figures)},
        link=_link(assessment),
        figures=((_("indicators reported for the full year"), full), (_("indicators"), len(figures))),
    )


@rule("A.I.4.ii.g")
def performance_information(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    reports = Realisation.objects.filter(indicator__target__agreement=agreement).count()
    return Suggestion(
        "Ya" if reports else "Tidak",
        _(
            "Zona's performance module: %(n)s quarterly realisations recorded with their evidence "
            "for the agreement %(year)s."
        )
        % {"n": reports, "year": assessment.year},
        link=_link(assessment),
        figures=((_("quarterly realisations recorded"), reports),),
    )


def _traces_to_unit(target: Target, by_id: dict[int, Target]) -> bool:
    seen = set()
    while target.level != Level.UNIT:
        if target.parent_id is None or target.parent_id in seen or target.parent_id not in by_id:
            return False
        seen.add(target.parent_id)
        target = by_id[target.parent_id]
    return True


@rule("A.II.4.iii.a")
def cascading(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    targets = list(Target.objects.filter(agreement=agreement))
    by_id = {t.pk: t for t in targets}
    lower = [t for t in targets if t.level != Level.UNIT]
    traced = sum(1 for t in lower if _traces_to_unit(t, by_id))
    holders = len({t.holder.strip().lower() for t in lower if t.level == Level.PERSON and t.holder.strip()})
    employees = headcount(assessment.unit, assessment.year)
    if not lower:
        answer = "D"
    elif traced < len(lower):
        answer = "C"
    else:
        answer = "A" if employees and holders >= employees else "B"
    return Suggestion(
        answer,
        _(
            "Performance agreement %(year)s: %(lower)s team and individual targets, %(traced)s of "
            "them traced back to a sasaran of the unit; %(holders)s people hold an individual "
            "target, of %(employees)s employees (headcount register)."
        )
        % {
            "year": assessment.year,
            "lower": len(lower),
            "traced": traced,
            "holders": holders,
            "employees": employees if employees is not None else "–",
        },
        link=_link(assessment),
        figures=(
            (_("team and individual targets"), len(lower)),
            (_("traced back to a sasaran"), traced),
            (_("people with an individual target"), holders),
            (_("employees"), employees or 0),
        ),
    )
