"""The files the PPID pages render: the written notice of a request's decision (PDF, given to the
applicant on the tracking page and to the officers). The annual report's files are report.py's."""

from __future__ import annotations

from zona.lib.render import pdf_from_template

from .models import InformationRequest


def notice_pdf(request: InformationRequest) -> bytes:
    return pdf_from_template("ppid/notice_pdf.html", {"request": request, "case": request.case})
