"""Importing a plan on the web: upload → (when the columns are not recognised: map them, with a
live preview) → preview (the layout, the columns read, the LKE links, the flagged rows, the year)
→ save. The uploaded file waits in private storage between the steps; nothing is saved to the
plan before the user confirms."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zona.lib.text import as_int

from .forms import ImportForm
from .importers import ParsedPlan, PlanFileError, read_plan
from .importers.layout import MappingNeeded
from .importers.template import template_xlsx
from .selectors import import_mapping_offer
from .services import import_mapping_save, plan_import

SESSION_KEY = "zona_import"
PENDING = "imports/pending"
PROBLEMS_SHOWN = 100  # a garbage file can have tens of thousands: show the first ones and a count
# What a column can be, in the order the mapping page offers them.
MAPPABLE = [
    ("indicator", gettext_lazy("Indicator / LKE question")),
    ("actions", gettext_lazy("Action steps")),
    ("evidence", gettext_lazy("Evidence (output, document)")),
    ("target", gettext_lazy("Target period")),
    ("pic", gettext_lazy("Person in charge / team")),
    ("code", gettext_lazy("LKE code")),
    ("item", gettext_lazy("LKE item letter")),
    ("area", gettext_lazy("Area of change")),
    ("subarea", gettext_lazy("Sub-area")),
    ("part", gettext_lazy("Pemenuhan / Reform")),
    ("no", gettext_lazy("Component number")),
    ("component", gettext_lazy("Component")),
    ("measures", gettext_lazy("Measures (counts)")),
    ("year", gettext_lazy("Year")),
]


def problems_shown(exc: PlanFileError) -> dict:
    return {
        "problems": exc.problems[:PROBLEMS_SHOWN],
        "problems_total": len(exc.problems),
        "problems_more": max(0, len(exc.problems) - PROBLEMS_SHOWN),
    }


def _allowed_units(user):
    return ImportForm(user=user).fields["unit"].queryset


def _pending(request) -> dict:
    return request.session.get(SESSION_KEY) or {}


def _file_bytes(pending: dict) -> bytes:
    with default_storage.open(pending["file"], "rb") as handle:
        return handle.read()


def _clean_old_uploads() -> None:
    """Files left by uploads that were never confirmed, older than a day, go."""
    try:
        _dirs, names = default_storage.listdir(PENDING)
    except (FileNotFoundError, NotImplementedError):
        return
    limit = timezone.now() - timedelta(days=1)
    for name in names:
        path = f"{PENDING}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


def _forget(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending and pending.get("file"):
        default_storage.delete(pending["file"])


def _read(pending: dict, mapping: dict | None) -> ParsedPlan:
    return read_plan(_file_bytes(pending), pending["filename"], default_year=pending["year"], mapping=mapping)


@login_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied  # no unit on which this user may import a plan
    if request.method != "POST" or not form.is_valid():
        return render(request, "plans/import.html", {"form": form})
    upload = form.cleaned_data["file"]
    _forget(request)
    _clean_old_uploads()
    suffix = Path(upload.name or "").suffix.lower()[:10]
    stored = default_storage.save(f"{PENDING}/{uuid.uuid4().hex}{suffix}", ContentFile(upload.read()))
    pending = {
        "file": stored,
        "filename": (upload.name or "")[:255],
        "unit": form.cleaned_data["unit"].pk,
        "year": form.cleaned_data["year"],
        "replace": form.cleaned_data["replace"],
        "mapping": None,
    }
    request.session[SESSION_KEY] = pending
    try:
        parsed = _read(pending, None)
    except MappingNeeded:
        return redirect("plans:import_mapping")
    except PlanFileError as exc:
        _forget(request)
        return render(request, "plans/import.html", {"form": form, **problems_shown(exc)})
    return _show_preview(request, pending, parsed)


def _show_preview(request, pending: dict, parsed: ParsedPlan):
    pending["plan"] = parsed.to_dict()
    request.session[SESSION_KEY] = pending
    unit = get_object_or_404(_allowed_units(request.user), pk=pending["unit"])
    skipped = [f for f in parsed.flagged if f.skipped]
    notes = [f for f in parsed.flagged if not f.skipped]
    return render(
        request,
        "plans/import_preview.html",
        {
            "parsed": parsed,
            "counts": parsed.counts(),
            "unit": unit,
            "year": pending["year"] or parsed.year,
            "links": parsed.lke_links(),
            "skipped": skipped[:PROBLEMS_SHOWN],
            "skipped_total": len(skipped),
            "notes": notes[:PROBLEMS_SHOWN],
            "notes_total": len(notes),
            "columns": [
                (field, header, dict(MAPPABLE).get(field, field)) for field, header in parsed.columns.items()
            ],
            "mapped": bool(pending.get("mapping")),
        },
    )


def _headers(pending: dict) -> list[str]:
    try:
        _read(pending, None)
    except MappingNeeded as needed:
        return needed.headers
    except PlanFileError:
        return []
    return []


@login_required
def import_mapping(request):
    """The file's columns, each with a choice of field; the unit's saved mapping for the same
    header row is offered first."""
    pending = _pending(request)
    if not pending.get("file"):
        messages.error(request, _("Nothing to map: upload the file again."))
        return redirect("plans:import")
    unit = get_object_or_404(_allowed_units(request.user), pk=pending["unit"])
    headers = _headers(pending)
    saved = import_mapping_offer(unit, headers)
    chosen = (
        _posted_mapping(request, headers) if request.method == "POST" else (saved.mapping if saved else {})
    )
    if request.method == "POST":
        if "indicator" not in chosen:
            messages.error(request, _("Say which column holds the indicator (or the LKE question)."))
        else:
            try:
                parsed = _read(pending, chosen)
            except PlanFileError as exc:
                return _mapping_page(request, unit, headers, chosen, saved, problems_shown(exc))
            import_mapping_save(unit=unit, headers=headers, mapping=chosen, by=request.user)
            pending["mapping"] = chosen
            return _show_preview(request, pending, parsed)
    return _mapping_page(request, unit, headers, chosen, saved, {})


def _posted_mapping(request, headers: list[str]) -> dict[str, str]:
    """field → header from the posted choices `col<index>` (each field once, first wins)."""
    fields = dict(MAPPABLE)
    chosen: dict[str, str] = {}
    for index, header in enumerate(headers):
        field = request.POST.get(f"col{index}", "")
        if field in fields and field not in chosen and header:
            chosen[field] = header
    return chosen


def _mapping_page(request, unit, headers, chosen, saved, problems: dict):
    by_header = {header: field for field, header in chosen.items()}
    return render(
        request,
        "plans/import_mapping.html",
        {
            "unit": unit,
            "columns": [(index, header, by_header.get(header, "")) for index, header in enumerate(headers)],
            "choices": MAPPABLE,
            "saved": saved,
            **problems,
        },
    )


@login_required
@require_POST
def import_mapping_preview(request):
    """The live preview beside the mapping (htmx): what the current choices would import."""
    pending = _pending(request)
    if not pending.get("file"):
        return HttpResponse(status=204)
    get_object_or_404(_allowed_units(request.user), pk=pending["unit"])
    chosen = _posted_mapping(request, _headers(pending))
    context: dict = {"chosen": chosen}
    if "indicator" in chosen:
        try:
            parsed = _read(pending, chosen)
        except PlanFileError as exc:
            context.update(problems_shown(exc))
        else:
            context.update(
                {
                    "counts": parsed.counts(),
                    "links": parsed.lke_links(),
                    "first": parsed.indicators()[:5],
                    "skipped_total": sum(1 for f in parsed.flagged if f.skipped),
                    "layout": parsed.layout,
                    "row_summary": parsed.row_summary(),
                }
            )
    return render(request, "plans/_mapping_preview.html", context)


@login_required
@require_POST
def import_confirm(request):
    pending = _pending(request)
    if not pending.get("plan"):
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("plans:import")
    unit = get_object_or_404(_allowed_units(request.user), pk=pending["unit"])
    parsed = ParsedPlan.from_dict(pending["plan"])
    year = pending["year"]
    if parsed.year_conflict:
        year = as_int(request.POST.get("year"))
        if year not in parsed.year_conflict.values():
            messages.error(request, _("The title and the rows name different years: choose the plan's year."))
            return _show_preview(request, pending, parsed)
    try:
        plan = plan_import(
            parsed=parsed,
            unit=unit,
            by=request.user,
            year=year,
            source_name=pending["filename"],
            replace=pending["replace"],
        )
    except PlanFileError as exc:
        _forget(request)
        return render(
            request, "plans/import.html", {"form": ImportForm(user=request.user), **problems_shown(exc)}
        )
    _forget(request)
    messages.success(request, f"{_('Plan imported.')} {parsed.row_summary()}")
    return redirect("plans:detail", pk=plan.pk)


@login_required
def import_template(request):
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-rencana-kerja-zi.xlsx"'
    return response
