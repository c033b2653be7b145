"""Zona's JSON API (django-ninja): the same selectors, access rule and services as the pages,
never around them. A personal access token (`Authorization: Bearer zona_…`) acts as its owner:
it reads what its owner may read over the hierarchy and changes what its owner may change.
Lists are paginated (`limit`, `offset`) and filtered by unit and period; each token has its own
rate limit (`ZONA_API_RATE`). Of the WBS only the aggregate counts leave."""

import datetime as dt
from datetime import date
from typing import Any

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle
from pydantic import model_validator

from zona.cases.models import Case
from zona.cases.registry import KINDS
from zona.cases.services import CaseError
from zona.complaints.services import complaint_step
from zona.lke.models import Assessment
from zona.monev.models import MonevCycle
from zona.monev.services import MonevError, step_report
from zona.monev.snapshot import cycle_data
from zona.orgs.models import Unit, roles_on
from zona.orgs.permissions import ALLOWED, Action
from zona.performance.models import Agreement
from zona.performance.services import summary
from zona.plans.models import ActionStep, Plan
from zona.plans.selectors import may_report_step, plan_tree
from zona.plans.services import step_set_done
from zona.ppid.services import request_decide, request_deliver, request_extend
from zona.registers.models import Entry
from zona.registers.types import register_types
from zona.risks.models import Register, Risk
from zona.surveys.models import Survey
from zona.surveys.services import figures
from zona.wbs.figures import statistics, year_total

from .exports import exports_router
from .tokens import token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = token_user(token)
        if found is None:
            return None
        request.user = found.user  # the selectors read request.user, as on the pages
        return found


class Pages(LimitOffsetPagination):
    """`limit` (1–1000, 100 by default) and `offset` rows, both bounded: a number too large for
    the database is refused as a bad request, never passed on."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=10**9)

    def __init__(self, **kwargs):
        super().__init__(max_limit=1000, **kwargs)


class TokenThrottle(AuthRateThrottle):
    """One request budget per token (`ZONA_API_RATE`, read at each request)."""

    def __init__(self):
        super().__init__(settings.ZONA_API_RATE)

    def allow_request(self, request) -> bool:
        if self.rate != settings.ZONA_API_RATE:
            self.rate = settings.ZONA_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Zona API",
    version="1",
    description=__doc__,
    auth=TokenAuth(),
    throttle=[TokenThrottle()],
    urls_namespace="api",
)


def _user(request):
    return request.auth.user


def _unit_scope(request, unit: str | None):
    """The units the token's owner sees, narrowed to one unit and the units below it."""
    units = Unit.objects.visible_to(_user(request))
    if unit:
        top = units.filter(code=unit).first()
        if top is None:
            raise Http404
        units = units.filter(path__startswith=top.path)
    return units


def _check_year(year: int | None) -> int | None:
    if year is not None and not 2000 <= year <= 2100:
        raise HttpError(422, "the year is between 2000 and 2100")
    return year


# -- units -------------------------------------------------------------------------------------


class UnitOut(Schema):
    code: str
    name: str
    level: str
    parent: str | None = None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


units_router = Router(tags=["units"])


@units_router.get("", response=list[UnitOut], summary="Units the token sees")
@paginate(Pages)
def units(request, unit: str | None = None, level: str | None = None):
    found = _unit_scope(request, unit).select_related("parent").order_by("path")
    return found.filter(level=level) if level else found


# -- plans and monev ---------------------------------------------------------------------------


class PlanOut(Schema):
    id: int
    unit: str
    year: int
    status: str
    decree_number: str

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code


class NodeOut(Schema):
    id: int
    name: str
    progress: float
    children: list["NodeOut"] = []


class PlanDetail(PlanOut):
    progress: float
    areas: list[NodeOut]

    @staticmethod
    def resolve_progress(obj) -> float:
        return float(obj.tree.progress)

    @staticmethod
    def resolve_areas(obj) -> list[dict]:
        return [_node(area) for area in obj.tree.children]


