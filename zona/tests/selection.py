"""Which tests run on which database in `scripts/test` (`ZONA_TEST_RUN=first` or `second`).

`scripts/test` runs the suite twice, on SQLite (the first run) and on PostgreSQL (the second), so
that every test that can reach the database runs on both (browser tests aside, below) and every
test runs at least once:

- A test that reaches the database runs on both: it has the `django_db` mark or a fixture giving
  access (`db`, `transactional_db`, `live_server`, or one built on them), or its module opens the
  database itself (`django_db_blocker.unblock()`, in a module fixture), or it is marked `database`
  because a process it starts (a server, a command) reaches it.
- A test that cannot reach the database runs once, in the second run: pytest-django refuses any
  query from a test with neither the mark nor such a fixture, so it gives the same result on either
  database, and running it twice would check nothing more.
- A browser test (`browser` mark) runs in the first run, and in the second only when also marked
  `database`: its subject is the page in a real browser (its script, its markup, the flow through
  it), which the database does not change; the views and services it drives run on both databases
  through the other tests, by Django's test client. The whole cycle, from the self-assessment to the predicate
  (`zona/cycle/tests/test_browser_whole_cycle.py`), runs on both (marked `database`): the live
  server's requests on PostgreSQL, with its connection pool, once from end to end.

Without `ZONA_TEST_RUN` (`pytest` by hand), every test runs.
"""

from __future__ import annotations

from pathlib import Path

ACCESS = frozenset(
    {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
)
RUNS = ("first", "second")


def reaches_database(item) -> bool:
    if item.get_closest_marker("django_db") is not None or item.get_closest_marker("database") is not None:
        return True
    if ACCESS & set(getattr(item, "fixturenames", ())):
        return True
    return "django_db_blocker.unblock" in _source(Path(str(item.path)))


def runs_in(item, run: str) -> bool:
    """Whether the item runs in `run` (see above)."""
    if run == "first":
        return reaches_database(item) or item.get_closest_marker("browser") is not None
    if run == "second":
        return item.get_closest_marker("browser") is None or item.get_closest_marker("database") is not None
    raise ValueError(f"ZONA_TEST_RUN must be one of {', '.join(RUNS)}, not {run!r}")


_SOURCES: dict[Path, str] = {}


def _source(path: Path) -> str:
    if path not in _SOURCES:
        _SOURCES[path] = path.read_text(encoding="utf-8") if path.suffix == ".py" else ""
    return _SOURCES[path]


def select(items: list, run: str) -> tuple[list, list]:
    """The items that run in `run`, and the others (deselected), each item judged once."""
    kept, left = [], []
    for item in items:
        (kept if runs_in(item, run) else left).append(item)
    return kept, left
