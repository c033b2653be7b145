"""Zona settings: one file, driven by environment variables (see docs/configuration.md).

Defaults give the embedded set-up (SQLite, local files). `DATABASE_URL` selects PostgreSQL,
`ZONA_S3_BUCKET` S3-compatible object storage.
"""

import ipaddress
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.exists():
    env.read_env(str(env_file))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-debug-only-key"  # noqa: S105 - only ever with DEBUG on
    else:
        raise environ.ImproperlyConfigured(
            "SECRET_KEY is not set: put it in the environment or in .env (scripts/setup does)."
        )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
VAR_DIR = Path(env.str("ZONA_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here by default

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",  # before Zona's apps: zona.audit's ready() fills its registry from each app's audit.py
    "zona.accounts",
    "zona.orgs",
    "zona.audit",
    "zona.twofactor",
    "zona.notifications",
    "zona.workdays",
    "zona.evidence",
    "zona.plans",
    "zona.monev",
    "zona.lke",
    "zona.evaluation",
    "zona.proposal",
    "zona.cases",
    "zona.complaints",
    "zona.ppid",
    "zona.integrity",
    "zona.wbs",
    "zona.gratification",
    "zona.coi",
    "zona.surveys",
    "zona.risks",
    "zona.registers",
    "zona.sops",
    "zona.performance",
    "zona.cycle",
    "zona.road",
    "zona.peers",
    "zona.start",
    "zona.portal",
    "zona.rollups",
    "zona.api",
    "zona.ops",
    "zona.demo",
    "ninja",  # the API's interactive docs, served from its own static files (no CDN)
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zona.lib.language.ChosenLanguageMiddleware",  # the switcher's choice, never Accept-Language
    "django.middleware.common.CommonMiddleware",
    "zona.lib.guards.RequestGuardMiddleware",  # size cap and public-form limits before CSRF reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zona.twofactor.middleware.TwoFactorMiddleware",  # the second factor before anything else
    "zona.workdays.middleware.CalendarScopeMiddleware",  # the calendar's overrides read once a request
    "auditlog.middleware.AuditlogMiddleware",  # who made each change in the field-level trail
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# The field-level audit trail (django-auditlog): each app registers the models it records, with
# the fields left out, in an audit.py of its own (zona/audit/registry.py, docs/ARCHITECTURE.md).
# Nothing is recorded unless registered, and nothing is masked: a secret field is left out whole.
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # loading a backup (raw saves) records nothing new
AUDITLOG_DISABLE_REMOTE_ADDR = True  # a forwarded address can be forged; the actor is what counts

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zona.lib.context.today",
                "zona.notifications.context_processors.notifications",
                "zona.orgs.context_processors.menu",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'zona.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions avoid "database is locked" on concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    # A kept connection is checked before each request reuses it (a PostgreSQL restart leaves
    # dead ones behind); a view that loses it half-way is retried once (zona.lib.guards).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, as django-axes requires
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
FORMAT_MODULE_PATH = ["config.formats"]  # Indonesian dates are read day first
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Two-factor sign-in (required for superusers and the roles in zona.orgs.permissions.TWO_FACTOR_ROLES).
ZONA_TWO_FACTOR = True  # always on; only the test suite switches it off (its own tests switch it back)
OTP_TOTP_ISSUER = "Zona"
OTP_TOTP_THROTTLE_FACTOR = 1  # after a wrong code, wait 1 s, 2 s, 4 s … before the next try
OTP_STATIC_THROTTLE_FACTOR = 1
# WBS (docs/wbs.md): argon2id cost (operations, bytes of memory) of the receipt-code hash and of
# the key that opens a recipient's private key; how long an unlocked key stays open unused.
ZONA_WBS_RECEIPT_KDF = (2, 19 * 1024 * 1024)  # OWASP's argon2id minimum; the code itself has 53 bits
ZONA_WBS_PASSPHRASE_KDF = (3, 256 * 1024 * 1024)
ZONA_WBS_UNLOCK_MINUTES = env.int("ZONA_WBS_UNLOCK_MINUTES", default=30)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Lock one account from one address: ten wrong passwords for one account don't lock the whole
# office behind its NAT, and an attacker with many addresses is stopped per address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "zona.lib.net.client_ip"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
MEDIA_ROOT = VAR_DIR / "media"  # never served directly: downloads go through access checks

S3_BUCKET = env.str("ZONA_S3_BUCKET", default="")
if S3_BUCKET:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("ZONA_S3_ENDPOINT_URL", default="") or None,
            "access_key": env.str("ZONA_S3_ACCESS_KEY", default=""),
            "secret_key": env.str("ZONA_S3_SECRET_KEY", default=""),
            "region_name": env.str("ZONA_S3_REGION", default="us-east-1"),
            "signature_version": "s3v4",
            "addressing_style": "path",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
else:
    default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": env.str(
            "ZONA_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: evidence files are checked against these (zona.lib.files). A whole request larger
# than ZONA_MAX_REQUEST_MB is refused before its body is read (zona.lib.guards); set nginx's
# client_max_body_size to the same figure.
ZONA_MAX_UPLOAD_MB = env.int("ZONA_MAX_UPLOAD_MB", default=20)
ZONA_MAX_REQUEST_MB = env.int("ZONA_MAX_REQUEST_MB", default=3 * ZONA_MAX_UPLOAD_MB + 5)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Reading imported files (zona.lib.readers; docs/configuration.md, "Reading files"): the bounds
# every spreadsheet, document and PDF is held to before and while it is parsed, and the budget
# of the child process the parse runs in ("process"; "inline" where fork is missing).
ZONA_READ_MAX_UNPACKED_MB = env.int("ZONA_READ_MAX_UNPACKED_MB", default=100)
ZONA_READ_MAX_RATIO = env.int("ZONA_READ_MAX_RATIO", default=100)
ZONA_READ_MAX_MEMBERS = env.int("ZONA_READ_MAX_MEMBERS", default=1_000)
ZONA_READ_MAX_ROWS = env.int("ZONA_READ_MAX_ROWS", default=100_000)
ZONA_READ_MAX_COLUMNS = env.int("ZONA_READ_MAX_COLUMNS", default=500)
ZONA_READ_MAX_CELLS = env.int("ZONA_READ_MAX_CELLS", default=2_000_000)
ZONA_READ_MAX_CELL_CHARS = env.int("ZONA_READ_MAX_CELL_CHARS", default=32_767)
ZONA_READ_MAX_PAGES = env.int("ZONA_READ_MAX_PAGES", default=300)
ZONA_READ_TIMEOUT = env.int("ZONA_READ_TIMEOUT", default=60)
ZONA_READ_MEMORY_MB = env.int("ZONA_READ_MEMORY_MB", default=512)
# Scanned PDFs read by OCR (docs/importing.md): at most this many pages, each within this many
# seconds; a cell with a word read below this confidence (0–100) is shown to the user to check.
ZONA_OCR_MAX_PAGES = env.int("ZONA_OCR_MAX_PAGES", default=30)
ZONA_OCR_PAGE_TIMEOUT = env.int("ZONA_OCR_PAGE_TIMEOUT", default=180)
ZONA_OCR_MIN_CONFIDENCE = env.int("ZONA_OCR_MIN_CONFIDENCE", default=75)
ZONA_OCR_WORKERS = env.int("ZONA_OCR_WORKERS", default=2)  # pages read side by side
ZONA_READ_ISOLATION = env.str("ZONA_READ_ISOLATION", default="process")
if ZONA_READ_ISOLATION not in {"process", "inline"}:
    raise environ.ImproperlyConfigured("ZONA_READ_ISOLATION must be process or inline")

# A shared cache (rate limits on public forms must hold across workers): the database by
# default (`zona createcachetable`, run by the set-up), Redis with CACHE_URL=redis://…
CACHES = {
    "default": env.cache_url("CACHE_URL")
    if env.str("CACHE_URL", default="")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zona_cache"}
}
ZONA_PUBLIC_FORM_RATE = env.str("ZONA_PUBLIC_FORM_RATE", default="10/h")
# Tracking pages (zona.cases.tracking): wrong codes on one case from every address together
# before the guessers are locked out of it; replies (and keberatan) sent on one case or WBS
# report from its tracking page.
ZONA_TRACK_CASE_RATE = env.str("ZONA_TRACK_CASE_RATE", default="10/h")
ZONA_TRACK_REPLY_RATE = env.str("ZONA_TRACK_REPLY_RATE", default="10/h")
# survey answers per client address: a tablet at the counter serves many respondents
ZONA_SURVEY_RATE = env.str("ZONA_SURVEY_RATE", default="120/h")
# Requests per API token (django-ninja's throttle, counted in the shared cache).
ZONA_API_RATE = env.str("ZONA_API_RATE", default="600/m")
# SOPs are evaluated at least every 3 years (LKE A.I.2.i.c); a unit may choose a shorter cycle.
ZONA_SOP_REVIEW_YEARS = env.int("ZONA_SOP_REVIEW_YEARS", default=3)
# Unset: the notice period of zona/lib/data/reminders.yaml (90 days, with its source).
ZONA_SOP_NOTICE_DAYS = env.int("ZONA_SOP_NOTICE_DAYS", default=None)

# Behind a reverse proxy: the addresses (or networks) of the proxies whose X-Forwarded-For and
# X-Forwarded-Proto are believed (zona.lib.net). Empty: nothing forwarded is believed.
# A network wider than /8 (IPv4) or /16 (IPv6), 0.0.0.0/0 or 0.0.0.0/1 + 128.0.0.0/1 for instance,
# names no proxy and would believe a large part of the internet: refused.
ZONA_TRUSTED_PROXIES = env.list("ZONA_TRUSTED_PROXIES", default=[])
try:
    _proxies = [ipaddress.ip_network(item.strip(), strict=False) for item in ZONA_TRUSTED_PROXIES]
except ValueError as exc:
    raise environ.ImproperlyConfigured(f"ZONA_TRUSTED_PROXIES: {exc}") from exc
if any(network.prefixlen < (8 if network.version == 4 else 16) for network in _proxies):
    raise environ.ImproperlyConfigured("ZONA_TRUSTED_PROXIES must name the proxies, not every address")
if ZONA_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only once the site is served over TLS (SECURE_COOKIES on): redirect and HSTS.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Background jobs (reminders, exports): Huey on a SQLite file by default, on Redis when
# REDIS_URL is set. `zona run_huey` runs the worker; HUEY_IMMEDIATE=1 runs jobs in-process.
REDIS_URL = env.str("REDIS_URL", default="")
HUEY = {
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "name": "zona",
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "connection": {"url": REDIS_URL} if REDIS_URL else {"filename": str(VAR_DIR / "huey.sqlite3")},
    "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
}
# Heavy exports (plan, Lembar Monev, recaps) run in the worker, bounded per person: at most
# ZONA_EXPORT_MAX_QUEUED waiting or running per person and ZONA_EXPORT_MAX_QUEUED_PER_TOKEN per
# API token; an export past ZONA_EXPORT_MAX_ROWS rows or a PDF past ZONA_EXPORT_MAX_PDF_PAGES
# pages is refused with the figure (zona.evidence.exports).
ZONA_EXPORT_MAX_QUEUED = env.int("ZONA_EXPORT_MAX_QUEUED", default=3)
ZONA_EXPORT_MAX_QUEUED_PER_TOKEN = env.int("ZONA_EXPORT_MAX_QUEUED_PER_TOKEN", default=3)
ZONA_EXPORT_MAX_ROWS = env.int("ZONA_EXPORT_MAX_ROWS", default=50_000)
ZONA_EXPORT_MAX_PDF_PAGES = env.int("ZONA_EXPORT_MAX_PDF_PAGES", default=150)
# An export still waiting after this many seconds says on its page that no worker has taken it.
ZONA_EXPORT_UNCLAIMED_SECONDS = env.int("ZONA_EXPORT_UNCLAIMED_SECONDS", default=5)
# Reminders: steps whose target period ends within this many days, or is past. Unset: the offset
# of zona/lib/data/reminders.yaml (7 days, with its source).
ZONA_REMINDER_DAYS = env.int("ZONA_REMINDER_DAYS", default=None)

# Outgoing e-mail: EMAIL_URL (smtp+tls://user:password@host:587) or the separate variables.
# Without a host, e-mails are printed on the console (development).
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
elif env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
else:
    EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
    # The file backend (trying e-mail out without a server): one file per message in this folder.
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="zona@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
