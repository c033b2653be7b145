"""The whistleblowing system is never in the field-level trail: its reports are sealed to their
recipients, and a trail of their changes would hold what the seal keeps (who reported, when, what
changed)."""

from zona.audit.registry import never

from .models import (
    Attachment,
    IdentityRequest,
    Installation,
    Message,
    RecipientKey,
    Report,
    ReportEvent,
    ReportKey,
)

never(
    Installation,
    RecipientKey,
    Report,
    ReportKey,
    Message,
    Attachment,
    IdentityRequest,
    ReportEvent,
    why="WBS material: sealed reports, keys, receipt-code hashes, the reporter's identity",
)
