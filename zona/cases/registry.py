"""Case kinds: each case module registers one (in its AppConfig.ready), so the engine's shared
pages, reminders, calendar moves and attachment rule serve it without importing the module.

A kind names its workflow file, the action of `zona.orgs.permissions` whose roles handle its
cases, its URL namespace and templates, and optional hooks (deadline values of a case, a daily
job, a narrower rule for who may open some of its cases, what its tracking page adds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from zona.orgs.holders import role_holders
from zona.orgs.models import Role, Unit, roles_on, unit_scope_q
from zona.orgs.permissions import ALLOWED, Action

from .workflow import Workflow


@dataclass(frozen=True)
class CaseKind:
    kind: str  # stored on Case.kind
    prefix: str  # the number's prefix: ADU/SUMSEL/2026/000001
    label: str
    namespace: str  # URL namespaces: "<namespace>:detail", "<namespace>_public:track"
    workflow: Callable[[], Workflow]
    action: Action  # the roles that handle its cases
    deadline_values: Callable[[Any], dict] = lambda case: {}
    daily: Callable[..., int] | None = None  # daily(today=…) → how many cases it changed
    # Who may see a confidential reporter's identity besides the assigned officer.
    supervisors: frozenset[str] = frozenset()
    # A narrower rule for some cases (integrity complaints go to the APIP only): those cases
    # (`is_restricted`, and the same as a filter, `restricted_q`) are handled by
    # `restricted_action`'s roles instead of `action`'s.
    restricted_action: Action | None = None
    is_restricted: Callable[[Any], bool] = lambda case: False
    restricted_q: Q | None = None
    # The tracking page: track(request, case, code) → extra context or a response.
    track: Callable | None = None
    unit_links: tuple[tuple[str, str], ...] = ()  # (label, URL name taking the unit slug)
    # The kind's figures for a period: figures(units=…, start=…, end=…) → an object with at least
    # `received` and `completed`; read by later modules (a service standard's review) by kind.
    figures: Callable[..., Any] | None = None

    def action_for(self, case) -> Action:
        if self.restricted_action is not None and self.is_restricted(case):
            return self.restricted_action
        return self.action

    def scope_q(self, user) -> Q:
        """The cases of this kind the user may open (and that appear in their lists)."""
        ordinary = unit_scope_q(user, roles=set(ALLOWED[self.action]))
        if self.restricted_action is None or self.restricted_q is None:
            return Q(kind=self.kind) & ordinary
        special = unit_scope_q(user, roles=set(ALLOWED[self.restricted_action]))
        return Q(kind=self.kind) & ((~self.restricted_q & ordinary) | (self.restricted_q & special))

    def may_handle(self, user, case) -> bool:
        return bool(roles_on(user, case.unit) & ALLOWED[self.action_for(case)])

    def may_see_identity(self, user, case) -> bool:
        """A confidential reporter's name and contact: the assigned officer and the module's
        supervisors only (never lists or exports)."""
        if not case.confidential:
            return True
        if case.assigned_to_id is not None and case.assigned_to_id == getattr(user, "pk", None):
            return True
        return bool(roles_on(user, case.unit) & self.supervisors)

    def officers(self, case):
        """People who may be assigned the case: they hold a handling role on its unit."""
        roles = set(ALLOWED[self.action_for(case)]) - {Role.ADMIN}
        return role_holders(case.unit, roles).order_by("first_name", "username")


KINDS: dict[str, CaseKind] = {}


def register(kind: CaseKind) -> None:
    KINDS[kind.kind] = kind


def units_handled(user, kind: CaseKind):
    """The units where the user handles this kind's cases (for "record a case" buttons)."""
    return Unit.objects.filter(unit_scope_q(user, prefix="", roles=set(ALLOWED[kind.action])))


def daily_jobs(today: date) -> dict[str, int]:
    return {k.kind: k.daily(today=today) for k in KINDS.values() if k.daily is not None}


# Public channels of modules that are not case kinds (the WBS): name → the unit's page address
# when the channel is open there, else None. Shown beside the complaint form and on the portal.
CHANNELS: dict[str, Callable[[Unit], str | None]] = {}


def register_channel(name: str, url_for: Callable[[Unit], str | None]) -> None:
    CHANNELS[name] = url_for


def channel_urls(unit: Unit) -> dict[str, str]:
    return {name: url for name, url_for in CHANNELS.items() if (url := url_for(unit))}
