"""The LHE is drafted from the TPI's tiers' notes, as the person building the package may see
them: the TPI reads the tiers at work; the unit reads a tier's result only once the tier has
released it."""

import io
import zipfile

from conftest import make_user
from zona.evaluation.services import team_member_add, tier_answer_save, tier_approve, tier_release
from zona.proposal.package import package_build
from zona.proposal.sources import lhe_rows

from .factories import filed_assessment
from .test_package import docx_text

UNIT_ANSWERS = {"A.I.1.i.a": "Ya", "A.I.1.i.b": "A", "A.II.1.i.a": "5;5", "B.1.a": "3.5"}


def report(assessment, person) -> str:
    with package_build(assessment, person) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return docx_text(archive.read("LHE TPI SUMSEL 2023.docx"))


def test_the_unit_reads_a_tiers_notes_only_once_the_tier_released_them(units, cast):
    assessment = filed_assessment(units, cast)
    member = make_user("anggota_tim")
    team_member_add(assessment=assessment, user=member, tier_code="anggota", by=cast["reviewer"])
    for ref, raw in UNIT_ANSWERS.items():
        tier_answer_save(
            assessment=assessment, tier_code="anggota", ref=ref, raw=raw, note=f"Catatan AT {ref}", by=member
        )
    tier_answer_save(
        assessment=assessment, tier_code="anggota", ref="A.I.1.i.b", raw="B", note="Sebagian saja", by=member
    )
    tier_approve(assessment=assessment, tier_code="anggota", by=member)
    seen = {(r.ref, r.tier, r.answer, r.score, r.note) for r in lhe_rows(assessment, cast["reviewer"])}
    assert ("A.I.1.i.b", "Anggota Tim", "B", 0.13, "Sebagian saja") in seen and len(seen) == 4
    assert lhe_rows(assessment, cast["coordinator"]) == []  # approved, not released
    assert "Sebagian saja" in report(assessment, cast["reviewer"])
    assert "Sebagian saja" not in report(assessment, cast["coordinator"])
    tier_release(assessment=assessment, tier_code="anggota", by=member)
    rows = lhe_rows(assessment, cast["coordinator"])
    assert [(r.ref, r.tier) for r in rows] == [(ref, "Anggota Tim") for ref in UNIT_ANSWERS]
    assert "Sebagian saja" in report(assessment, cast["coordinator"])
