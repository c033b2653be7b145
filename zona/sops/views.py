"""The SOP register's pages: the unit's SOPs with their review status, an SOP with its versions
and reviews, and the public list of service SOPs with their files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.evidence.views import file_response
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can, require

from .forms import ReviewForm, RevisionForm, SopForm
from .models import Sop
from .services import (
    SopError,
    published_sops,
    register,
    review_record,
    review_years,
    sop_create,
    status_of,
    version_add,
)


def _unit(request, slug: str, action: Action = Action.VIEW) -> Unit:
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    require(request.user, action, unit)
    return unit


def _flash(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _run(request, call) -> bool:
    try:
        call()
    except SopError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
def register_page(request, slug: str):
    unit = _unit(request, slug)
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    form = SopForm()
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        form = SopForm(request.POST, request.FILES)
        if not form.is_valid():
            _flash(request, form)
        else:
            data = dict(form.cleaned_data)
            upload = data.pop("file")
            done = _run(request, lambda: sop_create(unit=unit, upload=upload, by=request.user, **data))
            if done:
                return redirect("sops:register", slug=slug)
    rows = register(unit)
    return render(
        request,
        "sops/register.html",
        {
            "unit": unit,
            "rows": rows,
            "counts": {s: sum(1 for r in rows if r.status == s) for s in ("overdue", "upcoming", "revision")},
            "years": review_years(),
            "may_manage": may_manage,
            "form": form if may_manage else None,
        },
    )


@login_required
def detail(request, slug: str, pk: int):
    unit = _unit(request, slug)
    sop = get_object_or_404(
        Sop.objects.prefetch_related("versions__document", "reviews__minutes"), unit=unit, pk=pk
    )
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    return render(
        request,
        "sops/detail.html",
        {
            "unit": unit,
            "row": status_of(sop),
            "sop": sop,
            "may_manage": may_manage and not sop.withdrawn_on,
            "review_form": ReviewForm(),
            "revision_form": RevisionForm(),
        },
    )


def _sop(request, slug: str, pk: int) -> Sop:
    unit = _unit(request, slug, Action.MANAGE_REGISTERS)
    return get_object_or_404(Sop, unit=unit, pk=pk)


@login_required
@require_POST
def review_new(request, slug: str, pk: int):
    sop = _sop(request, slug, pk)
    form = ReviewForm(request.POST, request.FILES)
    if not form.is_valid():
        _flash(request, form)
    else:
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        _run(request, lambda: review_record(sop=sop, upload=upload, by=request.user, **data))
    return redirect("sops:detail", slug=slug, pk=pk)


@login_required
@require_POST
def revision_new(request, slug: str, pk: int):
    sop = _sop(request, slug, pk)
    form = RevisionForm(request.POST, request.FILES)
    if not form.is_valid():
        _flash(request, form)
    else:
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        _run(request, lambda: version_add(sop=sop, upload=upload, by=request.user, **data))
    return redirect("sops:detail", slug=slug, pk=pk)


def public_list(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    return render(request, "sops/public.html", {"unit": unit, "rows": published_sops(unit)})


def public_file(request, slug: str, pk: int):
    """The signed file of a service SOP in force; nothing else of the register is public."""
    unit = get_object_or_404(Unit, slug=slug)
    found = dict(published_sops(unit))
    sop = next((s for s in found if s.pk == pk), None)
    if sop is None:
        raise Http404
    current = found[sop].document.versions.order_by("-number").first()
    if current is None:
        raise Http404
    return file_response(current)
