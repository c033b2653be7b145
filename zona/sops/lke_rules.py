"""The SOP register offered to the LKE: A.I.2.i.a (SOPs built on the business-process map: the
share of the unit's SOPs naming their business process) and A.I.2.i.c (SOPs evaluated within the
review period of data/review.yaml and followed up: three years by default, a setting with its
source, since no regulation names a period). Option A of a also asks for an innovation Zona cannot
see."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, is_most, rule, share_answer

from .models import Result
from .services import add_years, review_period, sops_of, status_of

register_records_page(__name__, "sops:register", ("slug",))


def _active(assessment):
    end = date(assessment.year, 12, 31)
    rows = [status_of(sop, end) for sop in sops_of(assessment.unit)]
    return [r for r in rows if r.version and r.version.approved_on <= end and r.status != "withdrawn"], end


def _link(assessment) -> str:
    return reverse("sops:register", args=[assessment.unit.slug])


@rule("A.I.2.i.a")
def sops_on_business_process(assessment):
    rows, _end = _active(assessment)
    if not rows:
        return None
    mapped = sum(1 for r in rows if r.sop.process)
    return Suggestion(
        share_answer(mapped, len(rows), "BCCD"),
        _("SOP register: %(mapped)s of %(total)s SOPs name the business process they carry out")
        % {"mapped": mapped, "total": len(rows)},
        link=_link(assessment),
        figures=((_("SOPs in force"), len(rows)), (_("SOPs naming their business process"), mapped)),
    )


@rule("A.I.2.i.c")
def sops_evaluated(assessment):
    rows, end = _active(assessment)
    if not rows:
        return None
    years, _source = review_period()
    since = add_years(end, -years)
    evaluated = followed = 0
    for row in rows:
        reviews = [r for r in row.sop.reviews.all() if since < r.reviewed_on <= end]
        if not reviews:
            continue
        evaluated += 1
        latest = max(reviews, key=lambda r: (r.reviewed_on, r.pk))
        revised = any(v.approved_on >= latest.reviewed_on for v in row.sop.versions.all())
        if latest.result != Result.REVISE or revised:
            followed += 1
    total = len(rows)
    if not evaluated:
        answer = "E"
    elif evaluated == total and followed == evaluated:
        answer = "A"
    elif is_most(evaluated, total):
        answer = "B" if followed == evaluated else "C"
    else:
        answer = "D"
    return Suggestion(
        answer,
        _(
            "SOP register: %(evaluated)s of %(total)s SOPs evaluated in the %(years)s years to %(year)s, "
            "%(followed)s of them followed up. The period is Zona's setting (data/review.yaml), not "
            "the LKE's rule: no regulation names one."
        )
        % {
            "evaluated": evaluated,
            "total": total,
            "year": assessment.year,
            "followed": followed,
            "years": years,
        },
        link=_link(assessment),
        figures=(
            (_("SOPs in force"), total),
            (_("SOPs evaluated in the period"), evaluated),
            (_("evaluations followed up"), followed),
        ),
    )
