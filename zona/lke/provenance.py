"""The records page behind a derived answer whose rule names none: each module's register for
the unit (and year), so that every suggestion on the LKE page leads to the records it counted."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

# app ("zona.sops") → (URL name, its arguments: "slug", "year", "plan", or a fixed value);
# each app registers its own page with `register_records_page` beside its rules.
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {"zona.lke": ("plans:detail", ("plan",))}


def register_records_page(module: str, name: str, kinds: tuple[str, ...] = ()) -> None:
    """The page a module's derived answers lead to when their rule names none (called from the
    module's LKE rules with its `__name__`)."""
    PAGES[".".join(module.split(".")[:2])] = (name, kinds)


def records_page(function, assessment) -> str:
    app = ".".join(function.__module__.split(".")[:2])
    if app not in PAGES:
        return ""
    name, kinds = PAGES[app]
    values = {"slug": assessment.unit.slug, "year": assessment.year}
    if "plan" in kinds:
        from zona.plans.models import Plan

        values["plan"] = (
            Plan.objects.filter(unit=assessment.unit, year=assessment.year)
            .values_list("pk", flat=True)
            .first()
        )
        if values["plan"] is None:
            return ""
    try:
        return reverse(name, args=[values.get(k, k) for k in kinds])  # a name, or a fixed value
    except NoReverseMatch:
        return ""
