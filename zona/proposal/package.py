"""The proposal package (paket usulan) the TPN asks for, as one ZIP built on disk: the LKE in its
spreadsheet layout, the TPI's evaluation report (DOCX and PDF), the drafted cover letter and
SPTJM, the evidence files arranged by LKE code, and `manifest.json` listing every other file with
its size and SHA-256 (`zona package verify` checks a package against it).

Evidence files are streamed from storage into the archive a megabyte at a time and hashed on the
way: the package is never held in memory. Evidence is laid out as units file it, one folder per
area and sub-area:

    Bukti dukung/1. Manajemen Perubahan/1.a Penyusunan Tim Kerja/A.I.1.i.a SK Tim Kerja.pdf
    Bukti dukung/1. Manajemen Perubahan/Reform 1.a Komitmen dalam Perubahan/A.II.1.i.a ….pdf
    Bukti dukung/B. Komponen Hasil/B.1.a Nilai Survei Persepsi Korupsi …/B.1.a ….pdf

Every path segment is made safe (no separators, no control characters, no leading dots, no
reserved device names), so no entry can leave the package's folder when unpacked; two files that
would share a name are numbered ("… (2).pdf")."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.evidence.exports import ExportRefused
from zona.evidence.models import EvidenceItem, EvidenceVersion
from zona.lib.render import TooManyPages
from zona.lib.text import safe_filename
from zona.lke.exporters import lke_xlsx
from zona.lke.instrument import Instrument, Node
from zona.lke.models import Answer, Assessment, Level
from zona.lke.services import instrument_of

from .exporters import letter_docx, letter_values, lhe_docx, lhe_pdf, lhe_report, predicate_of
from .models import ProposalDetails

MANIFEST = "manifest.json"
FORMAT = "zona-proposal-package"
CHUNK = 1024 * 1024
STORED = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", ".pptx", ".mp4"})
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
)


def safe_segment(text: str, limit: int = 80) -> str:
    """One folder or file name of the package: no separator, control or reserved character, no
    leading or trailing dot or space, not a device name, at most `limit` characters."""
    text = _SPACES.sub(" ", _UNSAFE.sub(" ", unicodedata.normalize("NFC", text or ""))).strip(" .")
    text = text[:limit].rstrip(" .")
    if text.split(".")[0].upper() in RESERVED:
        text = f"_{text}"
    return text or "_"


class Package:
    """The archive being written and its manifest's rows; names kept unique (case-insensitively)."""

    def __init__(self, handle):
        self.archive = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        self.files: list[dict] = []
        self.taken: set[str] = set()
        self.stamp = timezone.localtime().timetuple()[:6]

    def unique(self, folder: str, name: str) -> str:
        stem, dot, extension = name.rpartition(".")
        stem, extension = (stem, f".{extension}") if dot and stem else (name, "")
        path, number = f"{folder}/{name}" if folder else name, 1
        while path.lower() in self.taken or path == MANIFEST:
            number += 1
            path = f"{folder}/{stem} ({number}){extension}" if folder else f"{stem} ({number}){extension}"
        self.taken.add(path.lower())
        return path

    def _info(self, path: str, size: int, extension: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(path, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_STORED if extension in STORED else zipfile.ZIP_DEFLATED
        info.file_size = size
        return info

    def put(self, folder: str, name: str, content: bytes, **facts) -> None:
        path = self.unique(folder, name)
        self.archive.writestr(self._info(path, len(content), "." + name.rsplit(".", 1)[-1].lower()), content)
        digest = hashlib.sha256(content).hexdigest()
        self.files.append({"path": path, "size": len(content), "sha256": digest, **facts})

    def stream(self, folder: str, name: str, source, size: int, **facts) -> int:
        """Copy `source` into the archive a chunk at a time, hashing it; returns the bytes copied."""
        path = self.unique(folder, name)
        digest, copied = hashlib.sha256(), 0
        info = self._info(path, size, "." + name.rsplit(".", 1)[-1].lower())
        with self.archive.open(info, "w", force_zip64=size > 2**31) as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
                copied += len(chunk)
        self.files.append({"path": path, "size": copied, "sha256": digest.hexdigest(), **facts})
        return copied

    def close(self, manifest: dict) -> None:
        manifest["files"] = self.files
        text = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        self.archive.writestr(self._info(MANIFEST, len(text), ".json"), text)
        self.archive.close()


def evidence_folder(instrument: Instrument, group: Node) -> str:
    """The area's and the sub-area's folders of a sub-component, as units file evidence."""
    parent_ref = group.ref.rsplit(".", 1)[0]
    parent = instrument.nodes[parent_ref]
    if group.area is None:  # the Hasil component: its own folder, one sub-folder per item
        top = instrument.nodes[group.ref.split(".")[0]]
        return f"{safe_segment(f'{top.ref}. {top.name}')}/{safe_segment(f'{group.ref} {group.name}')}"
    pemenuhan = next((n for n in instrument.areas("I") if n.area == group.area), parent)
    letter = chr(ord("a") + parent.children.index(group)) if group in parent.children else "x"
    sub = f"{group.area}.{letter} {group.name}"
    if group.part == "II":
        sub = f"Reform {sub}"
    return f"{safe_segment(f'{group.area}. {pemenuhan.name}')}/{safe_segment(sub)}"


def _linked_answers(assessment: Assessment, person) -> tuple[dict[str, Answer], int]:
    """The self-assessment's answers with the evidence `person` may read (newest version first),
    and how many linked items were left out as restricted to other roles."""
    versions = Prefetch("versions", queryset=EvidenceVersion.objects.order_by("-number"))
    readable = EvidenceItem.objects.visible_to(person).prefetch_related(versions).order_by("pk")
    answers = Answer.objects.filter(assessment=assessment, level=Level.SELF).prefetch_related(
        Prefetch("evidence", queryset=readable)
    )
    linked = Answer.evidence.through.objects.filter(
        answer__assessment=assessment, answer__level=Level.SELF
    ).count()
    by_ref = {a.ref: a for a in answers}
    shown = sum(len(a.evidence.all()) for a in by_ref.values())
    return by_ref, linked - shown


def _documents(package: Package, assessment: Assessment, person, today: date, max_pages: int | None) -> None:
    code = safe_segment(assessment.unit.code)
    package.put("", f"LKE {code} {assessment.year}.xlsx", lke_xlsx(assessment), kind="lke")
    report = lhe_report(assessment, today, person)
    package.put("", f"LHE TPI {code} {assessment.year}.docx", lhe_docx(report), kind="lhe")
    try:
        pdf = lhe_pdf(report, max_pages=max_pages)
    except TooManyPages as exc:
        raise ExportRefused(
            _("The TPI's report would have %(pages)s pages as PDF; the limit is %(limit)s pages.")
            % {"pages": exc.pages, "limit": exc.limit}
        ) from exc
    package.put("", f"LHE TPI {code} {assessment.year}.pdf", pdf, kind="lhe")
    details = ProposalDetails.objects.filter(assessment=assessment).first()
    values = letter_values(assessment, details, today)
    package.put(
        "", f"Surat usulan {code} {assessment.year}.docx", letter_docx("cover_letter", values), kind="letter"
    )
    package.put("", f"SPTJM {code} {assessment.year}.docx", letter_docx("statement", values), kind="letter")


def package_build(
    assessment: Assessment,
    person,
    *,
    max_pages: int | None = None,
    on_progress: Callable[[int], None] = lambda value: None,
    today: date | None = None,
):
    """The package of `assessment` as `person` may see it, in a temporary file (returned open,
    rewound; it disappears when closed)."""
    today = today or timezone.localdate()
    handle = tempfile.TemporaryFile()
    package = Package(handle)
    _documents(package, assessment, person, today, max_pages)
    on_progress(20)
    answers, withheld = _linked_answers(assessment, person)
    links = _evidence(package, instrument_of(assessment), answers, on_progress)
    package.close(_manifest(assessment, links, withheld))
    handle.seek(0)
    return handle


def _evidence(
    package: Package, instrument: Instrument, answers: dict[str, Answer], on_progress
) -> list[dict]:
    """Stream each answer's evidence into its folder (progress from 20 to 95 by bytes); the links
    (addresses, no file) are returned for the manifest."""
    total = sum(
        v.size for a in answers.values() for item in a.evidence.all() for v in item.versions.all()[:1]
    )
    done, shown, links = 0, 20, []
    for group in instrument.groups():
        folder = f"{safe_segment(_('Evidence'))}/{evidence_folder(instrument, group)}"
        for question in group.questions:
            answer = answers.get(question.ref)
            for item in answer.evidence.all() if answer else ():
                current = next(iter(item.versions.all()), None)
                if current is None:
                    links.append({"ref": question.ref, "title": item.title, "url": item.url})
                    continue
                done += _copy(package, folder, question.ref, item, current)
                if (now := 20 + int(75 * done / total)) != shown:  # one update per percent
                    on_progress(shown := now)
    return links


def _copy(package: Package, folder: str, ref: str, item: EvidenceItem, version: EvidenceVersion) -> int:
    name = safe_filename(f"{ref} {version.download_name}", version.extension, limit=100)
    try:
        source = version.file.open("rb")
    except FileNotFoundError as exc:
        raise ExportRefused(
            _("The file of the evidence “%(title)s” (%(ref)s) is missing from storage: upload it again.")
            % {"title": item.title, "ref": ref}
        ) from exc
    with source:
        return package.stream(
            folder, safe_segment(name, 110), source, version.size,
            kind="evidence", ref=ref, evidence=item.pk, title=item.title,
        )  # fmt: skip


def _manifest(assessment: Assessment, links: list[dict], withheld: int) -> dict:
    return {
        "format": FORMAT,
        "version": 1,
        "unit": {"code": assessment.unit.code, "name": assessment.unit.name},
        "year": assessment.year,
        "predicate": predicate_of(assessment),
        "built_at": timezone.localtime().isoformat(timespec="seconds"),
        "links": links,
        "withheld_restricted": withheld,
    }
