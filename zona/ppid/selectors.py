"""What the PPID pages read, each filtered by who asks (a staff page's unit is
`zona.orgs.permissions.unit_for`): the Daftar Informasi Publik (the
public's part and the unit's whole list), a keberatan or dispute as the user may see it, a
request's keberatan with their disputes, and a unit's registers of a year."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from zona.cases.models import Case
from zona.cases.selectors import get_case_for_user
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, unit_for

from .models import KIND, AnnualReportText, Dispute, InformationItem, InformationRequest, Objection


def unit_public(slug: str) -> Unit:
    return get_object_or_404(Unit, slug=slug)


def dip_public(unit: Unit, as_of: date | None = None) -> QuerySet:
    """The unit's Daftar Informasi Publik as the public sees it (as it stood on `as_of`: the
    items updated by then)."""
    items = InformationItem.objects.public().filter(unit=unit).select_related("document")
    return items.filter(updated_on__lte=as_of) if as_of else items


def service_year(unit: Unit, year: int) -> tuple[QuerySet, int]:
    """The annual reports on the information service sent to the Komisi Informasi in the year, and
    the requests the register received in it: what the LKE's A.I.2.iii.b counted."""
    sent = AnnualReportText.objects.filter(unit=unit, submitted_on__year=year).order_by("year")
    return sent, InformationRequest.objects.filter(case__unit=unit, case__received_on__year=year).count()


def dip_public_item(slug: str, pk: int) -> InformationItem:
    """One public item of the unit's list, 404 when it is not public."""
    return get_object_or_404(
        InformationItem.objects.public().select_related("document"), unit__slug=slug, pk=pk
    )


def dip_all(unit: Unit) -> QuerySet:
    """The unit's whole list, for its PPID."""
    return InformationItem.objects.filter(unit=unit).select_related("document")


def objections_with_disputes(info: InformationRequest) -> QuerySet:
    return info.objections.prefetch_related("disputes")


def get_ppid_unit_for_user(request, slug: str) -> Unit:
    """The unit of a PPID officer's page: 404 when the user may not see it, 403 when they do not
    handle its PPID."""
    return unit_for(request, slug, Action.HANDLE_PPID)


def get_request_for_user(request, pk: int) -> Case:
    """An information request's case, for its handlers (the case engine's rule)."""
    return get_case_for_user(request, pk, KIND)


def get_objection_for_user(request, pk: int) -> Objection:
    """A keberatan the user may see (404 otherwise), with its request's case and unit."""
    return get_object_or_404(
        Objection.objects.visible_to(request.user).select_related("request__case__unit"), pk=pk
    )


def get_dispute_for_user(request, pk: int) -> Dispute:
    """A dispute the user may see (404 otherwise), with its keberatan's case and unit."""
    return get_object_or_404(
        Dispute.objects.visible_to(request.user).select_related("objection__request__case__unit"), pk=pk
    )


def registers_of(unit: Unit, year: int) -> tuple[QuerySet, QuerySet]:
    """The unit's register of requests received in the year (in their order) and of keberatan."""
    requests = (
        InformationRequest.objects.filter(case__unit=unit, case__received_on__year=year)
        .select_related("case")
        .order_by("case__seq")
    )
    objections = Objection.objects.filter(request__case__unit=unit, received_on__year=year).select_related(
        "request__case"
    )
    return requests, objections
