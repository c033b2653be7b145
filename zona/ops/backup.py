"""Backup and restore of a whole instance: the database as Django's portable JSON (natural keys,
so it loads into an empty instance on SQLite or PostgreSQL) and every stored file, with a
manifest of the record counts per model and the SHA-256 of each file; the restore checks both.

A backup holds everything (password hashes, sealed WBS reports, personal data): keep it
encrypted and as guarded as the server."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from zona.lib.errors import RuleError

# Tables Django fills itself on migrate, or that hold nothing worth restoring.
SKIPPED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
FORMAT = 1


class BackupError(RuleError):
    """The backup can't be restored here; the message says why."""


def _models():
    skipped = set(SKIPPED)
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in skipped or meta.label_lower in skipped or not meta.managed or meta.proxy:
            continue
        yield model


def counts() -> dict[str, int]:
    return {m._meta.label_lower: m._default_manager.count() for m in _models()}


def _walk(path: str = ""):
    directories, files = default_storage.listdir(path)
    for name in files:
        yield f"{path}/{name}" if path else name
    for directory in directories:
        yield from _walk(f"{path}/{directory}" if path else directory)


def stored_files() -> list[str]:
    try:
        return sorted(_walk())
    except FileNotFoundError:
        return []


def _sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_write(target: Path) -> dict:
    """Write the backup archive; returns its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data.json"
        call_command(
            "dumpdata", *[m._meta.label_lower for m in _models()], natural_foreign=True, natural_primary=True,
            output=str(data), verbosity=0,
        )  # fmt: skip
        files = stored_files()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "counts": counts(),
            "files": {name: _sha256(name) for name in files},
        }
        with tarfile.open(target, "w:gz") as archive:
            archive.add(data, arcname="data.json")
            raw = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
            for name in files:
                with default_storage.open(name, "rb") as handle:
                    info = tarfile.TarInfo(f"files/{name}")
                    info.size = default_storage.size(name)
                    archive.addfile(info, handle)
    return manifest


def restore(source: Path, *, force: bool = False) -> dict:
    """Load a backup into this (migrated, empty) instance and check it against its manifest.
    Returns {"counts": …, "files": n}; BackupError names every difference."""
    if not force and any(counts().values()):
        raise BackupError("this instance holds data: restore into an empty one (or pass --force)")
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')}")
        data = Path(scratch) / "data.json"
        data.write_bytes(archive.extractfile("data.json").read())
        from auditlog.context import disable_auditlog

        with transaction.atomic(), disable_auditlog():  # restoring records no new history
            call_command("loaddata", str(data), verbosity=0)
        for name in manifest["files"]:
            member = archive.extractfile(f"files/{name}")
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(member.read()))
            if saved != name:
                raise BackupError(f"the file {name} was stored as {saved}")
    restored = counts()  # once: one query per model, not one per model for each model
    problems = [
        f"{label}: {expected} in the backup, {found} restored"
        for label, expected in manifest["counts"].items()
        if (found := restored.get(label, 0)) != expected
    ]
    problems += [
        f"{name}: the content differs"
        for name, digest in manifest["files"].items()
        if _sha256(name) != digest
    ]
    if problems:
        raise BackupError("; ".join(problems))
    return {"counts": manifest["counts"], "files": len(manifest["files"])}
