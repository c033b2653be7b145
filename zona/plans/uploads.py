"""The uploaded plan file waiting between the web import's steps (upload → mapping and preview →
save). Only the file waits, never the plan parsed from it: each step reads the file again.

The file is kept in the project's private storage (the media directory or the bucket, which are
never served directly), in its uploader's own folder, with what the upload form said beside it
(the unit, the year, whether to replace, the file's name). The session holds only the file's
key and the chosen column mapping. A key is looked up in the signed-in user's folder only, so a
key taken from another user finds nothing. A file expires a day after its upload: expired files
are refused, and deleted by `zona plan_uploads_clean` and the daily job.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

PENDING = "imports/pending"
LIFETIME = timedelta(days=1)
_KEY = re.compile(r"^[0-9a-f]{32}$")
# What a scanned PDF's OCR keeps beside the upload: its progress, and what it read.
BESIDE = ("scan-state", "scan")


@dataclass(frozen=True)
class Upload:
    key: str
    filename: str
    unit: int
    year: int | None
    replace: bool
    path: str  # the file itself, in its uploader's folder
    owner: int = 0  # the uploader's id

    def data(self) -> bytes:
        with default_storage.open(self.path, "rb") as handle:
            return handle.read()


def _path(user, key: str, kind: str) -> str:
    """`user`: the uploader, or their id (the background worker has only the id)."""
    return f"{PENDING}/{int(getattr(user, 'pk', user))}/{key}.{kind}"


def upload_keep(user, data: bytes, *, filename: str, unit: int, year: int | None, replace: bool) -> str:
    """Keep an uploaded file for `user`; its key."""
    key = uuid.uuid4().hex
    facts = {"filename": filename[:255], "unit": unit, "year": year, "replace": bool(replace)}
    default_storage.save(_path(user, key, "upload"), ContentFile(data))
    default_storage.save(_path(user, key, "json"), ContentFile(json.dumps(facts).encode()))
    return key


def upload_find(user, key: str | None, *, now: datetime | None = None) -> Upload | None:
    """The user's kept file under `key`; None when there is none (another user's key, a made-up
    one, one already used) or it has expired."""
    if not key or not _KEY.match(key) or not getattr(user, "pk", None):
        return None
    facts_path = _path(user, key, "json")
    try:
        if _expired(facts_path, now or timezone.now()):
            return None
        with default_storage.open(facts_path, "rb") as handle:
            facts = json.loads(handle.read())
    except (OSError, ValueError):  # missing, unreadable or not ours
        return None
    path = _path(user, key, "upload")
    if not default_storage.exists(path):
        return None
    return Upload(
        key=key,
        filename=str(facts["filename"]),
        unit=int(facts["unit"]),
        year=facts["year"],
        replace=bool(facts["replace"]),
        path=path,
        owner=int(user.pk),
    )


def upload_forget(user, key: str | None) -> None:
    if key and _KEY.match(key) and getattr(user, "pk", None):
        for kind in ("upload", "json", *BESIDE):
            default_storage.delete(_path(user, key, kind))


def beside_write(user, key: str, kind: str, facts: dict) -> None:
    """Write (or replace) a JSON file kept beside the upload (`kind` one of BESIDE)."""
    path = _path(user, key, kind)
    default_storage.delete(path)
    default_storage.save(path, ContentFile(json.dumps(facts, ensure_ascii=False).encode()))


def beside_read(user, key: str, kind: str) -> dict | None:
    """A JSON file kept beside the user's upload; None when there is none (or it is being
    replaced at this moment)."""
    if not key or not _KEY.match(key):
        return None
    try:
        with default_storage.open(_path(user, key, kind), "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def uploads_clean(*, now: datetime | None = None) -> int:
    """Delete every kept file older than its lifetime (imports never confirmed); how many
    files went."""
    now = now or timezone.now()
    removed = 0
    for path in _kept():
        try:
            if _expired(path, now):
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed


def _kept() -> list[str]:
    """Every file in the pending folder: the users' folders, and any file left at its top."""
    try:
        folders, paths = default_storage.listdir(PENDING)
    except (FileNotFoundError, NotImplementedError):
        return []
    found = [f"{PENDING}/{name}" for name in paths]
    for folder in folders:
        try:
            _dirs, names = default_storage.listdir(f"{PENDING}/{folder}")
        except (FileNotFoundError, NotImplementedError):
            continue
        found += [f"{PENDING}/{folder}/{name}" for name in names]
    return found


def _expired(path: str, now: datetime) -> bool:
    return default_storage.get_modified_time(path) < now - LIFETIME
