"""Heavy exports bounded per person, on a plan of 3,000 indicators (BENCH_INDICATORS) with three
steps and two evidence lines each: the PDF pages reckoned from its text; what a read-only
viewer's request for its PDF costs the web request (refused by its pages) and for its XLSX
(queued); the fourth request refused over the cap; 20 Lembar Monev PDFs asked at once; the XLSX
made as the worker makes it (time and peak memory of this process).
Run: .venv/bin/python bench/exports.py"""

import os
import resource
import time

from _setup import django_ready

django_ready()

from django.conf import settings  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.exports import ExportRefused, export_make, export_request  # noqa: E402
from zona.evidence.models import ExportJob  # noqa: E402
from zona.monev.services import cycle_close, cycle_open  # noqa: E402
from zona.orgs.models import Level, Role  # noqa: E402
from zona.orgs.services import role_grant, unit_create  # noqa: E402
from zona.plans.models import ActionStep, Component, Indicator, Plan, PlanArea  # noqa: E402

INDICATORS = int(os.environ.get("BENCH_INDICATORS", 3000))


def build_plan(unit) -> Plan:
    plan = Plan.objects.create(unit=unit, year=2026, title="Rencana benchmark")
    per_area = INDICATORS // 6
    for number, code in enumerate(["I", "II", "III", "IV", "V", "VI"], start=1):
        area = PlanArea.objects.create(plan=plan, code=code, name=f"Area {code}")
        components = Component.objects.bulk_create(
            Component(area=area, number=n + 1, name=f"Komponen {n + 1} area {code}", order=n)
            for n in range(per_area // 10)
        )
        indicators = Indicator.objects.bulk_create(
            Indicator(
                component=components[n // 10], order=n, text=f"Indikator {code}.{n + 1} telah dilaksanakan",
                evidence_text=f"- Laporan kegiatan {n}\n- Dokumentasi", target_text="Januari - Juni 2026",
                pic_text=f"Tim {number}",
            )
            for n in range(per_area)
        )  # fmt: skip
        ActionStep.objects.bulk_create(
            ActionStep(indicator=indicator, order=s, text=f"Langkah {s + 1} indikator {indicator.text}")
            for indicator in indicators
            for s in range(3)
        )
    return plan


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call):
    started = time.perf_counter()
    try:
        outcome = call()
    except ExportRefused as exc:
        outcome = f"refused: {exc}"
    return outcome, time.perf_counter() - started


def main() -> None:
    from zona.plans.export_kinds import plan_measure

    unit = unit_create(code="BENCH", name="Unit benchmark", level=Level.PROVINCE)
    viewer = User.objects.create_user("pemantau", password="x")
    role_grant(user=viewer, unit=unit, role=Role.VIEWER)
    plan = build_plan(unit)
    first = cycle_open(plan=plan, quarter=1, by=viewer)
    cycle_close(cycle=first, by=viewer)
    second = cycle_open(plan=plan, quarter=2, by=viewer)
    figures = plan_measure(plan)
    print(f"plan of {INDICATORS} indicators: {figures.rows} rows, at least {figures.pages} PDF pages")

    def ask(kind, obj, fmt):
        return lambda: export_request(kind=kind, obj=obj, fmt=fmt, by=viewer)

    limit = settings.ZONA_EXPORT_MAX_PDF_PAGES
    outcome, seconds = timed(ask("plans.plan", plan, "pdf"))
    print(f"its PDF asked by a viewer (limit {limit} pages): {outcome} in {seconds:.1f} s")
    job, seconds = timed(ask("plans.plan", plan, "xlsx"))
    print(f"its XLSX asked: queued in {seconds:.1f} s")
    for cycle in (first, second):
        export_request(kind="monev.lembar", obj=cycle, fmt="xlsx", by=viewer)
    outcome, seconds = timed(ask("plans.plan", plan, "pdf"))
    print(f"a fourth export asked: {outcome} in {seconds * 1000:.0f} ms")
    started = time.perf_counter()
    for _n in range(20):
        timed(ask("monev.lembar", first, "pdf"))
    queued = ExportJob.objects.filter(requested_by=viewer).count()
    print(f"20 Lembar Monev PDFs asked: {queued} jobs in all after {time.perf_counter() - started:.1f} s")
    before = peak_mb()
    _none, seconds = timed(lambda: export_make(job, lambda value: None))
    print(
        f"the plan's XLSX made in the worker: {job.file.size / 1e6:.1f} MB in {seconds:.1f} s; "
        f"peak memory {before:.0f} → {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
