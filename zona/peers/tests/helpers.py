"""Records that put a unit on the early-warning list or place it among its peers."""

from __future__ import annotations

from datetime import date

from zona.cases.models import Case
from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment
from zona.lke.services import assessment_create


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
    return assessment


def expired_evidence(unit, expired_on: date) -> EvidenceItem:
    return EvidenceItem.objects.create(
        unit=unit, title=f"SK {unit.code}", kind="link", url="https://example.org/sk", expires_on=expired_on
    )


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
