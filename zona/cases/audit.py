"""The case engine in the field-level trail, read by the APIP only. A reporter's name and contact
(confidential for some cases), the tracking code's hash and the public form's submission key are
left out: their values never reach the trail, not even in part."""

from zona.audit.registry import never, record

from .models import Case, CaseAttachment, CaseCounter, CaseEvent, CaseMessage

record(Case, secret=("tracking_hash", "submission_key", "reporter_name", "reporter_contact"), narrow=True)
record(CaseEvent, narrow=True)
record(CaseMessage, narrow=True)
record(CaseAttachment, narrow=True)

never(CaseCounter, why="the last number given; it moves with every new case")
