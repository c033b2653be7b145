"""The public's pages of the SOP register: the unit's service SOPs in force, and their signed
files; nothing else of the register is public."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from zona.evidence.downloads import file_response
from zona.evidence.selectors import latest_version
from zona.orgs.models import Unit

from .services import published_sops


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
    current = latest_version(found[sop].document)
    if current is None:
        raise Http404
    return file_response(current)
