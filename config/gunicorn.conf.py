"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

The access log goes to standard output; for the whistleblowing pages (`/wbs/`) the client's
address, browser, referrer and headers are replaced by "-" (zona.lib.logfilters)."""

import os

bind = os.environ.get("ZONA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ZONA_WORKERS", "2"))
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"anonymous_paths": {"()": "zona.lib.logfilters.AnonymousPathsFilter"}},
    "formatters": {
        "access": {"format": "%(message)s"},
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
    },
    "handlers": {
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stderr",
        },
    },
    "root": {"level": "WARNING", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.access": {
            "level": "INFO",
            "handlers": ["access"],
            "filters": ["anonymous_paths"],
            "propagate": False,
        },
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
    },
}
