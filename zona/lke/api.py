"""The LKE's API: the self-assessments and their scores."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, check_year, unit_scope, user

from .gates import assessment_gates, gates_json
from .models import Assessment
from .states import shown_score

router = Router(tags=["LKE"])


class AssessmentOut(Schema):
    id: int
    unit: str
    year: int
    stage: str
    scores: dict
    # The level whose eligibility counts (the TPI's once every question is reviewed) and whether
    # that eligibility is provisional (unconfirmed carried-over answers, missing evidence).
    shown_level: str | None = None
    provisional: bool = False

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_shown_level(obj) -> str | None:
        shown = shown_score(obj.scores)
        return shown[0] if shown else None

    @staticmethod
    def resolve_provisional(obj) -> bool:
        shown = shown_score(obj.scores)
        return bool(shown and shown[1].get("provisional", False))


@router.get("/lke/assessments", response=list[AssessmentOut], summary="Self-assessments and their scores")
@paginate(Pages)
def assessments(request, unit: str | None = None, year: int | None = None):
    found = (
        Assessment.objects.filter(unit__in=unit_scope(request, unit)).select_related("unit").order_by("-year")
    )
    return found.filter(year=check_year(year)) if year else found


@router.get("/lke/assessments/{assessment_id}", response=AssessmentOut)
def assessment(request, assessment_id: int):
    return get_object_or_404(
        Assessment.objects.visible_to(user(request)).select_related("unit"), pk=assessment_id
    )


class GatesOut(Schema):
    """Every WBK/WBBM gate of the assessment: value, threshold, margin (value − threshold), passed,
    whether answers can move it (and why not). `level`: whose answers (mandiri, or tpi once every
    question is reviewed)."""

    level: str
    total: float
    predicates: dict


@router.get(
    "/lke/assessments/{assessment_id}/gates", response=GatesOut, summary="The WBK/WBBM gates with margins"
)
def gates(request, assessment_id: int):
    found = get_object_or_404(
        Assessment.objects.visible_to(user(request)).select_related("unit"), pk=assessment_id
    )
    return gates_json(assessment_gates(found))
