"""Surveys and service standards offered to the LKE, with their figures:

- A.I.6.iv.a how many SKM periods of the year were run (A ≥ 4, B 3, C 2, D 1, E none);
- A.I.6.iv.b results published online (Zona's public page) and offline (posted on the board);
- A.I.6.iv.c the share of the year's weak-item follow-ups done;
- A.I.6.i.a–d service standards set, announced (maklumat), reviewed, published;
- Hasil B.1.a and B.2.a the IPAK and IPKP index of the year's latest closed survey."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule

from .models import FollowUp, Service, ServiceStandard, StandardReview, Status, Survey
from .services import figures

register_records_page(__name__, "surveys:unit", ("slug",))


def _skm_periods(assessment) -> list[Survey]:
    return list(
        Survey.objects.filter(unit=assessment.unit, kind="skm", period_end__year=assessment.year)
        .exclude(status=Status.OPEN)
        .order_by("period_start")
    )


@rule("A.I.6.iv.a")
def frequency(assessment):
    surveys = _skm_periods(assessment)
    periods = len({(s.period_start, s.period_end) for s in surveys})
    if not surveys and not Service.objects.filter(unit=assessment.unit).exists():
        return None
    answer = (
        "A" if periods >= 4 else "B" if periods == 3 else "C" if periods == 2 else "D" if periods else "E"
    )
    return Suggestion(
        answer, _("SKM periods closed in %(year)s: %(n)s") % {"year": assessment.year, "n": periods}
    )


@rule("A.I.6.iv.b")
def openness(assessment):
    surveys = _skm_periods(assessment)
    if not surveys:
        return None
    online = any(s.published_on for s in surveys)
    offline = any(s.posted_on for s in surveys)
    answer = "A" if online and offline else "B" if online or offline else "C"
    return Suggestion(
        answer,
        _("%(year)s results: published online %(online)s, posted at the service %(offline)s")
        % {
            "year": assessment.year,
            "online": _("yes") if online else _("no"),
            "offline": _("yes") if offline else _("no"),
        },
    )


@rule("A.I.6.iv.c")
def follow_up(assessment):
    actions = FollowUp.objects.filter(
        survey__unit=assessment.unit, survey__period_end__year=assessment.year, survey__kind="skm"
    )
    total = actions.count()
    if not total:
        return None
    done = actions.exclude(step__done_at=None).count()
    answer = "A" if done == total else "B" if done * 2 > total else "C" if done else "D"
    return Suggestion(
        answer,
        _("SKM follow-ups of %(year)s done: %(done)s of %(total)s")
        % {"year": assessment.year, "done": done, "total": total},
    )


def _standards(assessment):
    services = list(Service.objects.filter(unit=assessment.unit, active=True))
    end = date(assessment.year, 12, 31)
    current = {}
    for standard in ServiceStandard.objects.filter(service__in=services, effective_on__lte=end).order_by(
        "service", "-version"
    ):
        current.setdefault(standard.service_id, standard)
    return services, current


@rule("A.I.6.i.a")
def standards_set(assessment):
    services, current = _standards(assessment)
    if not services:
        return None
    answer = "A" if len(current) == len(services) else "B" if current else "E"
    return Suggestion(
        answer, _("Service standards set: %(n)s of %(m)s services") % {"n": len(current), "m": len(services)}
    )


@rule("A.I.6.i.b")
def maklumat(assessment):
    services, current = _standards(assessment)
    if not services:
        return None
    published = sum(1 for s in current.values() if s.published_on)
    share = published / len(services)
    answer = "A" if share == 1 else "B" if share > 0.5 else "C" if published else "D"
    return Suggestion(
        answer,
        _("Maklumat pelayanan published on the portal: %(n)s of %(m)s services")
        % {"n": published, "m": len(services)},
    )


@rule("A.I.6.i.c")
def reviewed(assessment):
    reviews = StandardReview.objects.filter(
        standard__service__unit=assessment.unit, reviewed_on__year=assessment.year
    )
    if not reviews.exists():
        return None
    with_input = reviews.filter(used_survey=True, used_complaints=True)
    answer = "A" if with_input.exclude(stakeholders="").exists() else "B" if with_input.exists() else "C"
    return Suggestion(
        answer,
        _("Service standard reviews in %(year)s: %(n)s") % {"year": assessment.year, "n": reviews.count()},
    )


@rule("A.I.6.i.d")
def standards_published(assessment):
    services, current = _standards(assessment)
    if not services:
        return None
    published = all(s.published_on for s in current.values()) and len(current) == len(services)
    return Suggestion(
        "Ya" if published else "Tidak", _("Standards and maklumat of every service on the portal")
    )


def _index(assessment, kind: str):
    survey = (
        Survey.objects.filter(unit=assessment.unit, kind=kind, period_end__year=assessment.year)
        .exclude(status=Status.OPEN)
        .order_by("-period_end")
        .first()
    )
    if survey is None:
        return None
    result = figures(survey).result
    if result.index is None:
        return None
    return Suggestion(
        f"{result.index}",
        _("%(survey)s: index %(index)s from %(n)s respondents (LKE %(score)s)")
        % {"survey": survey.title, "index": result.index, "n": result.respondents, "score": result.lke_score},
    )


@rule("B.1.a")
def ipak(assessment):
    return _index(assessment, "ipak")


@rule("B.2.a")
def ipkp(assessment):
    return _index(assessment, "ipkp")
