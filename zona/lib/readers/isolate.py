"""A parse run in a child process with a memory limit and a wall-clock timeout, so that a file
that would take the server's memory or time costs the child only: it is stopped, and the file is
refused with a message. The child is forked (no start-up cost, nothing to import again), runs
the reader, and sends the result back pickled through a pipe; it touches no database and no file.

`ZONA_READ_ISOLATION=inline` runs the reader in the process itself (the bounds on rows, cells,
pages and unpacked sizes still hold; the memory and time budget do not): for systems without
fork."""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import limits as bounds

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_FAILED = 70  # the child could not even report (its memory ran out while answering)


@dataclass
class Run:
    """The last bounded read of this thread: wall-clock seconds and the child's peak memory above
    what it shared with its parent (MB); for the benchmark and the tests."""

    seconds: float = 0.0
    peak_mb: float = 0.0
    isolated: bool = False


last = threading.local()


def _memory(field: int) -> int:
    """Bytes of this process from /proc/self/statm (0: the size of its address space; 1: resident)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[field]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def bounded(reader: Callable[..., Any], data: bytes, kind: str, limits: bounds.Limits) -> Any:
    """`reader(data, limits)`, its result or ReadError; any other failure of the reader is a
    damaged file of this kind."""
    started = time.monotonic()
    if limits.isolation == "inline" or not hasattr(os, "fork"):
        try:
            return _outcome(_call(reader, data, limits), kind, limits)
        finally:
            last.run = Run(seconds=time.monotonic() - started)
    resident = _memory(1)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(reader, data, limits, read_end, write_end)
    os.close(write_end)
    payload, usage, status = _collect(pid, read_end, limits, started)
    last.run = Run(
        seconds=time.monotonic() - started,
        peak_mb=max(0.0, (usage.ru_maxrss * 1024 - resident) / bounds.MB) if usage else 0.0,
        isolated=True,
    )
    if payload is None:
        raise bounds.took_too_long(limits.seconds)
    if not payload:
        exited = os.WIFEXITED(status) and os.WEXITSTATUS(status) == _FAILED
        if exited or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
            raise bounds.needs_too_much_memory(limits.memory_mb)
        raise bounds.damaged(kind)
    return _outcome(pickle.loads(payload), kind, limits)  # noqa: S301 - our own child's answer


def _call(reader, data: bytes, limits: bounds.Limits) -> tuple[str, Any]:
    try:
        return "ok", reader(data, limits)
    except bounds.ReadError as exc:
        return "refused", str(exc)
    except MemoryError:
        return "memory", None
    except Exception as exc:  # a reader library raises many kinds for a damaged file
        return "damaged", exc.__class__.__name__


def _outcome(outcome: tuple[str, Any], kind: str, limits: bounds.Limits) -> Any:
    status, value = outcome
    if status == "ok":
        return value
    if status == "refused":
        raise bounds.ReadError(value)
    if status == "memory":
        raise bounds.needs_too_much_memory(limits.memory_mb)
    if kind in {"xlsx", "docx"}:
        raise bounds.ReadError(
            _("the %(kind)s file can't be opened: %(error)s") % {"kind": kind.upper(), "error": value}
        )
    raise bounds.damaged(kind)


def _child(reader, data: bytes, limits: bounds.Limits, read_end: int, write_end: int) -> None:
    code = 0
    try:
        os.close(read_end)
        budget = _memory(0) + limits.memory_mb * bounds.MB
        if budget > limits.memory_mb * bounds.MB:  # /proc was readable
            resource.setrlimit(resource.RLIMIT_AS, (budget, budget))
        payload = pickle.dumps(_call(reader, data, limits), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:  # noqa: BLE001 - nothing may escape the child
        code = _FAILED
    finally:
        os._exit(code)


def _collect(pid: int, read_end: int, limits: bounds.Limits, started: float):
    """(payload or None on timeout, the child's resource usage, its exit status)."""
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            remaining = started + limits.seconds - time.monotonic()
            if remaining <= 0:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            ready, _w, _x = select.select([read_end], [], [], remaining)
            if ready:
                chunk = os.read(read_end, 1024 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        _pid, status, usage = os.wait4(pid, 0)
    return (None if timed_out else b"".join(chunks)), usage, status
