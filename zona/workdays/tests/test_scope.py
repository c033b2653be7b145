"""The calendar's overrides read once per scope (each request is one), and every change to them,
by any path, seen by the next deadline computed: in the same scope, in the same request, in the
next request and in another thread (with its own database connection, as another process)."""

import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from zona.workdays.calendar import DAY_OFF, WORKING_DAY
from zona.workdays.models import CalendarOverride
from zona.workdays.services import add_working_days, calendar_scope, override_remove, override_set

RECEIVED = date(2023, 5, 11)  # 10 working days: 26 May (18 May is Kenaikan Yesus Kristus)
BEFORE, WITH_19_OFF = date(2023, 5, 26), date(2023, 5, 29)


def reads(queries) -> int:
    """How many of the captured queries read the calendar's overrides."""
    return sum("workdays_calendaroverride" in q["sql"] and q["sql"].startswith("SELECT") for q in queries)


def deadline() -> date:
    return add_working_days(RECEIVED, 10)


@pytest.mark.django_db
def test_a_scope_reads_the_overrides_once_and_outside_one_every_time():
    with CaptureQueriesContext(connection) as outside:
        assert [deadline() for _ in range(5)] == [BEFORE] * 5
    with CaptureQueriesContext(connection) as inside, calendar_scope():
        assert [deadline() for _ in range(5)] == [BEFORE] * 5
        with calendar_scope():  # a scope inside a scope is the same one
            assert deadline() == BEFORE
    assert (reads(outside), reads(inside)) == (5, 1)


def _day_off_by_service(by):
    override_set(day=date(2023, 5, 19), kind=DAY_OFF, reason="Cuti bersama daerah", by=by)


def _day_off_by_save(by):
    CalendarOverride(date=date(2023, 5, 19), kind=DAY_OFF, reason="Keppres").save()


def _day_off_by_bulk_create(by):
    CalendarOverride.objects.bulk_create(
        [CalendarOverride(date=date(2023, 5, 19), kind=DAY_OFF, reason="Impor")]
    )


def _day_off_by_update(by):
    CalendarOverride.objects.filter(date=date(2023, 5, 19)).update(kind=DAY_OFF)


def _day_off_by_bulk_update(by):
    override = CalendarOverride.objects.get(date=date(2023, 5, 19))
    override.kind = DAY_OFF
    CalendarOverride.objects.bulk_update([override], ["kind"])


def _day_off_by_loaddata(by, tmp_path):
    fixture = tmp_path / "overrides.json"
    fixture.write_text(
        '[{"model": "workdays.calendaroverride", "pk": 900, "fields": {"date": "2023-05-19", '
        '"kind": "day_off", "reason": "Dimuat", "created_at": "2023-01-01T00:00:00Z"}}]'
    )
    call_command("loaddata", str(fixture), verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        _day_off_by_service,
        _day_off_by_save,
        _day_off_by_bulk_create,
        _day_off_by_update,
        _day_off_by_bulk_update,
        _day_off_by_loaddata,
    ],
)
def test_a_day_off_added_by_any_path_moves_the_next_deadline_in_the_same_scope(change, cast, tmp_path):
    if change in (_day_off_by_update, _day_off_by_bulk_update):  # a working day turned into a day off
        CalendarOverride.objects.create(date=date(2023, 5, 19), kind=WORKING_DAY, reason="Masuk")
    args = (cast["admin"], tmp_path) if change is _day_off_by_loaddata else (cast["admin"],)
    with calendar_scope():
        assert deadline() == BEFORE
        with calendar_scope():
            assert deadline() == BEFORE
            change(*args)
            assert deadline() == WITH_19_OFF
        assert deadline() == WITH_19_OFF  # the outer scope read before the change: it reads again


@pytest.mark.django_db
@pytest.mark.parametrize("remove", ["service", "instance", "queryset"])
def test_a_day_off_removed_by_any_path_moves_the_next_deadline_in_the_same_scope(remove, cast):
    override = override_set(
        day=date(2023, 5, 19), kind=DAY_OFF, reason="Cuti bersama daerah", by=cast["admin"]
    )
    with calendar_scope():
        assert deadline() == WITH_19_OFF
        if remove == "service":
            override_remove(override=override, by=cast["admin"])
        elif remove == "instance":
            override.delete()
        else:
            CalendarOverride.objects.all().delete()
        assert deadline() == BEFORE


@pytest.mark.django_db
def test_a_change_rolled_back_is_not_remembered(cast):
    with calendar_scope():
        assert deadline() == BEFORE
        with pytest.raises(RuntimeError), transaction.atomic():
            _day_off_by_service(cast["admin"])
            assert deadline() == WITH_19_OFF
            raise RuntimeError
        assert deadline() == BEFORE


def _in_thread(work):
    """`work` started in another thread, which has its own database connection as another
    process has: a function that waits for it and gives its result (or raises its exception)."""
    out = {}

    def run():
        try:
            out["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()

    def result():
        thread.join(30)
        if "error" in out:
            raise out["error"]
        return out["value"]

    return result


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_by_another_connection_is_seen_by_the_next_scope(cast):
    with calendar_scope():
        assert deadline() == BEFORE
        _in_thread(lambda: _day_off_by_service(None))()  # another connection commits a day off
    with calendar_scope():  # the next request
        assert deadline() == WITH_19_OFF
    assert deadline() == WITH_19_OFF  # and outside a scope


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_here_is_seen_by_the_next_scope_of_another_thread(cast):
    read, changed = threading.Event(), threading.Event()

    def two_requests():
        with calendar_scope():
            first = deadline()
        read.set()
        assert changed.wait(30)
        with calendar_scope():
            return first, deadline()

    result = _in_thread(two_requests)
    assert read.wait(30)
    _day_off_by_service(cast["admin"])
    changed.set()
    assert result() == (BEFORE, WITH_19_OFF)
