"""The surveys' API: each survey with its running figures (respondents, IKM or index, mutu)."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, as_float, check_year, unit_scope

from .figures import figures
from .models import Survey

router = Router(tags=["surveys, registers, performance, WBS"])


def _result(survey):
    if not hasattr(survey, "_api_result"):
        survey._api_result = figures(survey, survey.tally).result
    return survey._api_result


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
        return as_float(_result(obj).converted)

    @staticmethod
    def resolve_index(obj) -> float | None:
        return as_float(_result(obj).index)

    @staticmethod
    def resolve_mutu(obj) -> str | None:
        return _result(obj).mutu


@router.get("/surveys", response=list[SurveyOut], summary="Surveys with their running figures")
@paginate(Pages)
def surveys(request, unit: str | None = None, year: int | None = None):
    found = Survey.objects.filter(unit__in=unit_scope(request, unit))
    found = found.select_related("unit", "service", "tally")  # the figures with the list
    if year:
        found = found.filter(period_start__year=check_year(year))
    return found.order_by("-period_start", "pk")
