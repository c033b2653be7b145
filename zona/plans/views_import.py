"""Importing a plan on the web: upload → (a scanned PDF: read by OCR in the background worker,
its progress shown) → (when the columns are not recognised: map them, with a
live preview) → preview (the layout, the columns read, the LKE links, the flagged rows, the year)
→ save. Only the uploaded file waits between the steps (kept in private storage, see uploads.py),
each step reads it again; nothing is saved to the plan before the user confirms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zona.lib.feedback import PROBLEMS_SHOWN, problems_listed
from zona.lib.text import as_int

from .forms import ImportForm
from .importers import ParsedPlan, PlanFileError, read_plan
from .importers.layout import MappingNeeded
from .importers.scan import ScanNeedsOcr
from .importers.template import template_xlsx
from .scanning import DONE, FAILED, scan_content, scan_queue, scan_state
from .selectors import get_import_unit_for_user, import_mapping_offer
from .services import import_mapping_save, plan_import, replaced_note
from .uploads import Upload, upload_find, upload_forget, upload_keep, uploads_clean

SESSION_KEY = "zona_import"  # the kept file's key and the chosen mapping, nothing else
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


def _held(request) -> tuple[Upload | None, dict | None]:
    """The user's kept file named by the session (None when gone, expired or not theirs) and
    the mapping chosen for it."""
    held = request.session.get(SESSION_KEY) or {}
    return upload_find(request.user, held.get("key")), held.get("mapping")


def _hold(request, key: str, mapping: dict | None) -> None:
    request.session[SESSION_KEY] = {"key": key, "mapping": mapping}


def _forget(request) -> None:
    held = request.session.pop(SESSION_KEY, None) or {}
    upload_forget(request.user, held.get("key"))


def _read(upload: Upload, mapping: dict | None) -> ParsedPlan:
    """The plan in the kept file (a scan: from what OCR read of it, once read)."""
    return read_plan(
        upload.data(),
        upload.filename,
        default_year=upload.year,
        mapping=mapping,
        scanned=scan_content(upload.owner, upload.key),
    )


@login_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied  # no unit on which this user may import a plan
    if request.method != "POST" or not form.is_valid():
        return render(request, "plans/import.html", {"form": form})
    file = form.cleaned_data["file"]
    _forget(request)
    uploads_clean()
    key = upload_keep(
        request.user,
        file.read(),
        filename=file.name or "",
        unit=form.cleaned_data["unit"].pk,
        year=form.cleaned_data["year"],
        replace=form.cleaned_data["replace"],
    )
    _hold(request, key, None)
    upload = upload_find(request.user, key)
    try:
        parsed = _read(upload, None)
    except ScanNeedsOcr:
        scan_queue(request.user, key)
        return redirect("plans:import_scan")
    except MappingNeeded:
        return redirect("plans:import_mapping")
    except PlanFileError as exc:
        _forget(request)
        return render(request, "plans/import.html", {"form": form, **problems_listed(exc)})
    return _show_preview(request, upload, None, parsed)


def _kept(request, missing: str) -> tuple[Upload | None, dict | None]:
    """The user's kept file and mapping, its unit checked (404 past the user's units); (None,
    None) with the `missing` message when there is none."""
    upload, mapping = _held(request)
    if upload is None:
        messages.error(request, missing)
        return None, None
    get_import_unit_for_user(request, upload.unit)
    return upload, mapping


@login_required
def import_scan(request):
    """A scanned PDF being read by OCR: its progress (htmx polls it), then the preview."""
    upload, _mapping = _kept(request, _("Nothing to read: upload the file again."))
    if upload is None:
        return redirect("plans:import")
    state = scan_state(request.user, upload.key)
    if state["status"] == DONE and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("plans:import_preview")
        return response
    if state["status"] == FAILED:
        _forget(request)
    template = "plans/_scan_status.html" if request.htmx else "plans/import_scan.html"
    return render(request, template, {"state": state, "filename": upload.filename})


@login_required
def import_preview(request):
    """The preview of the kept file (after its OCR); the upload form again when it is gone."""
    upload, mapping = _kept(request, _("Nothing to preview: upload the file again."))
    if upload is None:
        return redirect("plans:import")
    try:
        parsed = _read(upload, mapping)
    except ScanNeedsOcr:
        return redirect("plans:import_scan")
    except MappingNeeded:
        return redirect("plans:import_mapping")
    except PlanFileError as exc:
        return _refused(request, exc)
    return _show_preview(request, upload, mapping, parsed)


def _show_preview(request, upload: Upload, mapping: dict | None, parsed: ParsedPlan):
    unit = get_import_unit_for_user(request, upload.unit)
    skipped = [f for f in parsed.flagged if f.skipped]
    notes = [f for f in parsed.flagged if not f.skipped]
    return render(
        request,
        "plans/import_preview.html",
        {
            "parsed": parsed,
            "counts": parsed.counts(),
            "unit": unit,
            "year": upload.year or parsed.year,
            "replace": upload.replace,
            "links": parsed.lke_links(),
            "skipped": skipped[:PROBLEMS_SHOWN],
            "skipped_total": len(skipped),
            "repeated": parsed.rows.repeated[:PROBLEMS_SHOWN],
            "notes": notes[:PROBLEMS_SHOWN],
            "notes_total": len(notes),
            "columns": [
                (field, header, dict(MAPPABLE).get(field, field)) for field, header in parsed.columns.items()
            ],
            "mapped": bool(mapping),
            "doubtful": parsed.doubtful[:PROBLEMS_SHOWN],
            "doubtful_total": len(parsed.doubtful),
        },
    )


def _needed(upload: Upload) -> MappingNeeded | None:
    """Why the file's columns must be said (not recognised, or its layout not clear), or None."""
    try:
        _read(upload, None)
    except MappingNeeded as needed:
        return needed
    except PlanFileError:
        return None
    return None


