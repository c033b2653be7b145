"""A transactional test's database emptied by DELETE instead of Django's flush.

After each test that commits (the browser tests' live server, `transaction=True`), Django's
TransactionTestCase flushes every table and sends post_migrate, which writes the content types and
permissions back. On PostgreSQL the flush is one TRUNCATE of every table: 2.3–6 s per test on this
2-core machine (2026-12-07), for tables holding a few rows; the post_migrate that follows costs
0.1–0.7 s more on either database. Here the same tables are emptied with DELETE in one transaction
(the foreign keys are deferred to its end), except the two that post_migrate would only fill again
— content types and permissions, which no test changes — so post_migrate is not sent. What each test
starts from is the same: every other table empty, sequences not reset (Django's default).

A test that asks for `available_apps` or `serialized_rollback` keeps Django's flush.
"""

from __future__ import annotations

from django.db import connections, transaction
from django.test import TransactionTestCase

# What post_migrate writes back after a flush (django.contrib.contenttypes and auth's receivers,
# the only ones connected): kept instead of deleted and written again.
KEPT = frozenset({"django_content_type", "auth_permission"})

_django_teardown = TransactionTestCase._fixture_teardown


def empty_tables(db_name: str) -> None:
    connection = connections[db_name]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    deletes = [f"DELETE FROM {connection.ops.quote_name(table)}" for table in sorted(set(tables) - KEPT)]  # noqa: S608 - table names from Django, quoted
    with transaction.atomic(using=db_name), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # one round trip for all of them (some 200 tables: 60 ms a test the one-by-one way)
            cursor.execute("; ".join(["SET CONSTRAINTS ALL DEFERRED", *deletes]))
        else:  # SQLite runs one statement an execute, in-process
            for delete in deletes:
                cursor.execute(delete)


def _fixture_teardown(self: TransactionTestCase) -> None:
    if self.available_apps is not None or self.serialized_rollback:
        return _django_teardown(self)
    for db_name in self._databases_names(include_mirrors=False):
        empty_tables(db_name)
    return None


def install() -> None:
    TransactionTestCase._fixture_teardown = _fixture_teardown
