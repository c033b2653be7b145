"""Refreshes of the same units at once (after two commits, a page and the worker) take turns:
none fails on the other's new rows. PostgreSQL only: SQLite runs one writer at a time anyway."""

import threading

import pytest
from django.db import connection

from zona.rollups.models import UnitSummary
from zona.rollups.services import refresh


@pytest.mark.django_db(transaction=True)
def test_refreshes_of_the_same_units_at_once_take_turns(units):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself")
    ids = sorted(u.pk for u in units.values())
    start, errors = threading.Barrier(4), []

    def run():
        try:
            start.wait()
            for _ in range(3):
                refresh(ids)
        except Exception as exc:  # noqa: BLE001 - what the test counts
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and UnitSummary.objects.count() == len(ids)
