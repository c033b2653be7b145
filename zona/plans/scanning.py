"""A scanned plan PDF read by OCR in the background worker, between the web import's upload and
its preview: the worker reads the kept upload page by page (zona.lib.readers.read_scan) and keeps,
beside it, its progress (pages read of all) and then what it read; the preview and the save read
the plan from that, never by OCR again.

    scan_queue(user, key)         # the job queued (Huey; run at once in tests)
    scan_state(user, key)         # {"status": running|done|failed, "done", "total", "percent", "error"}
    scan_content(user, key)       # the Content OCR read, once done (None before)
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zona.lib.readers import Content, ReadError, Table, read_scan

from .uploads import beside_read, beside_write, upload_find

RUNNING, DONE, FAILED = "running", "done", "failed"


def scan_queue(user, key: str) -> None:
    from . import tasks

    beside_write(user, key, "scan-state", {"status": RUNNING, "done": 0, "total": 0, "error": ""})
    tasks.plan_upload_scan(int(user.pk), key)


def scan_state(user, key: str) -> dict:
    state = beside_read(user, key, "scan-state") or {"status": RUNNING, "done": 0, "total": 0, "error": ""}
    total = state.get("total") or 0
    state["percent"] = (
        100 if state["status"] == DONE else (100 * state.get("done", 0) // total if total else 0)
    )
    return state


def scan_run(user_id: int, key: str) -> None:
    """Read the user's kept upload by OCR (the worker's part); a failure is kept as the state's
    error, in the user's words."""
    user = _Uploader(user_id)
    upload = upload_find(user, key)
    if upload is None:
        return  # gone (cancelled, expired): nothing to read

    def progress(done: int, total: int) -> None:
        beside_write(user, key, "scan-state", {"status": RUNNING, "done": done, "total": total, "error": ""})

    try:
        content = read_scan(upload.data(), progress)
    except ReadError as exc:
        beside_write(user, key, "scan-state", {"status": FAILED, "done": 0, "total": 0, "error": str(exc)})
        return
    except Exception:
        error = _("the scan could not be read by OCR: try again, or upload the original DOCX or XLSX")
        beside_write(user, key, "scan-state", {"status": FAILED, "done": 0, "total": 0, "error": error})
        raise
    beside_write(user, key, "scan", _encode(content))
    total = len(content.tables)
    beside_write(user, key, "scan-state", {"status": DONE, "done": total, "total": total, "error": ""})


def scan_content(user, key: str) -> Content | None:
    data = beside_read(user, key, "scan")
    if not data:
        return None
    tables = [
        Table(
            rows=t["rows"],
            page=t["page"],
            number=t["number"],
            doubtful=[tuple(d) for d in t["doubtful"]],
        )
        for t in data["tables"]
    ]
    return Content(kind="pdf", tables=tables, text=data["text"], has_text=True, scanned=True)


def _encode(content: Content) -> dict:
    return {
        "tables": [
            {"rows": t.rows, "page": t.page, "number": t.number, "doubtful": [list(d) for d in t.doubtful]}
            for t in content.tables
        ],
        "text": content.text,
    }


class _Uploader:
    """The uploader as the worker knows them: by id (their folder of kept files)."""

    def __init__(self, pk: int):
        self.pk = pk
