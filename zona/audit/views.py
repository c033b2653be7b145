from datetime import date

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from zona.lib.text import as_int
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, require

from .models import AuditEvent
from .trail import entries_for, may_read, rows, trail_xlsx, unit_entries


@login_required
def unit_log(request, unit_slug: str):
    unit = get_object_or_404(Unit, slug=unit_slug)
    require(request.user, Action.VIEW_AUDIT, unit)
    events = AuditEvent.objects.filter(unit=unit).select_related("actor")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/unit_log.html", {"unit": unit, "page": page})


@login_required
def history(request, label: str, pk: int):
    """Every field change of one recorded object, for those who may read its unit's trail (any
    other object, recorded or not, answers 404)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None or not may_read(request.user, instance):
        raise Http404
    return render(
        request,
        "audit/history.html",
        {"instance": instance, "label": model._meta.verbose_name, "rows": rows(entries_for(instance)[:500])},
    )


def _period(request) -> tuple[date, date]:
    today = timezone.localdate()
    year = as_int(request.GET.get("tahun")) or today.year
    year = year if 2000 <= year <= 2100 else today.year
    return date(year, 1, 1), date(year, 12, 31)


@login_required
def unit_trail(request, unit_slug: str, fmt: str = "html"):
    """The unit's field-level trail of a year (and of the units below it), on a page or as XLSX
    for the Inspektorat."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=unit_slug)
    require(request.user, Action.VIEW_AUDIT, unit)
    start, end = _period(request)
    units = list(Unit.objects.filter(path__startswith=unit.path))
    entries = unit_entries(units, start, end, request.user)
    if fmt == "xlsx":
        title = f"JEJAK AUDIT {unit.name.upper()} {start:%d/%m/%Y}–{end:%d/%m/%Y}"
        response = HttpResponse(
            trail_xlsx(title, entries),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="jejak-audit-{unit.slug}-{start.year}.xlsx"'
        return response
    page = Paginator(entries, 100).get_page(request.GET.get("halaman"))
    return render(
        request,
        "audit/trail.html",
        {"unit": unit, "year": start.year, "page": page, "rows": rows(page), "query": f"tahun={start.year}"},
    )
