"""The proposal package of one assessment with 300 evidence files (BENCH_FILES), generated at
realistic sizes (100 KB – 2 MB, log-uniform, mixed PDFs and JPEGs of incompressible content)
and linked to the self-assessment's answers, with a TPI answer and note on every question: the
package built as the background worker builds it (the LKE, the LHE as DOCX and PDF, the letters,
every file streamed into the ZIP and hashed), then checked by `zona package verify`'s function.
Prints the wall time and the peak memory of the process before and after the build.
Run: .venv/bin/python bench/package.py"""

import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _setup import django_ready

django_ready(migrate="--build" not in sys.argv)

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.evidence.exports import export_make, export_request  # noqa: E402
from zona.evidence.models import EvidenceItem, EvidenceVersion, ExportJob, Kind  # noqa: E402
from zona.lke.instrument import CHOICE_TYPES  # noqa: E402
from zona.lke.models import Answer, Level  # noqa: E402
from zona.lke.services import assessment_create, instrument_of, rescore  # noqa: E402
from zona.orgs.models import Level as UnitLevel  # noqa: E402
from zona.orgs.models import Role  # noqa: E402
from zona.orgs.services import role_grant, unit_create  # noqa: E402
from zona.proposal.verify import package_verify  # noqa: E402

FILES = int(os.environ.get("BENCH_FILES", 300))
TARGET_S = 60
NOTE = "Bukti lengkap dan sesuai; dokumen ditandatangani oleh pimpinan unit kerja."


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM (getrusage's figure keeps the parent's peak
    across the fork and exec of a child)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def evidence_files(unit, by, count: int) -> list[EvidenceItem]:
    """`count` file items, each one version with generated content (a PDF or JPEG header over
    random bytes, as compressed documents and photos are: nothing for the ZIP to squeeze)."""
    rng = random.Random(22)
    items = []
    for n in range(count):
        size = int(10 ** rng.uniform(5, 6.3))  # 100 KB – 2 MB, log-uniform
        jpeg = n % 3 == 0
        head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" if jpeg else b"%PDF-1.7\n"
        content = head + rng.randbytes(size - len(head))
        extension = ".jpg" if jpeg else ".pdf"
        item = EvidenceItem.objects.create(unit=unit, title=f"Bukti {n + 1}", kind=Kind.FILE, created_by=by)
        name = default_storage.save(f"evidence/{unit.code}/bench-{n}{extension}", ContentFile(content))
        EvidenceVersion.objects.create(
            item=item, number=1, file=name, original_name=f"Bukti dukung {n + 1}{extension}",
            extension=extension, sha256="", size=size, mime="image/jpeg" if jpeg else "application/pdf",
        )  # fmt: skip
        items.append(item)
    return items


def filled_assessment(unit, by):
    """Every choice question answered by the unit and by the TPI (with a note); the evidence
    spread over them in turn."""
    assessment = assessment_create(unit=unit, year=2026, by=by)
    instrument = instrument_of(assessment)
    refs = [ref for ref, q in instrument.questions.items() if q.type in CHOICE_TYPES]
    first = {
        ref: "Ya" if instrument.questions[ref].type == "yn" else sorted(instrument.questions[ref].options)[0]
        for ref in refs
    }
    answers = Answer.objects.bulk_create(
        Answer(assessment=assessment, level=level, ref=ref, value=first[ref], note=note, answered_by=by)
        for level, note in ((Level.SELF, ""), (Level.TPI, NOTE))
        for ref in refs
    )
    own = [a for a in answers if a.level == Level.SELF]
    items = evidence_files(unit, by, FILES)
    through = Answer.evidence.through
    through.objects.bulk_create(
        through(answer_id=own[n % len(own)].pk, evidenceitem_id=item.pk) for n, item in enumerate(items)
    )
    rescore(assessment)
    return assessment, sum(v.size for v in EvidenceVersion.objects.all())


def build(job_id: int) -> None:
    """The worker's part, in a process of its own (as the worker is): its peak memory is the
    build's, not the set-up's."""
    job = ExportJob.objects.get(pk=job_id)
    before = peak_mb()
    started = time.perf_counter()
    export_make(job, lambda value: None)
    wall = time.perf_counter() - started
    job.save()
    print(
        f"package built in {wall:.1f} s (target ≤ {TARGET_S} s), {job.file.size / 2**20:.0f} MB; "
        f"peak memory of the building process {peak_mb():.0f} MB (before the build {before:.0f} MB)"
    )
    if wall > TARGET_S:
        raise SystemExit(1)


def main() -> None:
    unit = unit_create(code="BENCH", name="Unit benchmark", level=UnitLevel.PROVINCE)
    person = User.objects.create_user("koordinator", password="x")
    role_grant(user=person, unit=unit, role=Role.COORDINATOR)
    assessment, total = filled_assessment(unit, person)
    print(f"{FILES} evidence files, {total / 2**20:.0f} MB in all; load average {os.getloadavg()[0]:.1f}")
    job = export_request(kind="proposal.package", obj=assessment, fmt="zip", by=person)
    built = subprocess.run([sys.executable, __file__, "--build", str(job.pk)], check=False)
    job.refresh_from_db()
    started = time.perf_counter()
    verdict = package_verify(job.file.path)
    print(f"verified in {time.perf_counter() - started:.1f} s: {verdict.checked} files, ok={verdict.ok}")
    if Path(os.environ["ZONA_VAR_DIR"]).name.startswith("zona-bench-"):  # its own: 200 MB of files
        shutil.rmtree(os.environ["ZONA_VAR_DIR"], ignore_errors=True)
    if built.returncode or not verdict.ok:
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(int(sys.argv[2]))
    else:
        main()
