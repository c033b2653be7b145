"""The complaints' API: the complaints the token's owner handles, and a step of their workflow
with the pages' rules."""

from datetime import date

from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from zona.api.common import In, Pages, user
from zona.cases.api import CaseOut, get_case_for_token, get_cases_for_token
from zona.cases.services import CaseError

from .services import complaint_step

router = Router(tags=["complaints and PPID"])


class TransitionIn(In):
    action: str
    reason: str = ""
    complaint_type: str = ""
    agency: str = ""
    forwarded_on: date | None = None


@router.get("/complaints", response=list[CaseOut], summary="Complaints the token's owner handles")
@paginate(Pages)
def complaints(request, unit: str | None = None, state: str | None = None, received_from: date | None = None,
               received_to: date | None = None):  # fmt: skip
    return get_cases_for_token(request, "complaint", unit, state, received_from, received_to)


@router.get("/complaints/{case_id}", response=CaseOut)
def complaint(request, case_id: int):
    return get_case_for_token(request, "complaint", case_id)


@router.post(
    "/complaints/{case_id}/transitions", response=CaseOut, summary="A step of the complaint's workflow"
)
def complaint_transition(request, case_id: int, payload: TransitionIn):
    case = get_case_for_token(request, "complaint", case_id)
    try:
        case = complaint_step(case=case, by=user(request), **payload.dict())
    except CaseError as exc:
        raise HttpError(422, str(exc)) from exc
    return case
