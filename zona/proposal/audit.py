"""The proposal's details in the field-level trail (the package itself is an export job)."""

from zona.audit.registry import record

from .models import ProposalDetails

record(ProposalDetails, noise=["updated_at"])
