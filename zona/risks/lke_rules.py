"""The risk register offered to the LKE: A.I.5.ii.b (risks assessed: every risk of the year's
register analysed with its cause, its existing controls and their adequacy) and A.I.5.ii.c
(control activities: every risk has a control action and the actions are reported in the monev
cycles). Option A also asks for an innovation Zona cannot see, so it is never suggested."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule, share_answer

from .models import Realisation, Register

register_records_page(__name__, "risks:register", ("slug", "year"))


def _register(assessment) -> Register | None:
    return Register.objects.filter(unit=assessment.unit, year=assessment.year).first()


@rule("A.I.5.ii.b")
def risks_assessed(assessment):
    register = _register(assessment)
    if register is None:
        return None
    risks = register.risks.aggregate(
        total=Count("pk"), analysed=Count("pk", filter=~Q(cause="") & ~Q(controls=""))
    )
    return Suggestion(
        share_answer(risks["analysed"], risks["total"], "BCDE"),
        _(
            "Risk register %(year)s: %(analysed)s of %(total)s risks analysed with their cause and "
            "existing controls"
        )
        % {"year": assessment.year, **risks},
    )


@rule("A.I.5.ii.c")
def risks_controlled(assessment):
    register = _register(assessment)
    if register is None or not register.risks.exists():
        return None
    risks = register.risks.annotate(
        n=Count("actions", distinct=True),
        reported=Exists(Realisation.objects.filter(action__risk=OuterRef("pk"))),
    )
    total = len(risks)
    planned = sum(1 for r in risks if r.n)
    reported = sum(1 for r in risks if r.reported)
    answer = "B" if planned == total and reported == total else "C"
    return Suggestion(
        answer,
        _(
            "Risk register %(year)s: %(planned)s of %(total)s risks have control actions (RTP), "
            "%(reported)s have a realisation reported in a monev cycle"
        )
        % {"year": assessment.year, "planned": planned, "total": total, "reported": reported},
    )