class StepOut(Schema):
    id: int
    indicator: int
    text: str
    pic: str | None = None
    done: bool

    @staticmethod
    def resolve_indicator(obj) -> int:
        return obj.indicator_id

    @staticmethod
    def resolve_pic(obj) -> str | None:
        return obj.pic.get_username() if obj.pic_id else None

    @staticmethod
    def resolve_done(obj) -> bool:
        return obj.is_done


class In(Schema):
    """What a client sends: no text may hold a NUL character (PostgreSQL refuses one)."""

    @model_validator(mode="after")
    def _no_nul(self):
        if any(isinstance(v, str) and "\x00" in v for v in self.__dict__.values()):
            raise ValueError("text may not hold a NUL character")
        return self


class StepStatusIn(In):
    done: bool


class CycleOut(Schema):
    id: int
    plan: int
    quarter: int
    status: str
    progress: float | None = None

    @staticmethod
    def resolve_plan(obj) -> int:
        return obj.plan_id


class ReportIn(In):
    step: int
    status: str
    progress: int
    note: str = ""
    # why a finished ("selesai") step goes back; required only then
    reason: str = ""


plans_router = Router(tags=["plans and monev"])


def _plan(request, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.visible_to(_user(request)).select_related("unit"), pk=pk)


def _node(node) -> dict[str, Any]:
    obj = node.obj
    name = getattr(obj, "name", None) or getattr(obj, "text", "")
    return {
        "id": obj.pk,
        "name": str(name)[:500],
        "progress": float(node.progress),
        "children": [_node(child) for child in node.children],
    }


@plans_router.get("/plans", response=list[PlanOut], summary="Plans, by unit and year")
@paginate(Pages)
def plans(request, unit: str | None = None, year: int | None = None):
    found = (
        Plan.objects.filter(unit__in=_unit_scope(request, unit))
        .select_related("unit")
        .order_by("-year", "pk")
    )
    return found.filter(year=_check_year(year)) if year else found


@plans_router.get("/plans/{plan_id}", response=PlanDetail, summary="A plan with its progress tree")
def plan_detail(request, plan_id: int):
    plan = _plan(request, plan_id)
    plan.tree = plan_tree(plan)
    return plan


@plans_router.get("/plans/{plan_id}/steps", response=list[StepOut], summary="A plan's action steps")
@paginate(Pages)
def plan_steps(request, plan_id: int, done: bool | None = None):
    plan = _plan(request, plan_id)
    steps = (
        ActionStep.objects.filter(indicator__component__area__plan=plan).select_related("pic").order_by("pk")
    )
    if done is not None:
        steps = steps.filter(done_at__isnull=not done)
    return steps


def _step(request, step_id: int) -> ActionStep:
    step = get_object_or_404(
        ActionStep.objects.filter(
            indicator__component__area__plan__in=Plan.objects.visible_to(_user(request))
        ).select_related("indicator__component__area__plan__unit", "pic"),
        pk=step_id,
    )
    if not may_report_step(_user(request), step):
        raise HttpError(403, "only the step's person in charge or the unit's reporters change it")
    return step


@plans_router.post("/steps/{step_id}/status", response=StepOut, summary="Mark a step done or open")
def step_status(request, step_id: int, payload: StepStatusIn):
    step = _step(request, step_id)
    return step_set_done(step=step, done=payload.done, by=_user(request))


@plans_router.get("/monev/cycles", response=list[CycleOut], summary="Monev cycles of a plan")
@paginate(Pages)
def cycles(request, plan: int):
    return MonevCycle.objects.filter(plan=_plan(request, plan)).order_by("quarter")


@plans_router.get("/monev/cycles/{cycle_id}", summary="A cycle: every step's report, progress, findings")
def cycle_detail(request, cycle_id: int) -> dict:
    cycle = get_object_or_404(
        MonevCycle.objects.visible_to(_user(request)).select_related("plan__unit"), pk=cycle_id
    )
    return cycle_data(cycle)


