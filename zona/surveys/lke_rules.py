"""Surveys and service standards offered to the LKE, with their figures:

- A.I.6.iv.a how many SKM periods of the year were run (A ≥ 4, B 3, C 2, D 1, E none; data/rules.yaml):
  only a survey that reached the sample its population needs (Krejcie & Morgan) counts, and one
  closed below it is named;
- A.I.6.iv.b every period's result published online (Zona's public page) and offline (posted on
  the board): one published period of four is not "published";
- A.I.6.iv.c the share of the year's weak-item follow-ups done;
- A.I.6.i.a–d service standards set, announced (maklumat on the portal and other media), reviewed,
  published;
- Hasil B.1.a and B.2.a: the LKE asks for the index of the external survey; the unit's own IPAK or
  IPKP survey is offered as a stand-in the unit confirms, on the LKE's 1–4 scale (another scale is
  converted, the conversion shown, or refused: data/rules.yaml)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule, share_answer

from .figures import Figures, figures
from .models import FollowUp, Service, ServiceStandard, StandardReview, Status, Survey
from .rules import frequency_answer

register_records_page(__name__, "surveys:unit", ("slug",))


def _skm_periods(assessment) -> list[Figures]:
    surveys = (
        Survey.objects.filter(unit=assessment.unit, kind="skm", period_end__year=assessment.year)
        .exclude(status=Status.OPEN)
        .order_by("period_start")
    )
    return [figures(s) for s in surveys]


def reached_sample(found: Figures) -> bool:
    """The survey's population is recorded and its respondents reach the Krejcie & Morgan sample."""
    return found.survey.population > 0 and found.result.respondents >= found.sample_needed


def _below_sample(found: list[Figures]) -> str:
    short = [
        _("%(survey)s (%(n)s of %(needed)s respondents)")
        % {"survey": f.survey.title, "n": f.result.respondents, "needed": f.sample_needed}
        if f.survey.population
        else _("%(survey)s (population not recorded)") % {"survey": f.survey.title}
        for f in found
        if not reached_sample(f)
    ]
    if not short:
        return ""
    return " " + _("Not counted, closed below their sample (Krejcie & Morgan): %(list)s.") % {
        "list": "; ".join(short)
    }


@rule("A.I.6.iv.a")
def frequency(assessment):
    found = _skm_periods(assessment)
    if not found and not Service.objects.filter(unit=assessment.unit).exists():
        return None
    counted = {(f.survey.period_start, f.survey.period_end) for f in found if reached_sample(f)}
    return Suggestion(
        frequency_answer(len(counted)),
        _("SKM periods closed in %(year)s that reached their sample: %(n)s of %(closed)s.%(short)s")
        % {
            "year": assessment.year,
            "n": len(counted),
            "closed": len({(f.survey.period_start, f.survey.period_end) for f in found}),
            "short": _below_sample(found),
        },
        link=reverse("surveys:unit", args=[assessment.unit.slug]),
        figures=((_("periods counted"), len(counted)), (_("surveys closed"), len(found))),
    )


