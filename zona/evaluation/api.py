"""The evaluators' requests for data or information in the API: the requests of the units the
token's owner sees (a TPI team member: only the units they evaluate)."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, unit_scope, user

from .models import InformationRequest, RequestState
from .selectors import is_late, requests_visible_to

router = Router(tags=["Evaluation"])


class RequestOut(Schema):
    id: int
    unit: str
    year: int
    question: str
    kind: str
    text: str
    state: str
    due_date: date
    late: bool
    answer: str

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.assessment.unit.code

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.assessment.year

    @staticmethod
    def resolve_question(obj) -> str:
        return obj.ref

    @staticmethod
    def resolve_late(obj) -> bool:
        return is_late(obj, timezone.localdate())


@router.get(
    "/evaluation/requests", response=list[RequestOut], summary="Evaluators' requests for data or information"
)
@paginate(Pages)
def requests(request, unit: str | None = None, state: RequestState | None = None):
    found = requests_visible_to(user(request)).filter(assessment__unit__in=unit_scope(request, unit))
    if state:
        found = found.filter(state=state)
    return found.order_by("due_date", "pk")


@router.get("/evaluation/requests/{request_id}", response=RequestOut)
def request_detail(request, request_id: int):
    return get_object_or_404(
        InformationRequest.objects.filter(pk__in=requests_visible_to(user(request))), pk=request_id
    )
