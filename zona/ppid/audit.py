"""Public-information requests and the DIP in the field-level trail, read by the APIP only (the
case itself, with its applicant's name and contact left out, is recorded by the case engine)."""

from zona.audit.registry import record

from .models import AnnualReportText, Dispute, InformationItem, InformationRequest, Objection

record(InformationRequest, narrow=True)
record(Objection, narrow=True)
record(Dispute, narrow=True)
record(AnnualReportText, noise=("updated_at",), narrow=True)
record(InformationItem, narrow=True)