@rule("A.I.6.iv.b")
def openness(assessment):
    surveys = [f.survey for f in _skm_periods(assessment)]
    if not surveys:
        return None
    online = sum(1 for s in surveys if s.published_on)
    offline = sum(1 for s in surveys if s.posted_on)
    every_online, every_offline = online == len(surveys), offline == len(surveys)
    answer = "A" if every_online and every_offline else "B" if every_online or every_offline else "C"
    return Suggestion(
        answer,
        _(
            "%(year)s results, every period's result counts: published online %(online)s of %(n)s, "
            "posted at the service %(offline)s of %(n)s"
        )
        % {"year": assessment.year, "online": online, "offline": offline, "n": len(surveys)},
        link=reverse("surveys:unit", args=[assessment.unit.slug]),
        figures=(
            (_("published online"), online),
            (_("posted offline"), offline),
            (_("surveys"), len(surveys)),
        ),
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
    answer = share_answer(done, total)
    return Suggestion(
        answer,
        _("SKM follow-ups of %(year)s done: %(done)s of %(total)s")
        % {"year": assessment.year, "done": done, "total": total},
        figures=((_("follow-up actions"), total), (_("actions done"), done)),
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
        answer,
        _("Service standards set: %(n)s of %(m)s services") % {"n": len(current), "m": len(services)},
        figures=((_("active services"), len(services)), (_("services with a standard"), len(current))),
    )


@rule("A.I.6.i.b")
def maklumat(assessment):
    """A: every service's maklumat on the portal and on other media; B: on the portal for more than
    half; C: some maklumat made; D: none (LKE A.I.6.i.b). Zona sees its own portal; other media are
    what the unit recorded with the standard."""
    services, current = _standards(assessment)
    if not services:
        return None
    portal = [s for s in current.values() if s.published_on]
    both = sum(1 for s in portal if s.other_media.strip())
    if both == len(services):
        answer = "A"
    else:
        answer = share_answer(len(portal), len(services), "BBCD") if portal else ("C" if current else "D")
    return Suggestion(
        answer,
        _(
            "Maklumat pelayanan of %(m)s services: %(made)s made, %(n)s published on the portal, "
            "%(both)s of them also announced on other media (A needs every service on both)"
        )
        % {"n": len(portal), "m": len(services), "made": len(current), "both": both},
        link=reverse("surveys:standards", args=[assessment.unit.slug]),
        figures=((_("on the portal"), len(portal)), (_("on the portal and other media"), both)),
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
        figures=(
            (_("reviews in the year"), reviews.count()),
            (_("reviews using the survey and the complaints"), with_input.count()),
        ),
    )


@rule("A.I.6.i.d")
def standards_published(assessment):
    services, current = _standards(assessment)
    if not services:
        return None
    """Ya ("telah melakukan publikasi atas standar pelayanan dan maklumat pelayanan", LKE
    A.I.6.i.d) only when every active service's standard and maklumat is on the portal; the reason
    gives the figures as they are, whatever the answer."""
    on_portal = sum(1 for s in current.values() if s.published_on)
    published = on_portal == len(services) and len(current) == len(services)
    return Suggestion(
        "Ya" if published else "Tidak",
        _(
            "Standards and maklumat on the portal: %(on)s of %(m)s active services (%(set)s with a "
            "standard); Ya needs every service."
        )
        % {"on": on_portal, "m": len(services), "set": len(current)},
        figures=((_("active services"), len(services)), (_("standards on the portal"), on_portal)),
    )


def _index(assessment, kind: str):
    """The latest closed survey of the year that reached its Krejcie & Morgan sample (PermenPAN-RB
    14/2017: a survey below its sample is not representative); those closed below it are named and
    give no index."""
    closed = [
        figures(s)
        for s in Survey.objects.filter(unit=assessment.unit, kind=kind, period_end__year=assessment.year)
        .exclude(status=Status.OPEN)
        .order_by("-period_end", "-pk")
    ]
    found = next((f for f in closed if reached_sample(f)), None)
    if found is None:
        return _no_index(closed)
    survey = found.survey
    converted = found.lke_index
    if converted is None:
        return None  # no answers yet, or a scale the data file refuses to convert
    scale = (
        _("on the 1–4 scale")
        if not converted.how
        else _("converted from its %(low)s–%(high)s scale: %(how)s")
        % {
            "low": found.spec.scale_min,
            "high": found.spec.scale_max,
            "how": converted.how,
        }
    )
    return Suggestion(
        f"{converted.value}",
        _(
            "Stand-in, not the LKE's figure: the LKE asks for the index of the external survey. The "
            "unit's own survey %(survey)s gives %(index)s %(scale)s, from %(n)s respondents (LKE %(score)s)."
        )
        % {
            "survey": survey.title,
            "index": converted.value,
            "scale": scale,
            "n": found.result.respondents,
            "score": found.lke_score,
        }
        + _below_sample(closed),
        link=reverse("surveys:detail", args=[survey.pk]),
        confirm=_("the unit's own survey %(survey)s stands in for the external survey's index")
        % {"survey": survey.title},
        figures=(
            (_("index on the 1–4 scale"), converted.value),
            (_("respondents"), found.result.respondents),
        ),
    )


def _no_index(closed: list[Figures]) -> Suggestion | None:
    """Every closed survey of the year is below its sample: no index, and the suggestion names
    each survey with its respondents against the sample it needed, so the unit knows why."""
    if not closed:
        return None
    return Suggestion(
        "0",
        _(
            "No index: no survey of the year reached the sample its population needs (Krejcie & "
            "Morgan, PermenPAN-RB 14/2017), so none is representative."
        )
        + _below_sample(closed)
        + " "
        + _("Type the external survey's index, or run the survey to its sample."),
        link=reverse("surveys:detail", args=[closed[0].survey.pk]),
        confirm=_(
            "no survey of the year reached its sample: the index 0 until the external survey's is typed"
        ),
        figures=(
            (_("respondents"), closed[0].result.respondents),
            (_("sample needed"), closed[0].sample_needed),
        ),
    )


@rule("B.1.a")
def ipak(assessment):
    return _index(assessment, "ipak")


@rule("B.2.a")
def ipkp(assessment):
    return _index(assessment, "ipkp")
