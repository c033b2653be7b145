"""The performance agreement offered to the LKE: Reform A.II.4.i.a (sasaran met at 100% or more
of all sasaran), Hasil B.1.b (capaian kinerja lebih baik dari sebelumnya, A–D), and A.I.5.ii.b
(risks assessed over the unit's processes, which include the agreement's targets: risk_coverage.py). A sasaran
counts as met only when every indicator is reported for the full year and reaches its target;
the suggestion names the sasaran not met and why, and the formulas in force.

An agreement not yet signed by the head and the superior (PermenPAN-RB 53/2014 on perjanjian
kinerja) holds no agreed targets: A.II.4.i.a and B.1.b still get a suggestion, the lowest (no
sasaran met; D), whose text says the agreement is not signed — never a better answer than the
records support, and the unit sees why."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule, share_answer

from .achievement import two
from .models import Agreement
from .risk_coverage import risk_coverage
from .rules import in_force_text
from .services import b1b_for, summary


def _agreement(assessment):
    return Agreement.objects.filter(unit=assessment.unit, year=assessment.year).first()


def _link(assessment) -> str:
    return reverse("performance:agreement", args=[assessment.unit.slug, assessment.year])


def _not_met(s) -> str:
    missing = [f"{t.target.code} ({', '.join(t.shortfalls)})" for t in s.targets if not t.met]
    if not missing:
        return ""
    shown = "; ".join(missing[:5]) + ("; …" if len(missing) > 5 else "")
    return " " + _("Not met: %(list)s.") % {"list": shown}


def _percent(value) -> str:
    """A percentage as the pages write it in the active language (107,50% in Indonesian)."""
    return "–" if value is None else f"{number_format(two(value), 2)}%"


def _peers_left_out(peers) -> str:
    """How many peers the mean counts and which it leaves out, and why: a peer's draft (an
    agreement not signed) or provisional figure is not its achievement."""
    note = peers.note if peers is not None else ""
    return " " + note if note else ""


def _unsigned(assessment, s, answer: str) -> Suggestion:
    """The lowest answer for an agreement not signed: its targets are not yet agreed."""
    return Suggestion(
        answer,
        _(
            "Performance agreement %(year)s not signed: its targets are not the unit's agreed "
            "targets until the head and the superior sign it (PermenPAN-RB 53/2014), so none counts "
            "as met (its realisation would meet %(met)s of %(total)s). Record the signing date on "
            "the agreement's page."
        )
        % {"year": assessment.year, "met": s.met, "total": len(s.targets)},
        link=_link(assessment),
        figures=((_("targets"), len(s.targets)), (_("signed agreement"), 0)),
    )


@rule("A.II.4.i.a")
def targets_met(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    s = summary(agreement)
    if not s.targets:
        return None
    if not agreement.signed:
        return _unsigned(assessment, s, f"{len(s.targets)};0")
    return Suggestion(
        f"{len(s.targets)};{s.met}",
        _(
            "Performance agreement %(year)s: %(met)s of %(total)s targets met (every indicator "
            "reported for the full year and at or above its target).%(missing)s Formulas: %(rules)s."
        )
        % {
            "year": assessment.year,
            "met": s.met,
            "total": len(s.targets),
            "missing": _not_met(s),
            "rules": in_force_text(s.rules),
        },
        link=_link(assessment),
    )


@rule("B.1.b")
def better_than_before(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    s = summary(agreement)
    found, found_peers = b1b_for(agreement, s)
    if found is None:
        return None
    if not agreement.signed:
        return _unsigned(assessment, s, found.answer)
    peers = found_peers.mean if found_peers is not None else None
    return Suggestion(
        found.answer,
        _(
            "Performance agreement %(year)s: %(met)s of %(total)s targets met, mean achievement "
            "%(mean)s; %(why)s; peers' mean %(peers)s.%(left_out)s Formulas: %(rules)s."
        )
        % {
            "year": assessment.year,
            "met": s.met,
            "total": len(s.targets),
            "mean": _percent(s.achievement),
            "why": found.why,
            "peers": _percent(peers),
            "left_out": _peers_left_out(found_peers),
            "rules": in_force_text(s.rules),
        },
        link=_link(assessment),
        figures=((_("targets met"), s.met), (_("targets"), len(s.targets))),
    )


@rule("A.I.5.ii.b")
def risks_assessed(assessment):
    """Option A also asks for an innovation Zona cannot see, so it is never suggested."""
    found = risk_coverage(assessment.unit, assessment.year)
    if found is None:
        return None
    gaps = "; ".join(found.gaps[:5]) + ("; …" if len(found.gaps) > 5 else "")
    return Suggestion(
        share_answer(found.assessed, found.processes, "BCDE"),
        _(
            "Risk register %(year)s: %(assessed)s of the unit's %(processes)s processes (main functions "
            "and targets of the performance agreement) have a risk analysed with its cause and existing "
            "controls; %(risks)s risks in the register.%(gaps)s"
        )
        % {
            "year": assessment.year,
            "assessed": found.assessed,
            "processes": found.processes,
            "risks": found.risks,
            "gaps": (" " + _("Without a risk: %(list)s.") % {"list": gaps}) if found.gaps else "",
        },
        link=reverse("risks:register", args=[assessment.unit.slug, assessment.year]),
        figures=((_("processes assessed"), found.assessed), (_("processes"), found.processes)),
    )
