"""Which tests use the database, for the run on the second database.

`scripts/test` runs the whole suite on SQLite, then on PostgreSQL the tests whose outcome can
depend on the database (`ZONA_TEST_DATABASE_ONLY=1`). A test without database access cannot
reach it: pytest-django refuses any query from a test that has neither the `django_db` mark nor a
fixture giving access (`db`, `transactional_db`, `live_server`, or one built on them) — so such a
test gives the same result on either database, and running it twice checks nothing more. Kept
besides: a test whose module opens the database itself (`django_db_blocker.unblock()`, in a
module fixture), and a test marked `database`, which reaches it from a process it starts (a
server, a command).

Browser tests (`browser` mark) run on the first database only, unless also marked `database`:
their subject is the page in a real browser (its script, its markup, the flow through it), which
the database does not change; the views and services they drive are called on both databases by
the other tests, through Django's test client. They were a third of the second run's time. The
whole cycle, from the self-assessment to the predicate, stays on both (marked `database`): the
live server's requests on PostgreSQL, with its connection pool, once from end to end.
"""

from __future__ import annotations

from pathlib import Path

ACCESS = frozenset(
    {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def uses_database(item) -> bool:
    """Whether the item runs on the second database (see above)."""
    if item.get_closest_marker("database") is not None:
        return True
    if item.get_closest_marker("browser") is not None:
        return False
    if item.get_closest_marker("django_db") is not None:
        return True
    if ACCESS & set(getattr(item, "fixturenames", ())):
        return True
    return "django_db_blocker.unblock" in _source(Path(str(item.path)))


_SOURCES: dict[Path, str] = {}


def _source(path: Path) -> str:
    if path not in _SOURCES:
        _SOURCES[path] = path.read_text(encoding="utf-8") if path.suffix == ".py" else ""
    return _SOURCES[path]


def database_only(items: list) -> tuple[list, list]:
    """The items that use the database, and the others (deselected), each item judged once."""
    kept, left = [], []
    for item in items:
        (kept if uses_database(item) else left).append(item)
    return kept, left
