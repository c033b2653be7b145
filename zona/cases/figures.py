"""One case as the open statistics count it: its unit, the day it was received, whether and how
fast it was finished, extended or refused. No number, no person: the case modules' figures
modules (zona/complaints/figures.py, zona/ppid/figures.py) give these rows to the public portal,
which counts them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Handled:
    unit_id: int
    received_on: date
    # Working days from receipt to completion (the follow-up completed, the request served);
    # None while the case is not finished.
    days: int | None = None
    on_time: bool = False  # finished within its deadline (with the extension when there was one)
    extended: bool = False
    refused: bool = False
    ground: str = ""  # the refusal's ground, as its label (never a stored key)


@dataclass(frozen=True)
class Answered:
    """An objection (keberatan) against a case's handling, with its outcome's label ("" while
    it is not answered)."""

    unit_id: int
    received_on: date
    outcome: str = ""
