"""The monev's API: a plan's quarterly cycles, a cycle with every step's report, and reporting on
a step in an open cycle."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from zona.api.common import In, Pages, user
from zona.plans.api import get_plan_for_token, get_step_for_token

from .models import MonevCycle
from .services import MonevError, step_report
from .snapshot import cycle_data

router = Router(tags=["plans and monev"])


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


def get_cycle_for_token(request, cycle_id: int) -> MonevCycle:
    return get_object_or_404(
        MonevCycle.objects.visible_to(user(request)).select_related("plan__unit"), pk=cycle_id
    )


@router.get("/monev/cycles", response=list[CycleOut], summary="Monev cycles of a plan")
@paginate(Pages)
def cycles(request, plan: int):
    return MonevCycle.objects.filter(plan=get_plan_for_token(request, plan)).order_by("quarter")


@router.get("/monev/cycles/{cycle_id}", summary="A cycle: every step's report, progress, findings")
def cycle_detail(request, cycle_id: int) -> dict:
    return cycle_data(get_cycle_for_token(request, cycle_id))


@router.post("/monev/cycles/{cycle_id}/reports", summary="Report on a step in a quarter's cycle")
def cycle_report(request, cycle_id: int, payload: ReportIn) -> dict:
    cycle = get_cycle_for_token(request, cycle_id)
    step = get_step_for_token(request, payload.step)
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
            by=user(request),
            reason=payload.reason,
        )
    except (MonevError, ValueError) as exc:
        raise HttpError(422, str(exc)) from exc
    return {"step": step.pk, "status": report.status, "progress": report.progress}
