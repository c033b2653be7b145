"""The risk register offered to the LKE: A.I.5.ii.c (control activities to minimise the risks
identified). B when more than half of the risks have a realisation of their control actions
reported in a monev cycle (the LKE's "sesuai dengan yang ditetapkan organisasi"): one action still
without a realisation does not drop it to C, "belum melakukan kegiatan pengendalian", which is
suggested when half or fewer have one. Option A also asks for an innovation Zona cannot see, so it
is never suggested. A.I.5.ii.b (risks assessed over the unit's processes) reads the main functions
and the performance agreement too, so it lives in zona/performance/risk_coverage.py."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule, share_answer

from .models import Realisation, Register

register_records_page(__name__, "risks:register", ("slug", "year"))


@rule("A.I.5.ii.c")
def risks_controlled(assessment):
    register = Register.objects.filter(unit=assessment.unit, year=assessment.year).first()
    if register is None or not register.risks.exists():
        return None
    risks = register.risks.annotate(
        n=Count("actions", distinct=True),
        reported=Exists(Realisation.objects.filter(action__risk=OuterRef("pk"))),
    )
    total = len(risks)
    planned = sum(1 for r in risks if r.n)
    reported = sum(1 for r in risks if r.reported)
    return Suggestion(
        share_answer(reported, total, "BBCC"),
        _(
            "Risk register %(year)s: %(planned)s of %(total)s risks have control actions (RTP), "
            "%(reported)s have a realisation reported in a monev cycle (B: more than half of the risks)"
        )
        % {"year": assessment.year, "planned": planned, "total": total, "reported": reported},
        link=reverse("risks:register", args=[assessment.unit.slug, assessment.year]),
        figures=((_("risks with a realisation"), reported), (_("risks"), total)),
    )
