"""A logging filter for the web server's access log: for the whistleblowing pages (`/wbs/`), the
client's address, its browser, the referring page and every request header are replaced by
"-" before the line is written. Shipped in `config/gunicorn.conf.py`; see docs/wbs.md for nginx.

Works on gunicorn's access records (their arguments are the log atoms: `h` the address, `a` the
user agent, `f` the referrer, `{name}i` a request header, `U` the path)."""

from __future__ import annotations

import logging

ANONYMOUS_PREFIXES = ("/wbs/",)
HIDDEN = "-"


class AnonymousPathsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args
        if isinstance(atoms, dict) and str(atoms.get("U") or "").startswith(ANONYMOUS_PREFIXES):
            masked = atoms.__class__.__new__(atoms.__class__)  # gunicorn's SafeAtoms, not re-escaped
            dict.update(masked, atoms)
            for key in list(masked):
                if key in ("h", "a", "f") or (key.startswith("{") and key.endswith("}i")):
                    dict.__setitem__(masked, key, HIDDEN)
            record.args = masked
        return True
