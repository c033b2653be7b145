"""The proposal package as a background export (zona.evidence.exports): queued by one action,
built by the worker with its progress, downloaded by the person who asked."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from zona.evidence.exports import ExportKind, Measure, export_kind_register
from zona.lke.models import Answer, Assessment, Level

from .package import package_build


def _load(object_id, params) -> Assessment:
    return Assessment.objects.select_related("unit").get(pk=object_id)


def _measure(assessment: Assessment, params, person) -> Measure:
    """Its rows: the evidence links of the self-assessment (the package's files, about). A new
    package each time (the cover letter is dated): no version to reuse."""
    links = Answer.evidence.through.objects.filter(
        answer__assessment=assessment, answer__level=Level.SELF
    ).count()
    return Measure(rows=links, version="")


def _render(assessment: Assessment, fmt: str, params, person, max_pages: int, on_progress):
    # The package goes to the national team: its documents and folders are in Indonesian, whatever
    # language the person reads Zona in.
    with translation.override("id"):
        return package_build(assessment, person, max_pages=max_pages, on_progress=on_progress)


PACKAGE = ExportKind(
    name="proposal.package",
    formats=("zip",),
    load=_load,
    unit_of=lambda assessment: assessment.unit,
    title=lambda assessment, params: (
        _("Proposal package %(unit)s %(year)s") % {"unit": assessment.unit.code, "year": assessment.year}
    ),
    filename=lambda assessment, fmt, params: f"paket-usulan-{assessment.unit.code}-{assessment.year}",
    measure=_measure,
    render=_render,
    rows_per_page=40,  # no PDF of the rows: the LHE's pages are bounded when it is laid out
    per_person=True,  # restricted evidence is packed only for who may read it
    reuse_built=False,
)
export_kind_register(PACKAGE)
