"""The complaint register of a unit over a period as a background export (zona.evidence.exports).

What it holds depends on who asks (the complaints each officer may open), so each person gets
their own file; and since not every change to a complaint leaves a trace to compare, a finished
register is never handed out again: only a request already waiting is shared."""

from __future__ import annotations

import hashlib
from datetime import date

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from zona.cases.models import Case, CaseEvent
from zona.cases.registry import KINDS as CASE_KINDS
from zona.evidence.exports import ExportKind, Measure, export_kind_register
from zona.orgs.models import Unit

from .exporters import complaint_register_xlsx
from .models import KIND


def register_cases(unit: Unit, params: dict, person):
    start, end = date.fromisoformat(params["start"]), date.fromisoformat(params["end"])
    return Case.objects.filter(CASE_KINDS[KIND].scope_q(person)).filter(
        unit=unit, received_on__gte=start, received_on__lte=end
    )


def _measure(unit: Unit, params: dict, person) -> Measure:
    cases = register_cases(unit, params, person)
    figures = cases.aggregate(n=Count("pk"), last=Max("pk"), moved=Max("state_since"))
    figures["event"] = CaseEvent.objects.filter(case__in=cases).aggregate(last=Max("pk"))["last"]
    version = hashlib.sha256(repr(sorted(figures.items())).encode()).hexdigest()
    return Measure(rows=figures["n"], version=version)


def _render(unit: Unit, fmt: str, params: dict, person, max_pages: int, on_progress) -> bytes:
    return complaint_register_xlsx(cases=register_cases(unit, params, person))


def _period(params: dict) -> str:
    return f"{params['start'].replace('-', '')}-{params['end'].replace('-', '')}"


REGISTER = ExportKind(
    name="complaints.register",
    formats=("xlsx",),
    load=lambda object_id, params: Unit.objects.get(pk=object_id),
    unit_of=lambda unit: unit,
    title=lambda unit, params: (
        _("Complaint register %(unit)s %(start)s to %(end)s")
        % {"unit": unit.code, "start": params["start"], "end": params["end"]}
    ),
    filename=lambda unit, fmt, params: f"register-pengaduan-{unit.code}-{_period(params)}",
    measure=_measure,
    render=_render,
    rows_per_page=1,  # no PDF
    per_person=True,
    reuse_built=False,
)
export_kind_register(REGISTER)
