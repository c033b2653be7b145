"""Settings for the test suite: the real settings, with fast hashing and throw-away files."""

import os
import sys
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")  # noqa: S105 - test runs only
os.environ.setdefault("ZONA_VAR_DIR", tempfile.mkdtemp(prefix="zona-test-"))
# Each pytest-xdist worker (gw0, gw1, …) keeps its files (uploads, static, the Huey file) apart.
if (_worker := os.environ.get("PYTEST_XDIST_WORKER")) and not os.environ["ZONA_VAR_DIR"].endswith(_worker):
    os.environ["ZONA_VAR_DIR"] = os.path.join(os.environ["ZONA_VAR_DIR"], _worker)
os.environ["ZONA_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
AXES_ENABLED = False
# cheap argon2id in tests (the benchmark measures the real cost)
ZONA_WBS_RECEIPT_KDF = ZONA_WBS_PASSPHRASE_KDF = (1, 64 * 1024)
ZONA_TWO_FACTOR = False  # the two-factor tests (and the flows that need it) turn it on
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
HUEY = {**HUEY, "immediate": True}  # noqa: F405 - jobs run in-process in tests
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 - a pool requires it
    # The live server answers each request in a new thread, which would open a new session (a
    # server process whose catalog caches start cold: 3 ms to connect, 10 ms more for its first
    # queries): Django's pool (psycopg_pool) hands each one a session already open. The browser
    # tests' PostgreSQL time fell from 11–13 s to 7 s on six of their files (2026-12-07). Sized
    # above what a page's parallel requests and the test itself hold at once. Only in the test
    # processes: a server or command a test starts (gunicorn in the WBS log test) connects as
    # production does, and fails at once where there is no database instead of waiting for one.
    if "pytest" in sys.modules:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 16}  # noqa: F405
    # A commit does not wait for its WAL to reach the disk: a test database is thrown away, and
    # the live server's requests and the transactional tests commit often.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()
