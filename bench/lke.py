"""LKE scoring: one full assessment in-process (target: under 5 ms) and the national roll-up of
553 assessments (target: under 1 s, constant query count). Run: .venv/bin/python bench/lke.py"""

import random
import time
from pathlib import Path

from _setup import ROOT, django_ready, measure_page, median_ms

django_ready()

from _data import UNITS, make_units  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.lke.answers_csv import read_answers  # noqa: E402
from zona.lke.instrument import resolve  # noqa: E402
from zona.lke.models import Answer, Assessment, Level  # noqa: E402
from zona.lke.scoring import score  # noqa: E402
from zona.lke.selectors import rollup  # noqa: E402
from zona.lke.services import rescore  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402

lke = resolve(None)
answers = read_answers(Path(ROOT, "zona/lke/tests/fixtures/kspstk-2024-answers.csv").read_text("utf-8"), lke)
samples = []
for _ in range(300):
    start = time.perf_counter()
    score(lke, answers)
    samples.append(time.perf_counter() - start)
print(f"score one full assessment (113 answers): median {median_ms(samples):.2f} ms (target < 5 ms)")


def build(units: list[Unit]) -> None:
    rng = random.Random(90)
    assessments = Assessment.objects.bulk_create(
        Assessment(unit=u, year=2024, instrument_urn=lke.urn) for u in units
    )
    Answer.objects.bulk_create(
        (
            Answer(assessment=a, level=level, ref=ref, value=answer.as_text())
            for a in assessments
            for level in (Level.SELF, Level.TPI)
            for ref, answer in answers.items()
            if rng.random() < 0.95
        ),
        batch_size=5000,
    )
    for assessment in assessments:  # what the answer services do after every change
        rescore(assessment)


def measure(unit: Unit) -> tuple[int, float, int]:
    client = Client()
    client.force_login(viewer)
    queries, latency = measure_page(client, f"/lke/rekap/{unit.slug}/2024/", 10)
    return queries, latency, len(rollup(unit, 2024))


units = make_units()
ri = Unit.objects.get(code="RI")
viewer = User.objects.create_user("national", password="x")
role_grant(user=viewer, unit=ri, role=Role.VIEWER, include_descendants=True)
sumsel = [u for u in units if u.path.startswith("/RI/SUMSEL/")]
build(sumsel)
few_queries, few_ms, few = measure(ri)
build([u for u in units if u not in sumsel])
all_queries, all_ms, total = measure(ri)
print(
    f"national LKE roll-up queries: {few_queries} with {few} assessments, {all_queries} with {total} "
    f"(target: constant)"
)
print(
    f"national LKE recap page (both levels): {few_ms:.0f} ms with {few}, {all_ms:.0f} ms with {total} "
    f"of {UNITS} units (target < 1000 ms)"
)