@plans_router.post("/monev/cycles/{cycle_id}/reports", summary="Report on a step in a quarter's cycle")
def cycle_report(request, cycle_id: int, payload: ReportIn) -> dict:
    cycle = get_object_or_404(
        MonevCycle.objects.visible_to(_user(request)).select_related("plan__unit"), pk=cycle_id
    )
    step = _step(request, payload.step)
    if step.indicator.component.area.plan_id != cycle.plan_id:
        raise HttpError(422, "this step belongs to another plan")
    if not 0 <= payload.progress <= 100:
        raise HttpError(422, "progress is 0 to 100")
    try:
        report = step_report(
            cycle=cycle,
            step=step,
            status=payload.status,
            progress=payload.progress,
            note=payload.note[:2000],
            by=_user(request),
            reason=payload.reason,
        )
    except (MonevError, ValueError) as exc:
        raise HttpError(422, str(exc)) from exc
    return {"step": step.pk, "status": report.status, "progress": report.progress}


# -- LKE ----------------------------------------------------------------------------------------


class AssessmentOut(Schema):
    id: int
    unit: str
    year: int
    stage: str
    scores: dict

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code


lke_router = Router(tags=["LKE"])


@lke_router.get("/assessments", response=list[AssessmentOut], summary="Self-assessments and their scores")
@paginate(Pages)
def assessments(request, unit: str | None = None, year: int | None = None):
    found = (
        Assessment.objects.filter(unit__in=_unit_scope(request, unit))
        .select_related("unit")
        .order_by("-year")
    )
    return found.filter(year=_check_year(year)) if year else found


@lke_router.get("/assessments/{assessment_id}", response=AssessmentOut)
def assessment(request, assessment_id: int):
    return get_object_or_404(
        Assessment.objects.visible_to(_user(request)).select_related("unit"), pk=assessment_id
    )


# -- cases (complaints, PPID) ----------------------------------------------------------------------


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
        return not obj.anonymous and KINDS[obj.kind].identity_visible(_user(request), obj)

    @staticmethod
    def resolve_reporter_name(obj, context) -> str | None:
        return obj.reporter_name if CaseOut._identity(obj, context) else None

    @staticmethod
    def resolve_reporter_contact(obj, context) -> str | None:
        return obj.reporter_contact if CaseOut._identity(obj, context) else None


class TransitionIn(In):
    action: str
    reason: str = ""
    complaint_type: str = ""
    agency: str = ""
    forwarded_on: date | None = None


cases_router = Router(tags=["complaints and PPID"])


def _cases(request, kind: str, unit: str | None, state: str | None, since: date | None, until: date | None):
    found = Case.objects.filter(KINDS[kind].scope_q(_user(request)), unit__in=_unit_scope(request, unit))
    if state:
        found = found.filter(state=state)
    if since:
        found = found.filter(received_on__gte=since)
    if until:
        found = found.filter(received_on__lte=until)
    return found.select_related("unit").order_by("-received_on", "-pk")


def _case(request, kind: str, case_id: int) -> Case:
    return get_object_or_404(
        Case.objects.filter(KINDS[kind].scope_q(_user(request))).select_related("unit"), pk=case_id
    )


@cases_router.get("/complaints", response=list[CaseOut], summary="Complaints the token's owner handles")
@paginate(Pages)
def complaints(request, unit: str | None = None, state: str | None = None, received_from: date | None = None,
               received_to: date | None = None):  # fmt: skip
    return _cases(request, "complaint", unit, state, received_from, received_to)


@cases_router.get("/complaints/{case_id}", response=CaseOut)
def complaint(request, case_id: int):
    return _case(request, "complaint", case_id)


