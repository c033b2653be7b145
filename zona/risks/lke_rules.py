"""The risk register offered to the LKE: A.I.5.ii.c (control activities to minimise the risks
identified). The LKE's options: B "melakukan kegiatan pengendalian untuk meminimalisir resiko
sesuai dengan yang ditetapkan organisasi", C "belum melakukan kegiatan pengendalian". C's words
say no control activity at all, so C is suggested only when no risk has a realisation of its
control actions reported in a monev cycle; once some have one the unit has carried out control
activities and B is suggested, with the share of risks realised stated (the evaluator weighs it).
Option A also asks for an innovation Zona cannot see, so it is never suggested. A.I.5.ii.b (risks
assessed over the unit's processes) reads the main functions and the performance agreement too,
so it lives in zona/performance/risk_coverage.py."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.provenance import register_records_page
from zona.lke.suggestions import Suggestion, rule

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
        "B" if reported else "C",
        _(
            "Risk register %(year)s: %(planned)s of %(total)s risks have control actions (RTP), "
            '%(reported)s have a realisation reported in a monev cycle (C, "belum melakukan kegiatan '
            'pengendalian", only when none has)'
        )
        % {"year": assessment.year, "planned": planned, "total": total, "reported": reported},
        link=reverse("risks:register", args=[assessment.unit.slug, assessment.year]),
        figures=((_("risks with a realisation"), reported), (_("risks"), total)),
    )
