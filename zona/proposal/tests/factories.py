"""An assessment with evidence filed on a few questions, answered by the unit and reviewed by the
TPI with notes: what a proposal package is built from."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zona.evidence.services import evidence_create_file
from zona.lke.models import Level
from zona.lke.review import assessment_submit
from zona.lke.services import answer_save, assessment_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(marker: str) -> bytes:
    return PDF + f"% {marker}\n".encode()


def evidence(unit, by, title: str, name: str, content: bytes | None = None, **options):
    upload = SimpleUploadedFile(name, content or pdf(title))
    return evidence_create_file(unit=unit, title=title, upload=upload, by=by, **options)


def filed_assessment(units, cast, *, year: int = 2023):
    """SUMSEL's LKE: A.I.1.i.a with two files (one named to climb out of the folder, one a
    duplicate name), A.II.1.i.a (Reform) and B.1.a (Hasil) with one each; the TPI answered
    A.I.1.i.a and A.I.1.i.b with notes."""
    unit, by = units["SUMSEL"], cast["coordinator"]
    sk = evidence(unit, by, "SK Tim Kerja", "../../etc/SK Tim.pdf")
    again = evidence(unit, by, "SK Tim Kerja (revisi)", "SK Tim.pdf")
    reform = evidence(unit, by, "Komitmen", "komitmen.pdf")
    ipak = evidence(unit, by, "Survei IPAK", "ipak.pdf")
    assessment = assessment_create(unit=unit, year=year, by=by)
    answer_save(
        assessment=assessment, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", evidence=[sk, again], by=by
    )
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=by)
    answer_save(
        assessment=assessment, level=Level.SELF, ref="A.II.1.i.a", raw="5;5", evidence=[reform], by=by
    )
    answer_save(assessment=assessment, level=Level.SELF, ref="B.1.a", raw="3.5", evidence=[ipak], by=by)
    assessment_submit(assessment=assessment, by=by)
    tpi = cast["reviewer"]
    answer_save(
        assessment=assessment,
        level=Level.TPI,
        ref="A.I.1.i.a",
        raw="Ya",
        note="SK lengkap, ditandatangani.",
        by=tpi,
    )
    answer_save(
        assessment=assessment,
        level=Level.TPI,
        ref="A.I.1.i.b",
        raw="B",
        note="Hanya sebagian anggota.",
        by=tpi,
    )
    assessment.refresh_from_db()
    return assessment
