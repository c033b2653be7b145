from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from zona.evidence.downloads import previewable
from zona.evidence.selectors import verification_queue
from zona.orgs.permissions import Action, may_somewhere
from zona.peers.selectors import peer_lines
from zona.road.calendar import countdowns

from .queues import evidence_sources, overdue_steps, rejected_evidence, unassigned_steps
from .selectors import standing, todo, unit_visible_to

PAGE = 25


def _queue_of(request, action: Action) -> None:
    """A queue page is for the people who do its work somewhere; anyone else is refused (403),
    never told "nothing waiting" about work that is not theirs to see."""
    if not may_somewhere(request.user, action):
        raise PermissionDenied


@login_required
def home(request):
    today = timezone.localdate()
    rows = standing(request.user)
    counted = {c.unit.pk: c for c in countdowns([row.unit for row in rows], today)}
    places = peer_lines([row.unit for row in rows], today.year)
    for row in rows:
        row.countdown = counted[row.unit.pk]  # days to the proposal deadline, gates still failing
        row.peer_places = places[row.unit.pk]  # its percentiles among its peers
    return render(
        request, "start/home.html", {"today": today, "todo": todo(request.user, today), "standing": rows}
    )


@login_required
def verify(request):
    """Every evidence item waiting for the person's verification, with a preview and the verdict
    in place (posted to the evidence review, which checks the right on the item's unit)."""
    _queue_of(request, Action.VERIFY)
    under = unit_visible_to(request.user, request.GET.get("unit", ""))
    page = Paginator(verification_queue(request.user, under=under), PAGE).get_page(request.GET.get("halaman"))
    sources = evidence_sources(page.object_list)
    rows = [{"item": item, "version": item.current, "sources": sources.get(item.pk, [])} for item in page]
    for row in rows:
        row["preview"] = previewable(row["version"])
        row["image"] = row["preview"] and row["version"].mime.startswith("image/")
    return render(request, "start/verify.html", {"page": page, "rows": rows, "under": under})


@login_required
def overdue(request):
    """Every overdue step of the plans the person manages, paged."""
    _queue_of(request, Action.MANAGE_PLAN)
    today = timezone.localdate()
    page = Paginator(overdue_steps(request.user, today), PAGE).get_page(request.GET.get("halaman"))
    return render(request, "start/overdue.html", {"page": page, "today": today, "kind": "overdue"})


@login_required
def unassigned(request):
    """Every open step nobody is in charge of in the plans the person manages, paged."""
    _queue_of(request, Action.MANAGE_PLAN)
    page = Paginator(unassigned_steps(request.user), PAGE).get_page(request.GET.get("halaman"))
    return render(
        request, "start/overdue.html", {"page": page, "today": timezone.localdate(), "kind": "unassigned"}
    )


@login_required
def rejected(request):
    """The evidence the TPI rejected in the units whose plan the person manages, with the reason
    and a new version's upload in place."""
    _queue_of(request, Action.MANAGE_PLAN)
    page = Paginator(rejected_evidence(request.user), PAGE).get_page(request.GET.get("halaman"))
    sources = evidence_sources(page.object_list)
    rows = [{"item": item, "sources": sources.get(item.pk, [])} for item in page]
    return render(request, "start/rejected.html", {"page": page, "rows": rows})
