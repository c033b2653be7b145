"""The one base class of the rules' refusals: a service raises a subclass of `RuleError` (its
module's own, e.g. `CaseError`, `WbsError`) whose message is for the user (Indonesian UI text),
and a view shows it through `zona.lib.feedback`. A file a user gives that the rules refuse to
read, import or restore is one too (`ReadError`, `SheetError`, `PlanFileError`, `BackupError`;
those callers catch as `ValueError` stay one as well); a bad data file of the project's own is
not (those derive from `ValueError`, listed in zona/tests/test_architecture.py's
INTERNAL_ERRORS)."""

from __future__ import annotations


class RuleError(Exception):
    """A rule was broken; the message (and `problems`, when there are several) is for the user."""

    def __init__(self, message: str = "", problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems) if problems else [message]


class ProblemsError(RuleError, ValueError):
    """A refusal made of several problems (one a line, e.g. one per row at fault of a file a user
    gave), each for the user; still a ValueError for callers that catch one."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems), problems)
