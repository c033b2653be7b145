"""The standard cast for every test: units in a small tree and people holding roles on them.

RI (national) → SUMSEL (province) → SUMSEL-PALEMBANG, SUMSEL-LAHAT (cities/regencies);
RI → JAMBI (another province). The seed decree's plan belongs to SUMSEL.
"""

import functools
import gc
import pickle
from contextlib import contextmanager
from pathlib import Path

import pytest
from auditlog.context import disable_auditlog
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from zona.accounts.models import User
from zona.orgs.models import Level, Role, Unit
from zona.orgs.services import role_grant, unit_create
from zona.tests.rows_again import made_once

# Property tests check results, not speed (bench/ measures it): no per-example deadline and no
# "too slow" health check, which fail at random when parallel workers share busy cores. The
# numbers of examples stay as each test sets them.
hypothesis_settings.register_profile("zona", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("zona")

# The cyclic garbage collector less often: a test process keeps Django, its apps and the collected
# tests alive (some million objects) and the default thresholds walked them all again and again, 8%
# of a test file's time; a young collection every 10,000 allocations and the oldest one rarely
# brought that to 3% (measured with gc.callbacks on zona/lke and zona/monev, 2026-12-07) at the
# same peak memory. What exists once the tests are collected is frozen out of the collections.
gc.set_threshold(10_000, 50, 100)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()


SEED = Path(__file__).parent / "zona" / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"
PASSWORD = "correct-horse-battery"


# For property tests that read many generated files: each read in-process instead of in a forked
# child (the fork is 9/10 of such an example's cost); the same reader, the same bounds on rows,
# cells, pages and unpacked sizes. The child's own budget (memory, time) is what the hostile-file
# corpus and the isolation tests in zona/lib/tests/test_readers.py check.
reads_inline = override_settings(ZONA_READ_ISOLATION="inline")


# Files whose tests take longest (a demo world built, a live server, a child process, OCR, many
# generated examples), measured with `--durations` on 2026-12-07; with the browser tests, they run
# first (one of them started last kept a worker busy 15 s after the other had finished).
LONG_FIRST = (
    "zona/api/tests/test_fuzz.py",
    "zona/demo/tests/test_demo.py",
    "zona/evidence/tests/test_exports.py",
    "zona/lib/tests/test_ocr.py",
    "zona/lke/tests/test_provenance_gaps.py",
    "zona/monev/tests/test_one_status_property.py",
    "zona/ops/tests/test_backup.py",
    "zona/ops/tests/test_trust.py",
    "zona/plans/tests/test_import_scan.py",
    "zona/rollups/tests/test_property.py",
    "zona/tests/test_menu.py",
)


def pytest_collection_modifyitems(config, items):
    """The longest tests first, the others in their files' order: with `--dist worksteal` a worker
    that runs out takes short tests from the other's end, so the run does not end waiting for one
    long test that started last. With ZONA_TEST_RUN=first or second (scripts/test's runs on SQLite
    and on PostgreSQL), only that run's tests (zona/tests/selection.py)."""
    import os

    from zona.tests.selection import select

    def long(item) -> bool:
        return item.get_closest_marker("browser") is not None or item.nodeid.startswith(LONG_FIRST)

    if run := os.environ.get("ZONA_TEST_RUN"):
        items[:], left = select(items, run)
        config.hook.pytest_deselected(items=left)
    items.sort(key=lambda item: not long(item))


@pytest.fixture(scope="session")
def _databases_from_template():
    from zona.tests.dbtemplate import from_template

    with from_template():
        yield


@pytest.fixture(scope="session")
def django_db_setup(_databases_from_template, django_db_setup, django_db_blocker):
    """pytest-django's, with each test database copied from a migrated template (dbtemplate.py)
    and emptied after a transactional test by DELETE instead of a flush (emptying.py); at the end,
    sessions a test left open on it are ended so that it can be dropped at once."""
    from django.db import connection

    from zona.tests.dbtemplate import end_other_sessions
    from zona.tests.emptying import install

    install()
    yield django_db_setup
    with django_db_blocker.unblock():
        end_other_sessions(connection)


@pytest.fixture(autouse=True)
def _trail(request):
    """The audit trail is written only where a test reads it: the tests under zona/audit/ and those
    marked `trail`. Elsewhere its receivers (a diff of every field on every save, half the cost of
    making the cast) are off for the test's own thread; what it checks is the trail's own tests'."""
    if request.node.get_closest_marker("trail") or request.node.nodeid.startswith("zona/audit/"):
        yield
    else:
        with disable_auditlog():
            yield


@pytest.fixture
def units(db) -> dict[str, Unit]:
    return made_once("units", _units)


def _units() -> dict[str, Unit]:
    ri = unit_create(code="RI", name="KPU RI", level=Level.NATIONAL)
    sumsel = unit_create(code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=Level.PROVINCE, parent=ri)
    jambi = unit_create(code="JAMBI", name="KPU Provinsi Jambi", level=Level.PROVINCE, parent=ri)
    plg = unit_create(code="SUMSEL-PALEMBANG", name="KPU Kota Palembang", level=Level.REGENCY, parent=sumsel)
    lahat = unit_create(code="SUMSEL-LAHAT", name="KPU Kabupaten Lahat", level=Level.REGENCY, parent=sumsel)
    return {"RI": ri, "SUMSEL": sumsel, "JAMBI": jambi, "PALEMBANG": plg, "LAHAT": lahat}


def make_user(
    username: str, unit: Unit | None = None, role: str | None = None, descendants: bool = False
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    if unit is not None and role is not None:
        role_grant(user=user, unit=unit, role=role, include_descendants=descendants)
    return user


@pytest.fixture
def cast(units) -> dict[str, User]:
    """Who is who: keys name the relation to SUMSEL, the unit that owns the seed plan."""
    return made_once("cast", lambda: _cast(units))


def _cast(units) -> dict[str, User]:
    return {
        "coordinator": make_user("koordinator", units["SUMSEL"], Role.COORDINATOR),
        "admin": make_user("admin_unit", units["SUMSEL"], Role.ADMIN),
        "pic": make_user("pic", units["SUMSEL"], Role.PIC),
        "area_coordinator": make_user("koor_area", units["SUMSEL"], Role.AREA_COORDINATOR),
        "reviewer": make_user("tpi", units["SUMSEL"], Role.REVIEWER, descendants=True),
        "viewer": make_user("pemantau", units["SUMSEL"], Role.VIEWER),
        "national": make_user("pimpinan", units["RI"], Role.VIEWER, descendants=True),
        "child": make_user("palembang", units["PALEMBANG"], Role.COORDINATOR),
        "outsider": make_user("jambi", units["JAMBI"], Role.COORDINATOR, descendants=True),
        "no_role": make_user("tanpa_peran"),
    }


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@functools.cache
def _seed_read() -> bytes:
    """The seed decree as the plan reader reads it, once per process (26 ms a read): each test
    gets its own copy of the result."""
    from zona.plans.importers import read_plan

    return pickle.dumps(read_plan(SEED.read_bytes(), SEED.name))


@pytest.fixture
def seed_plan(units, cast):
    from zona.plans.services import plan_import

    return plan_import(
        parsed=pickle.loads(_seed_read()),  # noqa: S301 - our own pickle, made just above
        unit=units["SUMSEL"],
        by=cast["coordinator"],
        source_name=SEED.name,
    )


BROWSERS = ["chromium-headless-shell", "chromium"]


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright (never `playwright install`): its headless shell
    (`chromium-headless-shell`, the same Blink without the full browser around it, what Playwright
    itself runs headless) when installed, else `chromium`; ZONA_TEST_BROWSER names another. The
    shell ran four browser test files in 64 s against 103 s for `chromium` (2026-12-07)."""
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    names = [os.environ["ZONA_TEST_BROWSER"]] if os.environ.get("ZONA_TEST_BROWSER") else BROWSERS
    executable = next(filter(None, map(shutil.which, names)), None)
    if executable is None:
        pytest.fail(f"{' or '.join(names)} is not installed: run `bash scripts/setup --dev`")
    # Playwright's sync API runs an event loop in this thread; the ORM calls in tests are fine.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


# How long a browser step may wait (ms): generous, as the suite's workers share the cores with
# each other and a first PDF rendered by a worker loads its fonts; speed is measured in bench/.
BROWSER_TIMEOUT = 45_000


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context on the live server, in Indonesian and Jakarta time, asking for
    reduced motion (as a person may): Bootstrap then skips its fades and collapses (150–350 ms
    each, which Playwright waits out before it acts on what moves)."""
    context = chromium.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url, reduced_motion="reduce"
    )
    context.set_default_timeout(BROWSER_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()


_live: dict[str, str] = {}  # the live server's address, for browser_login's cookie


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's, its address kept for browser_login's cookie."""
    _live["url"] = live_server.url
    return live_server


def browser_login(page, username: str, to: str | None = None) -> None:
    """Signed in as `username` and on the page `to` (by default the one the login form leads to: a
    test that goes elsewhere at once does not render the start page first), by a session cookie made
    with Django's force_login instead of filling the form (a third of a second less per login).
    The form itself is tested where it is the subject: in the browser by zona/wbs/tests/test_browser.py
    (with two-factor on) and zona/tests/test_accessibility.py (its page), through the test client by
    zona/twofactor/tests and zona/lib/tests/test_nexturl.py."""
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": _live["url"]}])
    page.goto(to or resolve_url(settings.LOGIN_REDIRECT_URL))


def expected_status(may: set, action, method: str) -> int:
    """What a view answers a role: 404 if the unit is invisible, 403 if read-only, else success."""
    if not may:
        return 404
    if action in may:
        return 200 if method == "get" else 302
    return 403


def shows(text: str):
    """An access effect: the answer holds the unit's data `text`."""
    return lambda response: text.encode() in body(response)


def may_by_role(*manage) -> dict[str, set]:
    """What each member of the cast may do where the unit's managers hold `manage` (actions of
    the admin, coordinator and area coordinators) and every role on or above SUMSEL reads."""
    from zona.orgs.permissions import Action

    read = {Action.VIEW}
    managers = read | set(manage)
    return {
        "coordinator": managers,
        "admin": managers,
        "area_coordinator": managers,
        "pic": read,
        "reviewer": read,
        "viewer": read,
        "national": read,
        "child": set(),
        "outsider": set(),
        "no_role": set(),
    }


def body(response) -> bytes:
    """A response's content, streamed or not."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def check_access(client, user, requests, may: set) -> None:
    """Send each (name, method, url, data, action, effect) as `user` and check the effect, not only
    the status: for a GET, `effect(response)` says whether the unit's data is in the answer; for a
    POST, `effect()` reads the state the request should change, compared before and after."""
    if user is not None:
        client.force_login(user)
    for name, method, url, data, action, effect in requests:
        allowed = user is not None and action in may
        before = effect() if method == "post" else None
        send = getattr(client, method)
        response = send(url, data) if data is not None else send(url)
        expected = 302 if user is None else expected_status(may, action, method)
        assert response.status_code == expected, (name, response.status_code)
        if user is None:
            assert "/akun/masuk/" in response["Location"], name
        if method == "get":
            assert effect(response) is allowed, (name, "data shown" if not allowed else "data missing")
        else:
            changed = effect() != before
            assert changed is allowed, (name, "changed" if changed else "unchanged")


class _Undo(Exception):
    pass


@contextmanager
def rolled_back():
    """What a hypothesis example writes inside is rolled back (a savepoint in the test's
    transaction), so each example starts from the test's data."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass
