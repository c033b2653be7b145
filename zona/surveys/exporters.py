"""The files the survey pages hand out: the one-time codes (CSV), the QR poster for the counter,
the published results' poster and report (PDF) and open data (JSON, CSV), and the maklumat
pelayanan (PDF)."""

from __future__ import annotations

import csv
import io

from zona.lib.render import pdf_from_template, qr_svg
from zona.lib.tabular import csv_text
from zona.orgs.models import Unit

from .figures import figures
from .models import ServiceStandard, Survey
from .standards import COMPONENTS


def tickets_csv(codes: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["kode"])
    writer.writerows([c] for c in codes)
    return buffer.getvalue()


def qr_poster_pdf(survey: Survey, url: str) -> bytes:
    """The poster for the counter: the survey's QR code and link."""
    return pdf_from_template("surveys/pdf_qr.html", {"survey": survey, "url": url, "qr": qr_svg(url)})


def results_pdf(context: dict, kind: str, url: str) -> bytes:
    """The published results as a poster or a report (`kind`), with the QR code of their page."""
    context = {**context, "qr": qr_svg(url)}
    return pdf_from_template(f"surveys/pdf_{'poster' if kind == 'poster' else 'report'}.html", context)


def results_summary(survey: Survey) -> dict:
    """The aggregates as open data: per item the NRR and how many answered; the totals."""
    data = figures(survey)
    items = [
        {
            "key": item.key,
            "name": item.name,
            "nrr": None if nrr is None else round(float(nrr), 4),
            "answered": answered,
        }
        for item, nrr, answered in data.rows()
    ]
    return {
        "unit": survey.unit.name,
        "service": survey.service.name,
        "survey": survey.title,
        "questionnaire": survey.definition_key,
        "period": [survey.period_start.isoformat(), survey.period_end.isoformat()],
        "respondents": data.result.respondents,
        "ikm": None if data.result.converted is None else float(data.result.converted),
        "index": None if data.result.index is None else float(data.result.index),
        "mutu": data.result.mutu,
        "weight": survey.weight,
        "items": items,
    }


def results_csv(summary: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["item", "name", "nrr", "answered"])
    for row in summary["items"]:
        writer.writerow([csv_text(row["key"]), csv_text(row["name"]), row["nrr"], row["answered"]])
    writer.writerow(["IKM", "", summary["ikm"], summary["respondents"]])
    return buffer.getvalue()


def maklumat_pdf(unit: Unit, standard: ServiceStandard) -> bytes:
    return pdf_from_template(
        "surveys/pdf_maklumat.html", {"unit": unit, "standard": standard, "components": COMPONENTS}
    )
