"""The service standards: a new version of a service's standard with its maklumat, publishing
it, and its review with the figures the review looked at (the latest survey, the complaints)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.registry import KINDS
from zona.evidence.services import evidence_file_or

from .figures import figures
from .models import Service, ServiceStandard, StandardReview, Status, Survey
from .services import SurveyError, surveys_today
from .standards import COMPONENTS


@transaction.atomic
def standard_save(
    *,
    service: Service,
    components: dict[str, str],
    maklumat: str,
    effective_on: date,
    by,
    decree_number: str = "",
    other_media: str = "",
) -> ServiceStandard:
    """A new version of the service's standard (earlier versions stay as they were); where else
    than the portal its maklumat is announced."""
    filled = {k: (components.get(k) or "").strip() for k in COMPONENTS}
    missing = [label for k, label in COMPONENTS.items() if not filled[k]]
    if missing:
        raise SurveyError(_("Fill in every component: %(missing)s.") % {"missing": ", ".join(missing)})
    if not maklumat.strip():
        raise SurveyError(_("Write the maklumat pelayanan."))
    version = (service.standards.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    standard = ServiceStandard.objects.create(
        service=service,
        version=version,
        decree_number=decree_number.strip()[:200],
        effective_on=effective_on,
        components=filled,
        maklumat=maklumat.strip(),
        other_media=other_media.strip()[:300],
        created_by=by,
    )
    audit_record(
        actor=by,
        action="survey.standard_saved",
        obj=standard,
        unit=service.unit,
        changes={"version": version},
    )
    return standard


@transaction.atomic
def standard_publish(*, standard: ServiceStandard, by) -> ServiceStandard:
    standard.published_on = surveys_today()
    standard.save(update_fields=["published_on"])
    audit_record(actor=by, action="survey.standard_published", obj=standard, unit=standard.service.unit)
    return standard


def standard_figures(standard: ServiceStandard) -> dict:
    """What a review looks at: the service's latest survey and the unit's complaints this year."""
    latest = (
        Survey.objects.filter(service=standard.service, kind="skm")
        .exclude(status=Status.OPEN)
        .order_by("-period_end")
        .first()
    )
    found: dict = {}
    if latest is not None:
        result = figures(latest).result
        found["survey"] = {
            "title": latest.title,
            "ikm": str(result.converted) if result.converted is not None else None,
            "mutu": result.mutu,
            "respondents": result.respondents,
        }
    year = surveys_today().year
    complaints = KINDS.get("complaint")  # registered by the complaints module, never imported
    if complaints is not None and complaints.figures is not None:
        units, start, end = [standard.service.unit], date(year, 1, 1), date(year, 12, 31)
        stats = complaints.figures(units=units, start=start, end=end)
        found["complaints"] = {"year": year, "received": stats.received, "completed": stats.completed}
    return found


@transaction.atomic
def standard_review(
    *,
    standard: ServiceStandard,
    reviewed_on: date,
    result: str,
    used_survey: bool,
    used_complaints: bool,
    stakeholders: str,
    by,
    upload=None,
) -> StandardReview:
    if not result.strip():
        raise SurveyError(_("Write what the review found and changed."))
    evidence = None
    if upload is not None:
        evidence = evidence_file_or(
            SurveyError,
            unit=standard.service.unit,
            title=f"Reviu standar pelayanan {standard}",
            upload=upload,
            by=by,
            effective_date=reviewed_on,
        )
    review = StandardReview.objects.create(
        standard=standard,
        reviewed_on=reviewed_on,
        used_survey=used_survey,
        used_complaints=used_complaints,
        stakeholders=stakeholders.strip()[:500],
        figures=standard_figures(standard),
        result=result.strip(),
        evidence=evidence,
        created_by=by,
    )
    audit_record(actor=by, action="survey.standard_reviewed", obj=standard, unit=standard.service.unit)
    return review
