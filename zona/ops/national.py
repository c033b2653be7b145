"""Data at national scale (`zona national-dataset`, and the benchmarks): the KPU unit tree grown
to N units, each with the seed decree's full plan, evidence records spread over the indicators,
four closed monev cycles, a scored LKE self-assessment, complaints and a survey's responses, all
by bulk insert (the services that create them one by one are measured elsewhere)."""

import os
import random
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from zona.evidence.models import EvidenceItem, Kind, Status
from zona.monev.models import CycleStatus, MonevCycle
from zona.monev.snapshot import snapshot_build
from zona.orgs.loaders import units_load
from zona.orgs.models import Level, Unit
from zona.orgs.services import unit_create
from zona.plans.importers import read_plan
from zona.plans.models import ActionStep, Component, Indicator, Plan, PlanArea

UNITS = int(os.environ.get("BENCH_UNITS", 553))
EVIDENCE = 100_000
SEED = Path(__file__).resolve().parents[1] / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"
rng = random.Random(2023)
parsed = read_plan(SEED.read_bytes(), SEED.name)


def make_units(total: int | None = None) -> list[Unit]:
    units_load()  # RI, 38 provinces, 17 regencies/cities of Sumsel = 56
    provinces = list(Unit.objects.filter(level=Level.PROVINCE))
    existing = Unit.objects.exclude(code="BENCH").count()
    for index in range((total or UNITS) - existing):
        parent = provinces[index % len(provinces)]
        unit_create(
            code=f"{parent.code}-K{index:03d}",
            name=f"KPU Kabupaten {index}",
            level=Level.REGENCY,
            parent=parent,
        )
    return list(Unit.objects.all())


def make_plans(units: list[Unit], evidence: int) -> None:
    """Bulk-copy the seed's plan to every unit (the import service is measured elsewhere)."""
    plans = Plan.objects.bulk_create(Plan(unit=u, year=2023, decree_number="34 TAHUN 2023") for u in units)
    areas = PlanArea.objects.bulk_create(
        PlanArea(plan=p, code=a.code, name=a.name, priorities=a.priorities)
        for p in plans
        for a in parsed.areas
    )
    components = Component.objects.bulk_create(
        Component(area=area, number=c.number, name=c.name, order=i)
        for area in areas
        for i, c in enumerate(next(a for a in parsed.areas if a.code == area.code).components)
    )
    shape = {(a.code, c.number): c for a in parsed.areas for c in a.components}
    indicators = Indicator.objects.bulk_create(
        (
            Indicator(
                component=comp,
                text=i.text,
                evidence_text=i.evidence,
                target_text=i.target.text,
                target_start=i.target.start,
                target_end=i.target.end,
                order=n,
            ),
            i.actions,
        )[0]
        for comp in components
        for n, i in enumerate(shape[(comp.area.code, comp.number)].indicators)
    )
    by_text = {i.text: i.actions for a in parsed.areas for c in a.components for i in c.indicators}
    now = timezone.now()
    ActionStep.objects.bulk_create(
        (
            ActionStep(indicator=ind, text=t, order=n, done_at=now, status="selesai", progress=100)
            if rng.random() < 0.4
            else ActionStep(indicator=ind, text=t, order=n)
            for ind in indicators
            for n, t in enumerate(by_text[ind.text])
        ),
        batch_size=5000,
    )
    unit_ids = {p.pk: p.unit_id for p in plans}
    area_plan = {a.pk: a.plan_id for a in areas}
    comp_unit = {c.pk: unit_ids[area_plan[c.area_id]] for c in components}
    items = EvidenceItem.objects.bulk_create(
        (
            EvidenceItem(
                unit_id=comp_unit[ind.component_id],
                title=f"Bukti {k}",
                kind=Kind.LINK,
                url="https://example.org/b",
                status=rng.choice(list(Status.values)),
            )
            for k, ind in ((k, rng.choice(indicators)) for k in range(evidence))
        ),
        batch_size=5000,
    )
    through = Indicator.evidence.through
    by_unit: dict[int, list[Indicator]] = {}
    for ind in indicators:
        by_unit.setdefault(comp_unit[ind.component_id], []).append(ind)
    through.objects.bulk_create(
        (
            through(indicator_id=rng.choice(by_unit[item.unit_id]).pk, evidenceitem_id=item.pk)
            for item in items
        ),
        batch_size=5000,
        ignore_conflicts=True,
    )


