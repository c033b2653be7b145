"""Who may try a tracking code, how often, and how often a case takes replies from its tracking
page (docs/cases.md, "Tracking codes").

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

from zona.lib.guards import attempts, failure_counted, limit_reached, object_key, reply_limited
from zona.lib.net import ratelimit_key

CASE_RATE = "ZONA_TRACK_CASE_RATE"


def _address_group(kind: str) -> str:
    return f"{kind}-track"


def _case_label(case) -> str:
    return f"case:{case.pk}"


def _pair_key(case):
    def key(group, request) -> str:
        return f"{_case_label(case)}:{ratelimit_key(group, request)}"

    return key


def address_locked(request, kind: str) -> bool:
    """This client address has used up its wrong look-ups of `kind`."""
    return limit_reached(request, _address_group(kind))


def case_locked(request, case) -> bool:
    """The case's guessing is locked for this client: the case has had its allowance of wrong
    codes and this address is one that guessed wrong on it."""
    if not limit_reached(request, "track-case", object_key(_case_label(case)), rate=CASE_RATE):
        return False
    return attempts(request, "track-case-address", _pair_key(case), rate=CASE_RATE) > 0


def guess_failed(request, kind: str, case=None) -> None:
    """Count a wrong look-up against the address and, when the number names a case, the case."""
    failure_counted(request, _address_group(kind))
    if case is not None:
        failure_counted(request, "track-case", object_key(_case_label(case)), rate=CASE_RATE)
        failure_counted(request, "track-case-address", _pair_key(case), rate=CASE_RATE)


def case_reply_limited(request, case) -> bool:
    return reply_limited(request, _case_label(case))
