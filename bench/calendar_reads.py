"""A pytest plugin that counts the reads of the working-day calendar's overrides (the SELECTs on
`workdays_calendaroverride`) over a test run, inside web requests (the test client's and the live
server's) and outside them, and the requests that read them more than once. Works with
pytest-xdist (each worker counts, the controller adds up). Not part of the suite:

    PYTHONPATH=bench .venv/bin/pytest -p calendar_reads -p no:cacheprovider -n 2 \\
        --hypothesis-seed=0 zona/complaints zona/ppid zona/workdays -q
"""

from __future__ import annotations

import collections
import contextvars

from django.core.handlers import base
from django.db.backends import utils

TABLE = "workdays_calendaroverride"
reads: collections.Counter = collections.Counter()  # "in a request" / "outside a request"
repeated: collections.Counter = collections.Counter()  # view name → most reads in one request
_request: contextvars.ContextVar[dict | None] = contextvars.ContextVar("calendar_reads", default=None)
_execute = utils.CursorWrapper._execute
_get_response = base.BaseHandler.get_response


def _counting_execute(self, sql, params, *rest):
    if isinstance(sql, str) and TABLE in sql and sql.lstrip().upper().startswith("SELECT"):
        box = _request.get()
        reads["in a request" if box is not None else "outside a request"] += 1
        if box is not None:
            box["reads"] += 1
    return _execute(self, sql, params, *rest)


def _counting_get_response(self, request):
    box = {"reads": 0}
    token = _request.set(box)
    try:
        return _get_response(self, request)
    finally:
        _request.reset(token)
        if box["reads"] > 1:
            match = request.resolver_match
            name = f"{request.method} {match.view_name if match else request.path}"
            repeated[name] = max(repeated[name], box["reads"])


utils.CursorWrapper._execute = _counting_execute
base.BaseHandler.get_response = _counting_get_response


def pytest_sessionfinish(session):
    out = getattr(session.config, "workeroutput", None)
    if out is not None:  # an xdist worker: hand the counts to the controller
        out["calendar_reads"] = (dict(reads), dict(repeated))


def pytest_testnodedown(node, error):
    got, again = node.workeroutput.get("calendar_reads", ({}, {}))
    reads.update(got)
    for name, n in again.items():
        repeated[name] = max(repeated[name], n)


def pytest_terminal_summary(terminalreporter):
    write = terminalreporter.write_line
    write(
        f"calendar reads: {sum(reads.values())} ({', '.join(f'{k} {v}' for k, v in sorted(reads.items()))})"
    )
    write(f"requests that read the calendar more than once: {len(repeated)}")
    for name, n in repeated.most_common():
        write(f"  {n} reads: {name}")
