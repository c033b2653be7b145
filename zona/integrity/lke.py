"""Suggested LKE answers from a topic's socialisation, evaluations and follow-up: what the
three integrity modules (WBS, gratification, conflict of interest) have in common."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion

from .models import Topic
from .selectors import evaluation_regularity, follow_ups, has_records, socialisation_regularity

register_records_page(__name__, "integrity:hub", ())


def regular_answer(regularity, year: int, what: str, *, four: bool = False) -> Suggestion:
    """A (regularly: in each period of the year, regular_periods in the LKE's derivation data),
    B (done, not regularly), C (not done); with `four` options (A/B/C/D) the last is D."""
    if regularity.regular:
        answer = "A"
    elif regularity.count:
        answer = "B"
    else:
        answer = "D" if four else "C"
    return Suggestion(
        answer,
        _(
            "%(what)s in %(year)s: %(n)s recorded, in %(covered)s of the year's %(of)s periods "
            '("secara berkala" read as every %(months)s months: Zona\'s default, no regulation fixes it)'
        )
        % {
            "what": what,
            "year": year,
            "n": regularity.count,
            "covered": regularity.periods,
            "of": regularity.of,
            "months": 12 // regularity.of,
        },
        figures=(
            (_("recorded in the year"), regularity.count),
            (_("periods of the year covered"), regularity.periods),
        ),
    )


def _regularly(assessment, topic: str, regularity_of, what: str) -> Suggestion | None:
    """The answer from how regularly the topic's records of one kind (`regularity_of`) were made;
    none when the unit keeps no records of the topic."""
    if not has_records(assessment.unit, topic):
        return None
    regularity = regularity_of(assessment.unit, topic, assessment.year)
    return regular_answer(regularity, assessment.year, what % {"topic": Topic(topic).label})


def socialised(assessment, topic: str) -> Suggestion | None:
    return _regularly(assessment, topic, socialisation_regularity, _("Socialisation of %(topic)s"))


def evaluated(assessment, topic: str) -> Suggestion | None:
    return _regularly(assessment, topic, evaluation_regularity, _("Evaluations of %(topic)s"))


def followed_up(assessment, topic: str) -> Suggestion | None:
    """A: every follow-up the year's evaluations asked is done; B: some; C: none."""
    total, done = follow_ups(assessment.unit, topic, assessment.year)
    if not total:
        return None
    answer = "A" if done == total else "B" if done else "C"
    return Suggestion(
        answer,
        _("Follow-up of the %(year)s evaluations of %(topic)s: %(done)s of %(total)s actions done")
        % {"year": assessment.year, "topic": Topic(topic).label, "done": done, "total": total},
        figures=((_("follow-up actions"), total), (_("actions done"), done)),
    )
