"""Gratification control offered to the LKE (A.I.5.i): the public campaign, and how far control
is part of the unit's procedure (a UPG, reports handled, recaps sent every period)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from zona.integrity.lke import socialised
from zona.integrity.models import Topic
from zona.lke.suggestions import Suggestion, rule

from .models import GratificationReport, Recap
from .services import period_of, upg_officers


@rule("A.I.5.i.a")
def campaign(assessment):
    return socialised(assessment, Topic.GRATIFICATION)


@rule("A.I.5.i.b")
def control(assessment):
    """D no UPG; C a UPG (officers appointed) with no work recorded; B reports handled or recaps
    sent; A a recap (with nihil when nothing) for every period of the year."""
    unit, year = assessment.unit, assessment.year
    if not upg_officers(unit):
        return Suggestion("D", _("No UPG officer is appointed in Zona"))
    recaps = Recap.objects.filter(unit=unit, period_start__year=year).count()
    periods = len({period_of(date(year, month, 1)) for month in range(1, 13)})
    reports = GratificationReport.objects.filter(unit=unit, reported_on__year=year).count()
    answer = "A" if recaps >= periods else "B" if recaps or reports else "C"
    return Suggestion(
        answer,
        _(
            "UPG %(year)s: %(reports)s reports handled, %(recaps)s of %(periods)s period recaps "
            "sent to the Inspektorat"
        )
        % {"year": year, "reports": reports, "recaps": recaps, "periods": periods},
    )