def _headers(upload: Upload) -> list[str]:
    needed = _needed(upload)
    return needed.headers if needed else []


def _best_guess(needed: MappingNeeded | None) -> dict[str, str]:
    """The best-scoring layout's columns, filled in for the user to check (field → header)."""
    candidates = getattr(needed, "candidates", None)
    if not candidates:
        return {}
    layout = candidates[0].layout
    chosen: dict[str, str] = {}
    for index, field in sorted(layout.columns.items()):
        if field not in chosen and index < len(layout.headers) and layout.headers[index]:
            chosen[field] = layout.headers[index]
    return chosen


@login_required
def import_mapping(request):
    """The file's columns, each with a choice of field; the unit's saved mapping for the same
    header row is offered first."""
    upload, _mapping = _held(request)
    if upload is None:
        messages.error(request, _("Nothing to map: upload the file again."))
        return redirect("plans:import")
    unit = get_import_unit_for_user(request, upload.unit)
    needed = _needed(upload)
    headers = needed.headers if needed else []
    saved = import_mapping_offer(unit, headers)
    chosen = (
        _posted_mapping(request, headers)
        if request.method == "POST"
        else (saved.mapping if saved else _best_guess(needed))
    )
    if request.method == "POST":
        if "indicator" not in chosen:
            messages.error(request, _("Say which column holds the indicator (or the LKE question)."))
        else:
            try:
                parsed = _read(upload, chosen)
            except PlanFileError as exc:
                return _mapping_page(request, unit, headers, chosen, saved, problems_listed(exc))
            import_mapping_save(unit=unit, headers=headers, mapping=chosen, by=request.user)
            _hold(request, upload.key, chosen)
            return _show_preview(request, upload, chosen, parsed)
    return _mapping_page(request, unit, headers, chosen, saved, {"uncertain": needed})


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
    upload, _mapping = _held(request)
    if upload is None:
        return HttpResponse(status=204)
    get_import_unit_for_user(request, upload.unit)
    chosen = _posted_mapping(request, _headers(upload))
    context: dict = {"chosen": chosen}
    if "indicator" in chosen:
        try:
            parsed = _read(upload, chosen)
        except PlanFileError as exc:
            context.update(problems_listed(exc))
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
    """Save the plan read again from the kept file with the chosen mapping (what the preview
    showed): the session never held the plan itself."""
    upload, mapping = _held(request)
    if upload is None:
        messages.error(request, _("Nothing to save: upload the file again."))
        return redirect("plans:import")
    unit = get_import_unit_for_user(request, upload.unit)
    try:
        parsed = _read(upload, mapping)
    except MappingNeeded:
        return redirect("plans:import_mapping")
    except PlanFileError as exc:
        return _refused(request, exc)
    year = upload.year
    if parsed.year_conflict:
        year = as_int(request.POST.get("year"))
        if year not in parsed.year_conflict.values():
            messages.error(request, _("The title and the rows name different years: choose the plan's year."))
            return _show_preview(request, upload, mapping, parsed)
    try:
        plan = plan_import(
            parsed=parsed,
            unit=unit,
            by=request.user,
            year=year,
            source_name=upload.filename,
            replace=upload.replace,
        )
    except PlanFileError as exc:
        return _refused(request, exc)
    _forget(request)
    messages.success(
        request, " ".join(filter(None, [_("Plan imported."), parsed.row_summary(), replaced_note(plan)]))
    )
    return redirect("plans:detail", pk=plan.pk)


def _refused(request, exc: PlanFileError):
    """The import page again, listing why nothing was saved; the kept file goes."""
    _forget(request)
    return render(
        request, "plans/import.html", {"form": ImportForm(user=request.user), **problems_listed(exc)}
    )


@login_required
def import_template(request):
    response = HttpResponse(
        template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="templat-rencana-kerja-zi.xlsx"'
    return response
