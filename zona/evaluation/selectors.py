"""Reads of the TPI's evaluation: the side-by-side board (the self-assessment and every tier per
question), each tier's notes for reports, and the requests: open, late, the unit's to answer.

The unit sees a tier's answers only once the tier has released its approved result; the TPI's
team and reviewers see the tiers at work."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment, Level
from zona.lke.services import instrument_of
from zona.orgs.models import unit_scope_q
from zona.orgs.permissions import ALLOWED, Action, can, require

from .models import InformationRequest, RequestState, TeamMember, TierAnswer, TierApproval
from .rfi import ANSWERING_ROLES
from .rules import Tier, tier, tiers
from .services import question_score

PENDING = (RequestState.OPEN, RequestState.ANSWERED)


def get_assessment_for_user(request, pk: int, action: Action = Action.VIEW) -> Assessment:
    """404 when the assessment is not the user's to see, 403 when they may not do `action`."""
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user).select_related("unit"), pk=pk)
    require(request.user, action, assessment.unit)
    return assessment


def get_request_for_user(request, pk: int, action: Action) -> InformationRequest:
    found = get_object_or_404(
        InformationRequest.objects.filter(
            unit_scope_q(request.user, prefix="assessment__unit__")
        ).select_related("assessment__unit"),
        pk=pk,
    )
    require(request.user, action, found.assessment.unit)
    return found


def evaluates(user, assessment: Assessment) -> bool:
    """The person sees the tiers at work: a member of the team or a reviewer (TPI) of the unit."""
    return can(user, Action.VERIFY, assessment.unit)


def seat_of(user, assessment: Assessment) -> Tier | None:
    code = TeamMember.objects.filter(assessment=assessment, user=user).values_list("tier", flat=True).first()
    return tier(code) if code else None


@dataclass
class Cell:
    value: str
    score: Decimal
    note: str = ""


@dataclass
class Row:
    ref: str
    text: str
    question: object
    own: str | None  # the unit's answer
    own_score: Decimal | None
    cells: list[Cell | None] = field(default_factory=list)  # per tier shown, in order
    mine: Cell | None = None  # the viewer's own tier's answer (their form starts from it)

    @property
    def dom(self) -> str:
        return self.ref.replace(".", "-")


@dataclass
class TierColumn:
    tier: Tier
    approval: TierApproval | None  # the standing one
    total: Decimal | None = None


@dataclass
class Board:
    columns: list[TierColumn]
    rows: list[Row]
    live: bool  # the tiers at work (the team), or only the released results (the unit)


def _shown_answers(assessment: Assessment, live: bool) -> tuple[dict, dict]:
    """(approvals standing per tier, {(tier, ref): Cell}) as the viewer may see them."""
    approvals = {a.tier: a for a in assessment.tier_approvals.filter(cancelled_at__isnull=True)}
    cells: dict[tuple[str, str], Cell] = {}
    if live:
        for a in assessment.tier_answers.all():
            cells[(a.tier, a.ref)] = Cell(a.value, a.score, a.note)
    else:
        for code, approval in approvals.items():
            if approval.released_at is not None:
                for ref, a in approval.answers.items():
                    cells[(code, ref)] = Cell(a["value"], Decimal(a["score"]), a["note"])
    return approvals, cells


def board(assessment: Assessment, *, live: bool, seat: str = "") -> Board:
    """Per question the unit's answer and each tier's answer, score and note (four queries)."""
    instrument = instrument_of(assessment)
    approvals, cells = _shown_answers(assessment, live)
    shown = [t for t in tiers() if live or (t.code in approvals and approvals[t.code].released_at)]
    columns = [TierColumn(t, approvals.get(t.code)) for t in shown]
    for column in columns:
        if column.approval is not None and (live or column.approval.released_at):
            column.total = column.approval.total
    own = dict(assessment.answers.filter(level=Level.SELF).values_list("ref", "value"))
    asked = set(own) | {ref for _code, ref in cells}
    rows = []
    for ref, question in instrument.questions.items():
        if ref not in asked:
            continue
        own_score = (
            Decimal(str(round(float(question_score(assessment, ref, own[ref])), 4))) if ref in own else None
        )
        cells_of = [cells.get((c.tier.code, ref)) for c in columns]
        rows.append(
            Row(ref, question.text, question, own.get(ref), own_score, cells_of, cells.get((seat, ref)))
        )
    return Board(columns, rows, live)


