"""Test databases copied from a migrated template instead of each one migrated from nothing.

Every pytest-xdist worker, on each database, creates its own test database; running all the
migrations into it cost about 13 s of CPU per worker on SQLite (2026-12-07, this 2-core machine).
The set-up (`scripts/setup --dev`) builds the templates by migrating, before a run (`build()`
below); otherwise the first process that needs one migrates as usual and keeps the result as a
template. The others, and later runs, copy the template: SQLite's online backup (into the
in-memory test database), PostgreSQL's `CREATE DATABASE … TEMPLATE`. The template is named by a hash
of every installed app's migration files, Django's version and the database engine: a changed or
new migration gives a new name, so it is built again by migrating. Only the `migrate` step is
replaced: the test database is still created, serialized and given its cache table by Django.

No migration reads a file other than itself (their RunPython steps read only the database); one
that did would have to add that file to migrations_key(). The migrations themselves are still run
and tested: by the process that builds the template, and by the tests that call a migration's
function (audit, complaints, gratification).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import sys
from pathlib import Path
from unittest import mock

import django
from django.apps import apps
from django.core import management
from django.db import connections

# Where SQLite templates are kept between runs (next to the compiled modules, in .venv).
STORE = Path(os.environ.get("ZONA_TEST_TEMPLATES", Path(sys.prefix) / "zona-test-templates"))


def migrations_key(vendor: str) -> str:
    """A hash of what decides the migrated schema and its rows: every migration file of every
    installed app (Django's and third parties' too), Django's version and the database engine."""
    digest = hashlib.sha256(f"{django.__version__} {vendor}".encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(name: str):
    STORE.mkdir(parents=True, exist_ok=True)
    with open(STORE / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite(connection, key: str, migrate) -> None:
    path = STORE / f"sqlite-{key}.sqlite3"
    with _file_lock(f"sqlite-{key}"):
        connection.ensure_connection()
        if path.exists():
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
                source.backup(connection.connection)
            return
        migrate()
        partial = path.with_suffix(f".{os.getpid()}.part")
        with contextlib.closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        partial.replace(path)


def _postgres(connection, key: str, migrate) -> None:
    template, name = f"zona_test_template_{key}", connection.settings_dict["NAME"]
    quote = connection.ops.quote_name
    # An advisory lock on the server: every worker (and every checkout) on it waits for the one
    # building the template.
    with connection._nodb_cursor() as lock:
        lock.execute("SELECT pg_advisory_lock(%s)", [int(key[:15], 16)])
        try:
            lock.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = lock.fetchone() is not None
            if not exists:
                migrate()
            connection.close()
            connection.close_pool()  # no session may be connected to a database being copied
            if exists:
                lock.execute(f"DROP DATABASE {quote(name)}")
                lock.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
            else:
                lock.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        finally:
            lock.execute("SELECT pg_advisory_unlock(%s)", [int(key[:15], 16)])


def end_other_sessions(connection) -> None:
    """A test database's sessions other than this process's pool: a thread's connection that was
    never handed back (the live server's, a concurrency test's) keeps its session open, and
    DROP DATABASE at the end of the run would wait 5 s for it and then fail, leaving the
    database behind. Ended, with this process's own, just before the database is dropped."""
    if connection.vendor != "postgresql":
        return
    connection.close()
    connection.close_pool()
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )


COPIERS = {"sqlite": _sqlite, "postgresql": _postgres}
_call_command = management.call_command


def _migrate_or_copy(name, *args, **options):
    if name != "migrate" or args or "database" not in options:
        return _call_command(name, *args, **options)
    connection = connections[options["database"]]
    copier = COPIERS.get(connection.vendor)
    if copier is None:
        return _call_command(name, *args, **options)
    copier(connection, migrations_key(connection.vendor), lambda: _call_command(name, *args, **options))
    return None


@contextlib.contextmanager
def from_template():
    """While active, creating a test database copies the migrated template (made if missing)."""
    with mock.patch.object(management, "call_command", _migrate_or_copy):
        yield


def build() -> str:
    """The configured database's template, built by migrating if missing (the set-up runs this
    before the suite, so a run starts by copying it): a test database made from it and dropped."""
    connection = connections["default"]
    creation = connection.creation
    name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_{name.rsplit('/', 1)[-1]}_template_build"
    with from_template():
        creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    creation.destroy_test_db(name, verbosity=0)
    return f"{connection.vendor} {migrations_key(connection.vendor)}"


if __name__ == "__main__":  # `python -m zona.tests.dbtemplate`, with the test settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    django.setup()
    print(f"Test database template ready: {build()}")
