"""Conflict-of-interest handling offered to the LKE (A.I.5.v): the share of main functions mapped,
socialised and applying it; the regularity of its evaluations and their follow-up."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.integrity.lke import evaluated, followed_up
from zona.integrity.models import Topic
from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule, share_answer

from .services import coverage

register_records_page(__name__, "coi:page", ("slug",))


def _share(assessment, attribute: str, what: str):
    covered = coverage(assessment.unit, assessment.year)
    if not covered.functions:
        return None
    part = getattr(covered, attribute)
    return Suggestion(
        share_answer(part, covered.functions),
        _("%(what)s: %(part)s of the unit's %(whole)s main functions (%(year)s)")
        % {"what": what, "part": part, "whole": covered.functions, "year": assessment.year},
        figures=((_("main functions"), covered.functions), (what, part)),
    )


@rule("A.I.5.v.a")
def mapped(assessment):
    return _share(assessment, "mapped", _("Potential conflicts mapped"))


@rule("A.I.5.v.b")
def socialised(assessment):
    return _share(assessment, "socialised", _("Conflict handling socialised"))


@rule("A.I.5.v.c")
def applied(assessment):
    return _share(assessment, "applied", _("Conflict handling applied"))


@rule("A.I.5.v.d")
def coi_evaluated(assessment):
    return evaluated(assessment, Topic.CONFLICT)


@rule("A.I.5.v.e")
def coi_followed_up(assessment):
    return followed_up(assessment, Topic.CONFLICT)
