"""The plans' API: plans with their progress tree, their action steps, marking a step done, and
queueing a plan's export (Lampiran II)."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from zona.api.common import In, Pages, check_year, unit_scope, user
from zona.evidence.api import ExportOut, export_queue

from .models import ActionStep, Plan
from .selectors import may_report_step, plan_tree
from .services import StepError, step_set_done

router = Router(tags=["plans and monev"])


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


class StepStatusIn(In):
    done: bool
    reason: str = ""  # required to move a finished step back


def get_plan_for_token(request, pk: int) -> Plan:
    """The plan, if the token's owner sees it (404 otherwise)."""
    return get_object_or_404(Plan.objects.visible_to(user(request)).select_related("unit"), pk=pk)


def get_step_for_token(request, step_id: int) -> ActionStep:
    """The action step, if the token's owner sees it (404) and may report on it (403)."""
    step = get_object_or_404(
        ActionStep.objects.filter(
            indicator__component__area__plan__in=Plan.objects.visible_to(user(request))
        ).select_related("indicator__component__area__plan__unit", "pic"),
        pk=step_id,
    )
    if not may_report_step(user(request), step):
        raise HttpError(403, "only the step's person in charge or the unit's reporters change it")
    return step


def _node(node) -> dict[str, Any]:
    obj = node.obj
    name = getattr(obj, "name", None) or getattr(obj, "text", "")
    return {
        "id": obj.pk,
        "name": str(name)[:500],
        "progress": float(node.progress),
        "children": [_node(child) for child in node.children],
    }


@router.get("/plans", response=list[PlanOut], summary="Plans, by unit and year")
@paginate(Pages)
def plans(request, unit: str | None = None, year: int | None = None):
    found = (
        Plan.objects.filter(unit__in=unit_scope(request, unit)).select_related("unit").order_by("-year", "pk")
    )
    return found.filter(year=check_year(year)) if year else found


@router.get("/plans/{plan_id}", response=PlanDetail, summary="A plan with its progress tree")
def plan_detail(request, plan_id: int):
    plan = get_plan_for_token(request, plan_id)
    plan.tree = plan_tree(plan)
    return plan


@router.get("/plans/{plan_id}/steps", response=list[StepOut], summary="A plan's action steps")
@paginate(Pages)
def plan_steps(request, plan_id: int, done: bool | None = None):
    plan = get_plan_for_token(request, plan_id)
    steps = (
        ActionStep.objects.filter(indicator__component__area__plan=plan).select_related("pic").order_by("pk")
    )
    if done is not None:
        steps = steps.filter(done_at__isnull=not done)
    return steps


@router.post("/steps/{step_id}/status", response=StepOut, summary="Mark a step done or open")
def step_status(request, step_id: int, payload: StepStatusIn):
    step = get_step_for_token(request, step_id)
    try:
        return step_set_done(step=step, done=payload.done, by=user(request), reason=payload.reason)
    except StepError as exc:
        raise HttpError(422, str(exc)) from exc


@router.api_operation(
    ["GET", "POST"],
    "/plans/{plan_id}/export",
    response={202: ExportOut},
    tags=["exports"],
    operation_id="zona_api_exports_plan_export",
    summary="Queue the plan as XLSX or PDF (Lampiran II); fetch it from the export once done",
)
def plan_export(request, plan_id: int, format: str = "xlsx"):  # noqa: A002 - the query's name
    plan = get_plan_for_token(request, plan_id)
    if format not in ("xlsx", "pdf"):
        raise HttpError(422, "format is xlsx or pdf")
    return export_queue(request, kind="plans.plan", obj=plan, fmt=format)