@cases_router.post(
    "/complaints/{case_id}/transitions", response=CaseOut, summary="A step of the complaint's workflow"
)
def complaint_transition(request, case_id: int, payload: TransitionIn):
    case = _case(request, "complaint", case_id)
    try:
        case = complaint_step(case=case, by=_user(request), **payload.dict())
    except CaseError as exc:
        raise HttpError(422, str(exc)) from exc
    return case


@cases_router.get("/ppid/requests", response=list[CaseOut], summary="Information requests the owner handles")
@paginate(Pages)
def ppid_requests(
    request, unit: str | None = None, state: str | None = None, received_from: date | None = None,
    received_to: date | None = None,
):  # fmt: skip
    return _cases(request, "ppid", unit, state, received_from, received_to)


class ExtendIn(In):
    reason: str


class DecideIn(In):
    decision: str
    info_status: str
    refusal_reason: str = ""
    exemption_basis: str = ""
    consequence_harm: str = ""
    consequence_public_interest: str = ""
    consequence_decided_by: str = ""
    consequence_decided_on: date | None = None
    holder: str = ""
    copy_pages: int = Field(0, ge=0, le=100_000)
    fee_copy: int = Field(0, ge=0, le=10**9)
    fee_sending: int = Field(0, ge=0, le=10**9)
    payment_method: str = ""
    note: str = ""


class DeliverIn(In):
    delivered_on: date
    via: str
    note: str = ""


def _ppid_step(request, case_id: int, service, payload) -> Case:
    """A step of the request's workflow through the PPID module's own service and its rules."""
    case = _case(request, "ppid", case_id)
    try:
        service(case=case, by=_user(request), **payload.dict())
    except CaseError as exc:
        raise HttpError(422, str(exc)) from exc
    return _case(request, "ppid", case_id)


@cases_router.post("/ppid/requests/{case_id}/extend", response=CaseOut, summary="Extend (once, with reasons)")
def ppid_extend(request, case_id: int, payload: ExtendIn):
    return _ppid_step(request, case_id, request_extend, payload)


@cases_router.post("/ppid/requests/{case_id}/decide", response=CaseOut, summary="Decide the request")
def ppid_decide(request, case_id: int, payload: DecideIn):
    return _ppid_step(request, case_id, request_decide, payload)


@cases_router.post("/ppid/requests/{case_id}/deliver", response=CaseOut, summary="Record the delivery")
def ppid_deliver(request, case_id: int, payload: DeliverIn):
    return _ppid_step(request, case_id, request_deliver, payload)


@cases_router.get("/ppid/requests/{case_id}", response=CaseOut)
def ppid_request(request, case_id: int):
    return _case(request, "ppid", case_id)


# -- surveys, registers, performance, WBS ------------------------------------------------------------


def _result(survey):
    if not hasattr(survey, "_api_result"):
        survey._api_result = figures(survey).result
    return survey._api_result


def _float(value) -> float | None:
    return None if value is None else float(value)


class SurveyOut(Schema):
    id: int
    unit: str
    service: str
    questionnaire: str
    status: str
    period_start: date
    period_end: date
    respondents: int
    ikm: float | None = None
    index: float | None = None
    mutu: str | None = None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_service(obj) -> str:
        return obj.service.name

    @staticmethod
    def resolve_questionnaire(obj) -> str:
        return obj.definition_key

    @staticmethod
    def resolve_respondents(obj) -> int:
        return _result(obj).respondents

    @staticmethod
    def resolve_ikm(obj) -> float | None:
        return _float(_result(obj).converted)

    @staticmethod
    def resolve_index(obj) -> float | None:
        return _float(_result(obj).index)

    @staticmethod
    def resolve_mutu(obj) -> str | None:
        return _result(obj).mutu


class EntryOut(Schema):
    id: int
    unit: str
    kind: str
    year: int
    date: dt.date | None = None
    values: dict

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_date(obj) -> dt.date | None:
        return obj.day


