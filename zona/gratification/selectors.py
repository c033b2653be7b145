"""What the gratification pages read, each filtered by who asks: the units a person reports
from or handles as UPG, the reports they see (their own, and those of the UPG they serve), and a
UPG unit's year."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import Action, can, roles_for, unit_for

from .models import GratificationReport, Recap


def get_upg_unit_for_user(request, slug: str) -> Unit:
    """The unit of a UPG page: 404 when the user may not see it, 403 when they are not its UPG."""
    return unit_for(request, slug, Action.HANDLE_GRATIFICATION)


def report_units_visible_to(user) -> QuerySet:
    """The units the person may report a gift from."""
    return Unit.objects.filter(unit_scope_q(user, prefix="", roles=roles_for(Action.REPORT_GRATIFICATION)))


def upg_units_visible_to(user) -> QuerySet:
    """The units where the person is a UPG officer."""
    return Unit.objects.filter(unit_scope_q(user, prefix="", roles=roles_for(Action.HANDLE_GRATIFICATION)))


def reports_visible_to(user) -> QuerySet:
    """The reporter's own reports, and those of the units where the user is a UPG officer."""
    units = upg_units_visible_to(user)
    return GratificationReport.objects.filter(
        Q(reporter=user) | Q(unit__in=units) | Q(upg_unit__in=units)
    ).select_related("unit", "reporter", "upg_unit")


def own_reports(user) -> QuerySet:
    return GratificationReport.objects.filter(reporter=user).select_related("unit")


def may_handle(user, report: GratificationReport) -> bool:
    """A UPG officer of the report's unit, or of the UPG holding it now (the UPG above)."""
    return can(user, Action.HANDLE_GRATIFICATION, report.unit) or can(
        user, Action.HANDLE_GRATIFICATION, report.holder
    )


def get_report_for_user(request, pk: int, action: str = "see") -> GratificationReport:
    """The report of a page, by what the page does with it: "see" (its reporter's or its UPG's),
    "handle" (a step of its UPG: 403 for its reporter) or "complete" (what the reporter adds: their
    own only). 404 when the user may not see it."""
    reports = own_reports(request.user) if action == "complete" else reports_visible_to(request.user)
    report = get_object_or_404(reports, pk=pk)
    if action == "handle" and not may_handle(request.user, report):
        raise PermissionDenied
    return report


def unit_year(unit: Unit, year: int) -> tuple[QuerySet, QuerySet]:
    """A UPG unit's year: the reports made at it or passed up to it, and its recaps."""
    reports = (
        GratificationReport.objects.filter(Q(unit=unit) | Q(upg_unit=unit))
        .filter(reported_on__year=year)
        .select_related("reporter", "unit")
    )
    return reports, Recap.objects.filter(unit=unit, period_start__year=year).select_related("document")


def get_unit_for_user(request, slug: str) -> Unit:
    """A unit the person may see (404 otherwise): whoever may read its LKE."""
    return get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)


def recaps_of(unit: Unit, year: int) -> QuerySet:
    return Recap.objects.filter(unit=unit, period_start__year=year).order_by("period_start")
