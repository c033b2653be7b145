"""The WBS's numbers, from its workflow file and its own constants, and today (tests set it)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from .models import (
    workflow,
)

MIN_PASSPHRASE = 12


ANSWERS = ("what", "who", "when", "where", "how")


ARCHIVE_MAGIC = b"ZONA-WBS-ARCHIVE-1\n"


KIND = "wbs"  # its own number series (WBS/<unit>/<year>/…)


def setting(name: str) -> int:
    return workflow().settings[name]


def local_today() -> date:
    return timezone.localdate()
