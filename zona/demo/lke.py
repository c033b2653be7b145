"""The demo's LKE: the plan year's self-assessment, filled, submitted, reviewed and final."""

from __future__ import annotations

from pathlib import Path

from zona.lke.models import Assessment, Level
from zona.lke.review import assessment_finalize, assessment_submit, review_agree
from zona.lke.services import answer_save, assessment_create, sheet_import


def load(unit, plan, people) -> None:
    """The plan year's LKE: a filled self-assessment (the answers of a real unit's 2024 LKE),
    submitted, reviewed by the TPI (the unit's answers accepted, a few marked down), and final."""
    if Assessment.objects.filter(unit=unit, year=plan.year).exists():
        return
    rows = (Path(__file__).resolve().parent / "data" / "lke_answers.csv").read_text("utf-8").splitlines()[1:]
    values = dict(line.split(",", 1) for line in rows if line.strip())
    assessment = assessment_create(unit=unit, year=plan.year, by=people["koordinator"])
    sheet_import(
        assessment=assessment, values=values, notes={}, source="LKE contoh", by=people["koordinator"]
    )
    assessment_submit(assessment=assessment, by=people["koordinator"])
    review_agree(assessment=assessment, refs=list(values), by=people["tpi"])  # the TPI reads each
    for ref, raw, why in (("A.I.1.i.b", "B", "SK tim belum memuat uraian tugas per area"),
                          ("A.I.3.iii.d", "C", "Baru sebagian pegawai memperoleh 20 JP")):  # fmt: skip
        if ref in values:
            answer_save(assessment=assessment, level=Level.TPI, ref=ref, raw=raw, by=people["tpi"], note=why)
    assessment_finalize(assessment=assessment, by=people["tpi"])
