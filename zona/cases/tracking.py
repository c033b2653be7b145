"""Who may try a tracking code, how often, and how often a case takes replies from its tracking
page (docs/cases.md, "Tracking codes"); the WBS's receipt codes are guessed under the same rules
(`CodeGuesses`, with a client key that can't be turned back into the address).

- Wrong look-ups count per client address (`ZONA_PUBLIC_FORM_RATE`). An address that has used
  its allowance gets "too many attempts" for a wrong code, but a right code still opens its case:
  a citizen behind a shared address (an office, a mobile network) is never refused because of
  other people's guesses on other cases.
- Wrong codes against one case count per case, from every address together
  (`ZONA_TRACK_CASE_RATE`). Once a case has had its allowance, its guessing is locked for the
  rest of the window: an address that guessed wrong on it is refused for it, even with the right
  code, so guessing one case from any number of addresses gets at most the allowance plus one
  try per address. An address that has not guessed wrong on it is still checked, so the citizen
  with the right code gets in.
- Replies sent from the tracking page count per case (`ZONA_TRACK_REPLY_RATE`): past the
  allowance the reply is refused and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zona.lib.guards import attempts, failure_counted, limit_reached, object_key, reply_limited
from zona.lib.net import ratelimit_key

CASE_RATE = "ZONA_TRACK_CASE_RATE"


@dataclass(frozen=True)
class CodeGuesses:
    """Wrong guesses of a secret code, counted per client and per object (the rules above): the
    one mechanism of every tracking page, the cases' and the WBS's. `group` names the client's
    bucket, `key` says who the client is (the address, or the WBS's key that can't be turned
    back into it)."""

    group: str
    key: Callable = ratelimit_key

    def _pair_key(self, label: str):
        def key(group, request) -> str:
            return f"{label}:{self.key(group, request)}"

        return key

    def client_locked(self, request) -> bool:
        """This client has used up its wrong guesses: a wrong code gets "too many attempts"
        (a right code still opens its object)."""
        return limit_reached(request, self.group, self.key)

    def object_locked(self, request, label: str) -> bool:
        """The object's guessing is locked for this client: the object has had its allowance of
        wrong codes and this client is one that guessed wrong on it."""
        if not limit_reached(request, "track-case", object_key(label), rate=CASE_RATE):
            return False
        return attempts(request, "track-case-address", self._pair_key(label), rate=CASE_RATE) > 0

    def failed(self, request, label: str | None = None) -> None:
        """Count a wrong guess against the client and, when the guess named an object, the
        object (from every client together, and this client's share of it)."""
        failure_counted(request, self.group, self.key)
        if label is not None:
            failure_counted(request, "track-case", object_key(label), rate=CASE_RATE)
            failure_counted(request, "track-case-address", self._pair_key(label), rate=CASE_RATE)


def _guesses(kind: str) -> CodeGuesses:
    return CodeGuesses(f"{kind}-track")


def _case_label(case) -> str:
    return f"case:{case.pk}"


def address_locked(request, kind: str) -> bool:
    """This client address has used up its wrong look-ups of `kind`."""
    return _guesses(kind).client_locked(request)


def case_locked(request, case) -> bool:
    """The case's guessing is locked for this client (`CodeGuesses.object_locked`)."""
    return _guesses(case.kind).object_locked(request, _case_label(case))


def guess_failed(request, kind: str, case=None) -> None:
    """Count a wrong look-up against the address and, when the number names a case, the case."""
    _guesses(kind).failed(request, _case_label(case) if case is not None else None)


def case_reply_limited(request, case) -> bool:
    return reply_limited(request, _case_label(case))