@dataclass
class Cancelled:
    tier: str  # the tier's name
    approved_at: object
    by: object  # the person whose change cancelled it
    at: object
    why: str


def cancelled_approvals(assessment: Assessment) -> list[Cancelled]:
    """The approvals a later change cancelled, the latest first: the tier, who, when and why."""
    names = {t.code: t.name for t in tiers()}
    rows = assessment.tier_approvals.filter(cancelled_at__isnull=False).select_related("cancelled_by")
    return [
        Cancelled(names.get(a.tier, a.tier), a.approved_at, a.cancelled_by, a.cancelled_at, a.cancel_reason)
        for a in rows.order_by("-cancelled_at", "-pk")
    ]


def tier_notes(assessment: Assessment) -> dict[str, list[tuple[str, str, Decimal, str]]]:
    """Per question ref, the list of (tier name, answer, score, note) in tier order: what the LHE
    (the TPI's evaluation report) is drafted from."""
    order = {t.code: t.order for t in tiers()}
    names = {t.code: t.name for t in tiers()}
    out: dict[str, list] = defaultdict(list)
    rows = sorted(assessment.tier_answers.all(), key=lambda a: (a.ref, order.get(a.tier, 99)))
    for a in rows:
        if a.tier in names:
            out[a.ref].append((names[a.tier], a.value, a.score, a.note))
    return dict(out)


def requests_open(assessment: Assessment) -> QuerySet[InformationRequest]:
    """The assessment's requests not decided yet (open, or answered and waiting for the
    evaluator), the earliest due first."""
    return assessment.requests.filter(state__in=PENDING).order_by("due_date", "pk")


def pending_by_ref(assessment: Assessment) -> dict[str, int]:
    """ref → how many requests on the question are not decided yet (one query)."""
    rows = requests_open(assessment).order_by().values_list("ref").annotate(n=Count("pk"))
    return dict(rows)


def is_late(request: InformationRequest, today: date) -> bool:
    return request.state == RequestState.OPEN and request.due_date < today


def requests_of(assessment: Assessment) -> QuerySet[InformationRequest]:
    return assessment.requests.select_related("raised_by", "answered_by", "decided_by").prefetch_related(
        "evidence"
    )


def requests_to_answer(user) -> QuerySet[InformationRequest]:
    """Open requests in the units where the person is PIC or coordinator, the earliest due first
    (the start page's list)."""
    scope = unit_scope_q(user, prefix="assessment__unit__", roles=set(ANSWERING_ROLES))
    return (
        InformationRequest.objects.filter(scope, state=RequestState.OPEN)
        .select_related("assessment__unit")
        .order_by("due_date", "pk")
    )


def requests_late(user, today: date) -> QuerySet[InformationRequest]:
    """Open requests past their due date in the units the person reviews (the TPI), the oldest
    first (the start page's list)."""
    scope = unit_scope_q(user, prefix="assessment__unit__", roles=set(ALLOWED[Action.VERIFY]))
    return (
        InformationRequest.objects.filter(scope, state=RequestState.OPEN, due_date__lt=today)
        .select_related("assessment__unit")
        .order_by("due_date", "pk")
    )


def requests_visible_to(user) -> QuerySet[InformationRequest]:
    return InformationRequest.objects.filter(unit_scope_q(user, prefix="assessment__unit__")).select_related(
        "assessment__unit"
    )


def team_of(assessment: Assessment) -> list[TeamMember]:
    order = {t.code: t.order for t in tiers()}
    return sorted(
        assessment.team.select_related("user"), key=lambda m: (order.get(m.tier, 99), m.user.username)
    )


def tier_answer_of(assessment: Assessment, tier_code: str, ref: str) -> TierAnswer | None:
    return TierAnswer.objects.filter(assessment=assessment, tier=tier_code, ref=ref).first()


def unit_evidence(assessment: Assessment, ids: list[int]) -> list[EvidenceItem]:
    """The evidence items of the assessment's unit among `ids` (none restricted to a few roles)."""
    return list(EvidenceItem.objects.unrestricted().filter(unit=assessment.unit, pk__in=ids))


def evidence_choices(assessment: Assessment, limit: int = 100) -> list[EvidenceItem]:
    """The unit's latest files a request's answer may point to (none restricted to a few roles)."""
    found = EvidenceItem.objects.unrestricted().filter(unit=assessment.unit)
    return list(found.order_by("-created_at", "-pk").only("pk", "title")[:limit])


def active_person(username: str):
    return get_user_model().objects.filter(username=username, is_active=True).first()
