"""The open statistics in the API (mounted by zona/api/registry.py): the same JSON as the public
pages' (`statistik.json`), open to anyone (no token), under the CC BY 4.0 licence its `license`
field states."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from zona.orgs.models import Unit

from .open_stats import for_nation, for_unit

router = Router(tags=["open statistics"])


@router.get("/open-statistics", auth=None, summary="National open statistics, per province")
def open_statistics_national(request) -> dict:
    return for_nation(timezone.localdate())


@router.get("/open-statistics/{code}", auth=None, summary="A unit's open statistics")
def open_statistics_unit(request, code: str) -> dict:
    return for_unit(get_object_or_404(Unit, code=code), timezone.localdate())
