"""The road to the predicate for one assessment: every WBK/WBBM gate with its margin, the forecast's
three scenarios at the proposal deadline (each with its gates) and the exact cheapest path to each
predicate (the integer program), read from the database as the pages do (target: under 200 ms).
The assessment is a real unit's filled 2024 LKE with area 2 left at its lowest answers, on the
seed plan with its steps linked to questions.
Run: .venv/bin/python bench/road.py [--profile]"""

import os
import sys
import time
from pathlib import Path

from _setup import ROOT, django_ready, median_ms

django_ready()

from django.utils import timezone  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.lke.instrument import resolve  # noqa: E402
from zona.lke.services import assessment_create, sheet_import  # noqa: E402
from zona.orgs.models import Level, Unit  # noqa: E402
from zona.orgs.services import unit_create  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.models import Indicator  # noqa: E402
from zona.plans.services import plan_import  # noqa: E402
from zona.road.calendar import calendar_for  # noqa: E402
from zona.road.forecast import forecast  # noqa: E402
from zona.road.path import paths  # noqa: E402

lke = resolve(None)
rows = Path(ROOT, "zona/lke/tests/fixtures/kspstk-2024-answers.csv").read_text("utf-8").splitlines()[1:]
values = dict(line.split(",", 1) for line in rows if line.strip())
for ref, question in lke.questions.items():
    if ref.startswith(("A.I.2.", "A.II.2.")):
        values[ref] = (
            min(question.options, key=question.options.get)
            if question.options
            else "0;" * (len(question.inputs) - 1) + "0"
        )

unit = Unit.objects.filter(code="SUMSEL").first() or unit_create(
    code="SUMSEL", name="KPU Sumsel", level=Level.PROVINCE
)
coordinator = User.objects.create_user("bench-road", password="x")
seed = Path(ROOT, "zona/plans/fixtures/sk-34-2023-kpu-sumsel.md")
plan = plan_import(
    parsed=read_plan(seed.read_bytes(), seed.name), unit=unit, by=coordinator, source_name=seed.name
)
refs = list(lke.questions)
for n, indicator in enumerate(Indicator.objects.filter(component__area__plan=plan).order_by("pk")):
    Indicator.objects.filter(pk=indicator.pk).update(lke_ref=refs[n % len(refs)])  # every question linked
assessment = assessment_create(unit=unit, year=plan.year, by=coordinator)
sheet_import(assessment=assessment, values=values, notes={}, source="bench", by=coordinator)
today = timezone.localdate()


def road():
    """What the gates and forecast pages compute: the gates and both cheapest paths, then the
    three scenarios (the linked steps read once)."""
    inputs, found = paths(assessment)
    deadline = calendar_for(assessment.unit, assessment.year).proposal_deadline
    own = inputs.answers if inputs.report.level == "mandiri" else None
    result = forecast(
        assessment, inputs.instrument, today=today, deadline=deadline, steps=inputs.links, answers=own
    )
    return found, result


road()  # warm: the instrument and the rules read once per process, as in a running server
if "--profile" in sys.argv:
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(lambda: [road() for _ in range(20)])
    pstats.Stats(profile).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(30)
samples, cpu = [], []
for _ in range(30):
    start, start_cpu = time.perf_counter(), time.process_time()
    found, result = road()
    samples.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
wbk = found["WBK"]
print(
    f"gates + three scenarios + cheapest paths (WBK: {len(wbk.steps)} improvements, effort {wbk.effort}) "
    f"for one assessment: median {median_ms(samples):.0f} ms wall, {median_ms(cpu):.0f} ms CPU "
    f"(target < 200 ms)"
)