class RiskOut(Schema):
    id: int
    unit: str
    year: int
    code: str
    statement: str
    likelihood: int
    impact: int
    inherent_level: int
    residual_level: int | None = None

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.register.unit.code

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.register.year


class TargetOut(Schema):
    code: str
    text: str
    achievement: float | None = None
    met: bool


class PerformanceOut(Schema):
    unit: str
    year: int
    targets: list[TargetOut]
    met: int
    achievement: float | None = None


class WbsQuarter(Schema):
    quarter: int
    received: int | None = None
    in_process: int | None = None
    closed: int | None = None


class WbsOut(Schema):
    year: int
    total: int | None = None
    quarters: list[WbsQuarter]


data_router = Router(tags=["surveys, registers, performance, WBS"])


@data_router.get("/surveys", response=list[SurveyOut], summary="Surveys with their running figures")
@paginate(Pages)
def surveys(request, unit: str | None = None, year: int | None = None):
    found = Survey.objects.filter(unit__in=_unit_scope(request, unit)).select_related("unit", "service")
    if year:
        found = found.filter(period_start__year=_check_year(year))
    return found.order_by("-period_start", "pk")


@data_router.get("/registers/{kind}/entries", response=list[EntryOut], summary="A recap register's entries")
@paginate(Pages)
def register_entries(request, kind: str, unit: str | None = None, year: int | None = None):
    if kind not in register_types():
        raise Http404
    found = Entry.objects.filter(kind=kind, unit__in=_unit_scope(request, unit)).select_related("unit")
    if year:
        found = found.filter(year=_check_year(year))
    return found.order_by("day", "pk")


@data_router.get("/risks", response=list[RiskOut], summary="Risk registers' risks")
@paginate(Pages)
def risks(request, unit: str | None = None, year: int | None = None):
    registers = Register.objects.filter(unit__in=_unit_scope(request, unit))
    if year:
        registers = registers.filter(year=_check_year(year))
    return Risk.objects.filter(register__in=registers).select_related("register__unit").order_by("pk")


@data_router.get("/performance", response=PerformanceOut, summary="A unit's performance agreement, achieved")
def performance(request, unit: str, year: int):
    units = _unit_scope(request, unit)
    agreement = get_object_or_404(Agreement, unit__in=units, unit__code=unit, year=_check_year(year))
    s = summary(agreement)
    return {
        "unit": unit,
        "year": year,
        "targets": [
            {"code": t.target.code, "text": t.target.text, "achievement": _float(t.achievement), "met": t.met}
            for t in s.targets
        ],
        "met": s.met,
        "achievement": _float(s.achievement),
    }


@data_router.get("/wbs/statistics", response=WbsOut, summary="WBS counts (nothing else of the WBS leaves it)")
def wbs_statistics(request, unit: str, year: int | None = None):
    if not unit:
        raise HttpError(422, "give the unit's code")
    units = list(_unit_scope(request, unit))
    top = next(u for u in units if u.code == unit)
    if not (roles_on(_user(request), top) & (ALLOWED[Action.VIEW_AUDIT] | ALLOWED[Action.HANDLE_WBS])):
        raise HttpError(403, "the WBS counts are for the unit admin, the TPI, the APIP and the WBS team")
    year = _check_year(year) or timezone.localdate().year
    return {
        "year": year,
        "total": year_total(units, year),
        "quarters": [vars(q) for q in statistics(units, year)],
    }


class Me(Schema):
    username: str
    units: list[dict]


@api.get("/me", response=Me, tags=["units"], summary="Who the token acts as, and where")
def me(request):
    user = _user(request)
    return {
        "username": user.get_username(),
        "units": [
            {"unit": a.unit.code, "role": a.role, "below": a.include_descendants}
            for a in user.roles.select_related("unit")
        ],
    }


api.add_router("/units", units_router)
api.add_router("", plans_router)
api.add_router("", exports_router)
api.add_router("/lke", lke_router)
api.add_router("", cases_router)
api.add_router("", data_router)
