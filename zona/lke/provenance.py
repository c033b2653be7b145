"""The records page behind a derived answer whose rule names none: each module's register for
the unit (and year), so that every suggestion on the LKE page leads to the records it counted."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

# module → (URL name, its arguments: "slug", "year", "plan", or a fixed value)
PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "zona.wbs": ("wbs:home", ()),
    "zona.sops": ("sops:register", ("slug",)),
    "zona.integrity": ("integrity:hub", ()),
    "zona.lke": ("plans:detail", ("plan",)),  # the work plan of the year
    "zona.monev": ("monev:dashboard", ("slug",)),
    "zona.risks": ("risks:register", ("slug", "year")),
    "zona.surveys": ("surveys:unit", ("slug",)),
    "zona.coi": ("coi:page", ("slug",)),
    "zona.gratification": ("integrity:topic", ("slug", "gratifikasi")),  # the campaign's records
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
        return reverse(name, args=[values.get(k, k) for k in kinds])  # a name, or a fixed value
    except NoReverseMatch:
        return ""
