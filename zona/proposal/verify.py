"""Checking a proposal package against its manifest: every file listed is there with the same
size and SHA-256, and nothing else is. No database: the TPN or the unit can run it anywhere."""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .package import CHUNK, MANIFEST


@dataclass
class Verdict:
    checked: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    problem: str = ""  # the package cannot be read at all, or has no usable manifest

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.problem)


def _digest(archive: zipfile.ZipFile, name: str) -> tuple[int, str] | None:
    """The size and SHA-256 of a member, or None when it cannot be read back (a damaged entry)."""
    digest, size = hashlib.sha256(), 0
    try:
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    return size, digest.hexdigest()


MANIFEST_LIMIT = 50 * 1024 * 1024  # a manifest of 300 files is under 100 KB: anything this big is not one


def _listed(archive: zipfile.ZipFile) -> dict[str, dict]:
    if archive.getinfo(MANIFEST).file_size > MANIFEST_LIMIT:
        raise ValueError(f"{MANIFEST} > {MANIFEST_LIMIT // 2**20} MB")
    manifest = json.loads(archive.read(MANIFEST))
    return {str(f["path"]): f for f in manifest["files"]}


def package_verify(path) -> Verdict:
    verdict = Verdict()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        verdict.problem = _("Not a readable ZIP file: %(error)s") % {"error": exc}
        return verdict
    with archive:
        try:
            listed = _listed(archive)
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
            verdict.problem = _("The package has no readable %(manifest)s: %(error)s") % {
                "manifest": MANIFEST,
                "error": exc,
            }
            return verdict
        present = [i.filename for i in archive.infolist() if not i.is_dir() and i.filename != MANIFEST]
        twice = sorted({name for name in present if present.count(name) > 1})
        verdict.extra = sorted(set(present) - set(listed)) + twice
        verdict.missing = sorted(set(listed) - set(present))
        for name in sorted(set(listed) & set(present)):
            found = _digest(archive, name)
            expected = listed[name]
            if found is None or found != (int(expected.get("size", -1)), str(expected.get("sha256", ""))):
                verdict.changed.append(name)
            verdict.checked += 1
    return verdict
