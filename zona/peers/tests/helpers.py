"""Records that put a unit on the early-warning list or place it among its peers."""

from __future__ import annotations

from datetime import date

from zona.cases.models import Case
from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment
from zona.lke.services import assessment_create
from zona.plans.models import Component, Indicator, Plan, PlanArea
from zona.rollups.models import RollupMark


def scored(unit, year: int, by, *, total: float, eligible: bool, areas: dict | None = None) -> Assessment:
    """An LKE whose stored self-assessment score has `total`, its areas and the WBK's verdict."""
    assessment = assessment_create(unit=unit, year=year, by=by)
    criteria = [{"name": "Nilai total", "passed": eligible}, {"name": "Area I", "passed": True}]
    scores = {
        "mandiri": {
            "total": total,
            "provisional": False,
            "areas": [
                {"code": c, "name": c, "pemenuhan": v, "reform": 0.0} for c, v in (areas or {}).items()
            ],
            "wbk": {"eligible": eligible, "criteria": criteria},
        }
    }
    Assessment.objects.filter(pk=assessment.pk).update(scores=scores)
    remark(unit)
    return assessment


def remark(unit) -> None:
    """A score written behind the services' back: its unit's summaries are refreshed before a read."""
    RollupMark.objects.get_or_create(unit=unit)


def expired_evidence(unit, expired_on: date, year: int) -> EvidenceItem:
    """An item that expired on `expired_on`, supporting an indicator of the unit's plan of `year`."""
    item = EvidenceItem.objects.create(
        unit=unit, title=f"SK {unit.code}", kind="link", url="https://example.org/sk", expires_on=expired_on
    )
    plan = Plan.objects.filter(unit=unit, year=year).first() or Plan.objects.create(unit=unit, year=year)
    area = PlanArea.objects.create(plan=plan, code="I", name="Manajemen Perubahan")
    component = Component.objects.create(area=area, number=1, name="Tim kerja")
    Indicator.objects.create(component=component, text="SK tim kerja").evidence.add(item)
    return item


def late_case(unit, due_on: date, kind: str = "complaint") -> Case:
    seq = Case.objects.count() + 1
    return Case.objects.create(
        kind=kind,
        unit=unit,
        year=due_on.year,
        seq=seq,
        number=f"{kind}-{unit.code}-{seq}",
        tracking_hash="x" * 64,
        state="diterima",
        received_on=due_on.replace(day=1),
        due_on=due_on,
        channel="web",
        subject="Layanan",
    )


def exported_names(page) -> list[str]:
    """Export the early-warning list on `page` as XLSX (by the worker), download it and give the
    unit names its rows hold, sorted."""
    from io import BytesIO

    from openpyxl import load_workbook
    from playwright.sync_api import expect

    page.locator("#export-xlsx button").click()
    link = page.locator("#export-download")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    sheet = load_workbook(BytesIO(open(info.value.path(), "rb").read())).active
    return sorted(row[1] for row in sheet.iter_rows(min_row=4, values_only=True))