def close_four_cycles(plans: list[Plan]) -> None:
    """Four closed quarters per plan, each with a full-size snapshot."""
    sample = MonevCycle.objects.create(plan=plans[0], quarter=1)
    snapshot = snapshot_build(sample)
    sample.delete()
    MonevCycle.objects.bulk_create(
        (
            MonevCycle(plan=plan, quarter=q, status=CycleStatus.CLOSED, snapshot=snapshot, progress=q / 5)
            for plan in plans
            for q in range(1, 5)
        ),
        batch_size=500,
    )


def make_assessments(units: list[Unit], year: int) -> int:
    """A scored LKE self-assessment for each unit: one scored for real, its scores copied."""
    from zona.lke.models import Assessment
    from zona.lke.services import assessment_create, sheet_import

    answers_file = Path(__file__).resolve().parents[1] / "demo" / "data" / "lke_answers.csv"
    lines = answers_file.read_text("utf-8").splitlines()[1:]
    first = assessment_create(unit=units[0], year=year, by=None)
    sheet_import(assessment=first, values=dict(line.split(",", 1) for line in lines if line), notes={},
                 source="dataset", by=None)  # fmt: skip
    first.refresh_from_db()
    Assessment.objects.bulk_create(
        (
            Assessment(unit=u, year=year, instrument_urn=first.instrument_urn, scores=first.scores)
            for u in units[1:]
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(units)


def make_cases(units: list[Unit], count: int, year: int, heavy: Unit | None = None) -> int:
    """`count` complaints received through the year, by bulk insert: all in `heavy` when given
    (the unit whose register the export benchmark reads), else spread over the units."""
    import secrets as tokens

    from zona.cases.models import Case
    from zona.complaints.models import Complaint

    start = date(year, 1, 1)
    cases = []
    for n in range(count):
        unit = heavy if heavy is not None else units[n % len(units)]
        received = start + timedelta(days=n % 360)
        cases.append(Case(
            kind="complaint", unit=unit, year=year, seq=n + 1, number=f"ADU/NAS/{year}/{n + 1:07d}",
            tracking_hash=tokens.token_hex(32), state="diterima", received_on=received,
            due_on=received + timedelta(days=14), channel="web", subject=f"Pengaduan {n + 1}",
            description="Antrean layanan terlalu lama", reporter_name="Warga",
            reporter_contact="warga@example.org",
        ))  # fmt: skip
    made = Case.objects.bulk_create(cases, batch_size=5000)
    Complaint.objects.bulk_create((Complaint(case=c, category="pelayanan") for c in made), batch_size=5000)
    return len(made)


def make_responses(unit: Unit, count: int, by) -> int:
    """A survey of `unit` with `count` SKM responses (COPY on PostgreSQL), its tally rebuilt."""
    from django.db import connection

    from zona.surveys.answers import tally_rebuild
    from zona.surveys.models import Response
    from zona.surveys.services import service_add, survey_create

    service = service_add(unit=unit, name="Layanan informasi (data nasional)", by=by)
    survey = survey_create(unit=unit, service=service, definition_key="skm@2017",
                           period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), population=100_000,
                           by=by)  # fmt: skip
    values = [[rng.choice((1, 2, 3, 3, 4, 4)) for _ in range(9)] for _ in range(min(count, 10_000))]
    if connection.vendor == "postgresql":
        columns = ", ".join(f"a{i}" for i in range(1, 10))
        sql = (
            "COPY surveys_response (survey_id, channel, age_group, sex, education, occupation, device, "
            f"ticket, suspect, suspect_reason, created_on, {columns}) FROM STDIN"
        )
        today = date.today()
        with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
            for n in range(count):
                copy.write_row(
                    (survey.pk, "online", "", "", "", "", "", "", False, "", today, *values[n % len(values)])
                )
    else:
        Response.objects.bulk_create(
            (Response(survey=survey, **{f"a{i + 1}": v for i, v in enumerate(values[n % len(values)])})
             for n in range(count)),
            batch_size=5000,
        )  # fmt: skip
    tally_rebuild(survey)
    return count
