"""The risk registers' API: the risks with their levels."""

from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, check_year, unit_scope

from .models import Register, Risk

router = Router(tags=["surveys, registers, performance, WBS"])


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


@router.get("/risks", response=list[RiskOut], summary="Risk registers' risks")
@paginate(Pages)
def risks(request, unit: str | None = None, year: int | None = None):
    registers = Register.objects.filter(unit__in=unit_scope(request, unit))
    if year:
        registers = registers.filter(year=check_year(year))
    return Risk.objects.filter(register__in=registers).select_related("register__unit").order_by("pk")
