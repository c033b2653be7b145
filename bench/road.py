"""The road to the predicate for one assessment: every WBK/WBBM gate with its margin plus the
exact cheapest path to each predicate (the integer program), read from the database as the page
does (target: under 200 ms). The assessment is a real unit's filled 2024 LKE with area 2 left at
its lowest answers, on the seed plan with its steps linked to questions.
Run: .venv/bin/python bench/road.py"""

import time
from pathlib import Path

from _setup import ROOT, django_ready, median_ms

django_ready()

from zona.accounts.models import User  # noqa: E402
from zona.lke.instrument import resolve  # noqa: E402
from zona.lke.services import assessment_create, sheet_import  # noqa: E402
from zona.orgs.models import Level, Unit  # noqa: E402
from zona.orgs.services import unit_create  # noqa: E402
from zona.plans.importers import read_plan  # noqa: E402
from zona.plans.models import Indicator  # noqa: E402
from zona.plans.services import plan_import  # noqa: E402
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

samples, cpu = [], []
for _ in range(30):
    start, start_cpu = time.perf_counter(), time.process_time()
    inputs, found = paths(assessment)  # the gates (both predicates) and both cheapest paths
    samples.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
wbk = found["WBK"]
print(
    f"gates + cheapest paths (WBK: {len(wbk.steps)} improvements, effort {wbk.effort}) for one assessment: "
    f"median {median_ms(samples):.0f} ms wall, {median_ms(cpu):.0f} ms CPU (target < 200 ms)"
)
