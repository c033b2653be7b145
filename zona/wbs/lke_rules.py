"""The WBS offered to the LKE (A.I.5.iv), from aggregate figures only: whether the channel is
open, how many reports a year (withheld below the minimum), and the WBS's evaluations."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zona.integrity.lke import evaluated, followed_up
from zona.integrity.models import Topic
from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule

from .figures import year_total
from .keys import channel_open

# the evaluations and follow-up (b, c) are on the integrity topic page, which the unit's LKE
# readers may open; the WBS register itself is sealed to its recipients (a: no link)
register_records_page(__name__, "integrity:topic", ("slug", Topic.WBS.value))
SEALED = gettext_lazy(
    "The WBS register is visible only to the WBS recipients (not even a superuser opens it): "
    "these aggregate figures are what the answer counted."
)


@rule("A.I.5.iv.a")
def wbs_applied(assessment):
    """B: applied as the organisation's policy says (the channel open, reports sealed to named
    recipients). A also needs an innovation of the unit's own, which only the unit can say."""
    if not channel_open(assessment.unit):
        return Suggestion(
            "C",
            _("No WBS recipient holds a key in Zona: the channel is not open") + ". " + str(SEALED),
            figures=((_("WBS channel open"), 0),),
            linkable=False,
        )
    total = year_total([assessment.unit], assessment.year)
    shown = _("fewer than the minimum shown") if total is None else str(total)
    figures = ((_("WBS channel open"), 1),)
    if total is not None:
        figures += ((_("WBS reports in the year"), total),)
    return Suggestion(
        "B",
        _("The WBS channel is open with named recipients; reports in %(year)s: %(n)s")
        % {"year": assessment.year, "n": shown}
        + ". "
        + str(SEALED),
        figures=figures,
        linkable=False,
    )


@rule("A.I.5.iv.b")
def wbs_evaluated(assessment):
    return evaluated(assessment, Topic.WBS)


@rule("A.I.5.iv.c")
def wbs_followed_up(assessment):
    return followed_up(assessment, Topic.WBS)
