"""The recap registers' API: a register's entries."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from zona.api.common import Pages, check_year, unit_scope

from .models import Entry
from .types import register_types

router = Router(tags=["surveys, registers, performance, WBS"])


class EntryOut(Schema):
    id: int
    unit: str
    kind: str
    year: int
    date: dt.date | None = None
    values: dict

    @staticmethod
    def resolve_unit(obj) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_date(obj) -> dt.date | None:
        return obj.day


@router.get("/registers/{kind}/entries", response=list[EntryOut], summary="A recap register's entries")
@paginate(Pages)
def register_entries(request, kind: str, unit: str | None = None, year: int | None = None):
    if kind not in register_types():
        raise Http404
    found = Entry.objects.filter(kind=kind, unit__in=unit_scope(request, unit)).select_related("unit")
    if year:
        found = found.filter(year=check_year(year))
    return found.order_by("day", "pk")
