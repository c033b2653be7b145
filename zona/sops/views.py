"""The SOP register's pages: the unit's SOPs with their review status, an SOP with its versions
and reviews. The public's list of service SOPs is in views_public.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zona.lib.feedback import as_arguments, submitted
from zona.orgs.permissions import Action, can, require, unit_for

from .forms import ReviewForm, RevisionForm, SopForm
from .selectors import get_sop_for_user
from .services import (
    SopError,
    register,
    review_record,
    review_years,
    sop_create,
    status_of,
    version_add,
)


@login_required
def register_page(request, slug: str):
    unit = unit_for(request, slug)
    may_manage = can(request.user, Action.MANAGE_REGISTERS, unit)
    form = SopForm()
    if request.method == "POST":
        require(request.user, Action.MANAGE_REGISTERS, unit)
        form = SopForm(request.POST, request.FILES)
        if submitted(
            request,
            form,
            lambda data: sop_create(unit=unit, by=request.user, **as_arguments(data)),
            SopError,
        ):
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
    sop = get_sop_for_user(request, slug, pk)
    unit = sop.unit
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


def _change(request, slug: str, pk: int, form_class, service):
    """A review or a revision of an SOP: the form's values and file to the service."""
    sop = get_sop_for_user(request, slug, pk, Action.MANAGE_REGISTERS)
    form = form_class(request.POST, request.FILES)
    submitted(request, form, lambda data: service(sop=sop, by=request.user, **as_arguments(data)), SopError)
    return redirect("sops:detail", slug=slug, pk=pk)


@login_required
@require_POST
def review_new(request, slug: str, pk: int):
    return _change(request, slug, pk, ReviewForm, review_record)


@login_required
@require_POST
def revision_new(request, slug: str, pk: int):
    return _change(request, slug, pk, RevisionForm, version_add)
