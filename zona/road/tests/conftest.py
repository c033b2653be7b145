"""A small forecast world: the seed plan's unit (SUMSEL) with an LKE whose answers, evidence and
linked steps are set by hand, so each scenario can be computed by hand."""

from datetime import date

import pytest

from zona.evidence.models import EvidenceItem, Kind, Status
from zona.lke.models import Answer, Level
from zona.lke.services import assessment_create
from zona.plans.models import ActionStep, Indicator, StepStatus


def evidence(unit, by, title, year, **fields):
    values = {"status": Status.VERIFIED, "period_start": date(year, 1, 1), "period_end": date(year, 12, 31)}
    return EvidenceItem.objects.create(
        unit=unit,
        title=title,
        kind=Kind.LINK,
        url="https://example.org/x",
        created_by=by,
        **{**values, **fields},
    )


def answer(assessment, ref, value, *items):
    row = Answer.objects.create(assessment=assessment, level=Level.SELF, ref=ref, value=value)
    row.evidence.set(items)
    return row


@pytest.fixture
def world(seed_plan, units, cast):
    """A.I.1.i.a Ya (verified evidence of the year); A.I.1.i.b C (verified) with two open steps
    due 30 April, one on schedule on 1 March, one behind; A.I.1.ii.a Ya whose only evidence is
    unverified (stale)."""
    year = seed_plan.year
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=year, by=by)
    assessment.answers.all().delete()
    Indicator.objects.filter(component__area__plan=seed_plan).update(lke_ref="")
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).order_by("pk").first()
    Indicator.objects.filter(pk=indicator.pk).update(
        lke_ref="A.I.1.i.b", target_start=date(year, 1, 1), target_end=date(year, 4, 30)
    )
    ActionStep.objects.filter(indicator=indicator).delete()
    ahead = ActionStep.objects.create(
        indicator=indicator, text="Susun prosedur seleksi", status=StepStatus.RUNNING, progress=60, order=1
    )
    behind = ActionStep.objects.create(
        indicator=indicator,
        text="Seleksi anggota dari semua unsur",
        status=StepStatus.NOT_STARTED,
        progress=0,
        order=2,
    )
    answer(assessment, "A.I.1.i.a", "Ya", evidence(unit, by, "SK Tim Kerja ZI", year))
    answer(assessment, "A.I.1.i.b", "C", evidence(unit, by, "Daftar anggota", year))
    answer(
        assessment, "A.I.1.ii.a", "Ya", evidence(unit, by, "SK Rencana Kerja", year, status=Status.PENDING)
    )
    return {
        "assessment": assessment,
        "today": date(year, 3, 1),
        "deadline": date(year, 5, 31),
        "ahead": ahead,
        "behind": behind,
        "indicator": indicator,
        "year": year,
    }


# the path and sandbox fixtures: a real unit's filled LKE, and the same with one area failing
from zona.road.tests.lke_world import area_failing, kspstk  # noqa: E402, F401
