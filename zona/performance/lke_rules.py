"""The performance agreement offered to the LKE: Reform A.II.4.i.a (sasaran met at 100% or more
of all sasaran) and Hasil B.1.b (capaian kinerja lebih baik dari sebelumnya, A–D)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule

from .achievement import b1b_answer, two
from .models import Agreement
from .services import peers_mean, summary


def _agreement(assessment):
    return Agreement.objects.filter(unit=assessment.unit, year=assessment.year).first()


def _link(assessment) -> str:
    return reverse("performance:agreement", args=[assessment.unit.slug, assessment.year])


@rule("A.II.4.i.a")
def targets_met(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    s = summary(agreement)
    if not s.counted:
        return None
    return Suggestion(
        f"{len(s.counted)};{s.met}",
        _("Performance agreement %(year)s: %(met)s of %(total)s targets achieved 100%% or more")
        % {"year": assessment.year, "met": s.met, "total": len(s.counted)},
        link=_link(assessment),
    )


@rule("B.1.b")
def better_than_before(assessment):
    agreement = _agreement(assessment)
    if agreement is None:
        return None
    s = summary(agreement)
    peers = peers_mean(assessment.unit, assessment.year)
    answer = b1b_answer(s, peers)
    if answer is None:
        return None
    better = s.better_than_last_year
    return Suggestion(
        answer,
        _(
            "Performance agreement %(year)s: %(met)s of %(total)s targets met, mean achievement %(mean)s%%, "
            "%(better)s last year; peers' mean %(peers)s"
        )
        % {
            "year": assessment.year,
            "met": s.met,
            "total": len(s.counted),
            "mean": two(s.achievement),
            "better": _("better than") if better else _("not better than"),
            "peers": f"{two(peers)}%" if peers is not None else "–",
        },
        link=_link(assessment),
        figures=((_("targets met"), s.met), (_("targets"), len(s.counted))),
    )
