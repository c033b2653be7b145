"""The records page behind a derived answer whose rule names none: each module's register for
the unit (and year), so that every suggestion on the LKE page leads to the records it counted."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

# module → (URL name, what its arguments are: "slug", "year", "plan")
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "zona.wbs": ("wbs:home", ()),
    "zona.sops": ("sops:register", ("slug",)),
    "zona.integrity": ("integrity:hub", ()),
    "zona.lke": ("plans:detail", ("plan",)),  # the work plan of the year
    "zona.monev": ("monev:dashboard", ("slug",)),
    "zona.risks": ("risks:register", ("slug", "year")),
    "zona.surveys": ("surveys:unit", ("slug",)),
    "zona.coi": ("coi:page", ("slug",)),
}


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
        return reverse(name, args=[values[k] for k in kinds])
    except NoReverseMatch:
        return ""
