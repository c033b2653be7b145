"""What the case kinds' API modules share (complaints, PPID): the case as the API shows it (a
confidential reporter's identity only to whom the kind shows it), and the kind's scoped list and
lookup. The kinds' own `api.py` hold their routers."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Schema

from zona.api.common import unit_scope, user

from .models import Case
from .registry import KINDS


class CaseOut(Schema):
    id: int
    number: str
    unit: str
    state: str
    channel: str
    received_on: date
    due_on: date | None = None
    subject: str
    description: str
    reporter_name: str | None = None
    reporter_contact: str | None = None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def _identity(obj, context) -> bool:
        request = context["request"]
        return not obj.anonymous and KINDS[obj.kind].may_see_identity(user(request), obj)

    @staticmethod
    def resolve_reporter_name(obj, context) -> str | None:
        return obj.reporter_name if CaseOut._identity(obj, context) else None

    @staticmethod
    def resolve_reporter_contact(obj, context) -> str | None:
        return obj.reporter_contact if CaseOut._identity(obj, context) else None


def get_cases_for_token(
    request, kind: str, unit: str | None, state: str | None, since: date | None, until: date | None
):
    """The kind's cases the token's owner handles, in the unit's scope, filtered."""
    found = Case.objects.filter(KINDS[kind].scope_q(user(request)), unit__in=unit_scope(request, unit))
    if state:
        found = found.filter(state=state)
    if since:
        found = found.filter(received_on__gte=since)
    if until:
        found = found.filter(received_on__lte=until)
    return found.select_related("unit").order_by("-received_on", "-pk")


def get_case_for_token(request, kind: str, case_id: int) -> Case:
    """One case of the kind that the token's owner handles (404 otherwise)."""
    return get_object_or_404(
        Case.objects.filter(KINDS[kind].scope_q(user(request))).select_related("unit"), pk=case_id
    )
