"""The PPID's API: the information requests the token's owner handles, and their workflow steps
(extend, decide, deliver) through the PPID's own services and rules."""

from datetime import date

from ninja import Field, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from zona.api.common import In, Pages, user
from zona.cases.api import CaseOut, get_case_for_token, get_cases_for_token
from zona.cases.models import Case
from zona.cases.services import CaseError

from .services import request_decide, request_deliver, request_extend

router = Router(tags=["complaints and PPID"])


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


@router.get("/ppid/requests", response=list[CaseOut], summary="Information requests the owner handles")
@paginate(Pages)
def ppid_requests(
    request, unit: str | None = None, state: str | None = None, received_from: date | None = None,
    received_to: date | None = None,
):  # fmt: skip
    return get_cases_for_token(request, "ppid", unit, state, received_from, received_to)


def _step(request, case_id: int, service, payload) -> Case:
    """A step of the request's workflow through the PPID module's own service and its rules."""
    case = get_case_for_token(request, "ppid", case_id)
    try:
        service(case=case, by=user(request), **payload.dict())
    except CaseError as exc:
        raise HttpError(422, str(exc)) from exc
    return get_case_for_token(request, "ppid", case_id)


@router.post("/ppid/requests/{case_id}/extend", response=CaseOut, summary="Extend (once, with reasons)")
def ppid_extend(request, case_id: int, payload: ExtendIn):
    return _step(request, case_id, request_extend, payload)


@router.post("/ppid/requests/{case_id}/decide", response=CaseOut, summary="Decide the request")
def ppid_decide(request, case_id: int, payload: DecideIn):
    return _step(request, case_id, request_decide, payload)


@router.post("/ppid/requests/{case_id}/deliver", response=CaseOut, summary="Record the delivery")
def ppid_deliver(request, case_id: int, payload: DeliverIn):
    return _step(request, case_id, request_deliver, payload)


@router.get("/ppid/requests/{case_id}", response=CaseOut)
def ppid_request(request, case_id: int):
    return get_case_for_token(request, "ppid", case_id)
