"""The road's API: an assessment's forecast at the proposal deadline, next to its gates
(`/api/lke/assessments/{id}/gates`)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from zona.api.common import user
from zona.lke.models import Assessment

from .forecast_json import assessment_forecast

router = Router(tags=["LKE"])


class ForecastOut(Schema):
    """The forecast at the unit's proposal deadline in three scenarios (`today`: the answers as
    they stand; `on_time`: every open plan step linked to a question lands if due by the
    deadline; `on_schedule`: only the steps now on schedule land), each with its total, every
    WBK/WBBM gate (value, threshold, margin, passed) and the questions that move: before and
    after, the linked steps that land and those that do not, the evidence and why it is stale."""

    unit: str
    year: int
    today: str
    deadline: str
    scenarios: dict


@router.get(
    "/lke/assessments/{assessment_id}/forecast",
    response=ForecastOut,
    summary="The forecast at the proposal deadline: three scenarios with their gates",
)
def forecast(request, assessment_id: int):
    found = get_object_or_404(
        Assessment.objects.visible_to(user(request)).select_related("unit"), pk=assessment_id
    )
    return assessment_forecast(found, today=timezone.localdate())
