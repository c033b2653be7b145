"""The WBS's refusal: a rule of the WBS was broken; the message is for the user."""

from __future__ import annotations

from zona.lib.errors import RuleError


class WbsError(RuleError):
    """A rule of the WBS was broken; the message is for the user."""
