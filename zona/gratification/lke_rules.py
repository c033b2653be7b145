"""Gratification control offered to the LKE (A.I.5.i): the public campaign, and how far control
is part of the unit's procedure (a UPG, reports handled, recaps sent every period). A report
that reached KPK after its deadline, or is past it and not there, is not "handled": it never
raises the answer, and it keeps A out of reach."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.integrity.lke import socialised
from zona.integrity.models import Topic
from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule

from .deadlines import overdue_to_kpk
from .models import GratificationReport, Recap
from .recaps import period_of
from .services import upg_officers

register_records_page(__name__, "integrity:topic", ("slug", "gratifikasi"))


@rule("A.I.5.i.a")
def campaign(assessment):
    return socialised(assessment, Topic.GRATIFICATION)


def periods_recapped(unit, year: int) -> tuple[int, int]:
    """(the year's recap periods covered whole by a recap sent, the year's recap periods). A
    recap of part of a period, or two recaps of one, do not make another period recapped."""
    periods = {period_of(date(year, month, 1)) for month in range(1, 13)}
    sent = list(
        Recap.objects.filter(unit=unit, period_start__year=year).values_list("period_start", "period_end")
    )
    covered = sum(1 for start, end in periods if any(s <= start and e >= end for s, e in sent))
    return covered, len(periods)


def reports_counted(unit, year: int, today: date) -> list[tuple[GratificationReport, bool]]:
    """The year's reports A.I.5.i.b counts, each with whether it reached KPK late or is past its
    deadline and not there (the rule and its records page read the same list)."""
    reports = GratificationReport.objects.filter(unit=unit, reported_on__year=year).order_by("reported_on")
    return [(r, r.late_to_kpk or overdue_to_kpk(r, today)) for r in reports]


@rule("A.I.5.i.b")
def control(assessment):
    """D no UPG; C a UPG (officers appointed) with no work recorded; B reports handled in time or
    a period recapped; A a recap (with nihil when nothing) for every period of the year and no
    report late to KPK."""
    unit, year = assessment.unit, assessment.year
    if not upg_officers(unit):
        return Suggestion(
            "D",
            _("No UPG officer is appointed in Zona"),
            link=f"{reverse('gratification:lke_records', args=[unit.slug])}?tahun={year}",
            figures=((_("UPG officers appointed"), 0),),
        )
    recaps, periods = periods_recapped(unit, year)
    reports = reports_counted(unit, year, timezone.localdate())
    late = sum(1 for _r, is_late in reports if is_late)
    handled = len(reports) - late
    answer = "A" if recaps >= periods and not late else "B" if recaps or handled else "C"
    source = _(
        "UPG %(year)s: %(handled)s of %(reports)s reports handled within the KPK deadline, "
        "%(recaps)s of %(periods)s period recaps sent to the Inspektorat"
    ) % {"year": year, "handled": handled, "reports": len(reports), "recaps": recaps, "periods": periods}
    if late:
        source += "; " + _("%(late)s reached KPK after its deadline or are past it: not A") % {"late": late}
    return Suggestion(
        answer,
        source,
        link=f"{reverse('gratification:lke_records', args=[unit.slug])}?tahun={year}",
        figures=(
            (_("UPG officers appointed"), len(upg_officers(unit))),
            (_("reports in the year"), len(reports)),
            (_("reports late to KPK"), late),
            (_("period recaps sent"), recaps),
        ),
    )
