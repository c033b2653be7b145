"""What the public sees of the surveys: the unit's surveys open today, its latest published
results, and the respondents' profile with small groups withheld."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from .answers import PROFILE_FIELDS
from .figures import figures
from .ikm import Result
from .models import Response, Status, Survey
from .services import surveys_today

MINIMUM_SHOWN = 3  # a profile group smaller than this is not published


def open_for_public(unit) -> list[Survey]:
    """The unit's surveys collecting answers today (for the portal)."""
    today = surveys_today()
    return list(
        Survey.objects.filter(
            unit=unit, status=Status.OPEN, period_start__lte=today, period_end__gte=today
        ).select_related("service")[:20]
    )


def latest_published(unit, limit: int = 4) -> list[tuple[Survey, Result]]:
    """The unit's most recent published surveys with their figures (for the portal)."""
    surveys = (
        Survey.objects.filter(unit=unit, status=Status.PUBLISHED)
        .select_related("service", "tally")
        .order_by("-period_end", "service__name")[:limit]
    )
    return [(s, figures(s, s.tally).result) for s in surveys]


def profile_counts(survey: Survey, *, public: bool) -> dict[str, list[tuple[str, int | None]]]:
    """Respondents per profile answer. For the public, groups under the minimum are neither
    named nor counted: they are pooled as "other answers", itself withheld (None) when small."""
    counts = {}
    base = Response.objects.filter(survey=survey, suspect=False)
    for name in PROFILE_FIELDS:
        rows = list(base.exclude(**{name: ""}).values_list(name).annotate(n=Count("pk")).order_by("-n", name))
        if not public:
            counts[name] = rows
            continue
        shown = [(value, n) for value, n in rows if n >= MINIMUM_SHOWN]
        pooled = sum(n for _value, n in rows if n < MINIMUM_SHOWN)
        if pooled:
            shown.append((_("other answers"), pooled if pooled >= MINIMUM_SHOWN else None))
        counts[name] = shown
    return counts
