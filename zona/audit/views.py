from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from zona.orgs.models import Unit
from zona.orgs.permissions import Action, require

from .models import AuditEvent


@login_required
def unit_log(request, unit_slug: str):
    unit = get_object_or_404(Unit, slug=unit_slug)
    require(request.user, Action.VIEW_AUDIT, unit)
    events = AuditEvent.objects.filter(unit=unit).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/unit_log.html", {"unit": unit, "page": page})
