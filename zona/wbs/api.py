"""The WBS's API: its aggregate counts per quarter, and nothing else of the WBS. Only the unit
admin, the TPI, the APIP and the WBS team over the unit read them; counts under the minimum are
withheld (zona/wbs/figures.py)."""

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from zona.api.common import check_year, unit_scope, user
from zona.orgs.models import roles_on
from zona.orgs.permissions import ALLOWED, Action

from .figures import statistics, year_total

router = Router(tags=["surveys, registers, performance, WBS"])


class WbsQuarter(Schema):
    quarter: int
    received: int | None = None
    in_process: int | None = None
    closed: int | None = None


class WbsOut(Schema):
    year: int
    total: int | None = None
    quarters: list[WbsQuarter]


@router.get("/wbs/statistics", response=WbsOut, summary="WBS counts (nothing else of the WBS leaves it)")
def wbs_statistics(request, unit: str, year: int | None = None):
    if not unit:
        raise HttpError(422, "give the unit's code")
    units = list(unit_scope(request, unit))
    top = next(u for u in units if u.code == unit)
    if not (roles_on(user(request), top) & (ALLOWED[Action.VIEW_AUDIT] | ALLOWED[Action.HANDLE_WBS])):
        raise HttpError(403, "the WBS counts are for the unit admin, the TPI, the APIP and the WBS team")
    year = check_year(year) or timezone.localdate().year
    return {
        "year": year,
        "total": year_total(units, year),
        "quarters": [vars(q) for q in statistics(units, year)],
    }
