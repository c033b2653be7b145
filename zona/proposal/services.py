"""The proposal's writes: the letters' details (the package itself is queued as an export job)."""

from __future__ import annotations

from django.db import transaction

from zona.audit.services import audit_record
from zona.lke.models import Assessment

from .models import ProposalDetails
from .selectors import DETAIL_FIELDS


@transaction.atomic
def proposal_details_save(*, assessment: Assessment, by, **values) -> ProposalDetails:
    """Keep who signs the drafted letters, the office address and the letter number."""
    values = {name: str(values.get(name) or "").strip() for name in DETAIL_FIELDS}
    details = ProposalDetails.objects.select_for_update().filter(assessment=assessment).first()
    before = {name: getattr(details, name) for name in DETAIL_FIELDS} if details else {}
    details, _created = ProposalDetails.objects.update_or_create(
        assessment=assessment, defaults={**values, "updated_by": by}
    )
    changes = {
        name: [before.get(name, ""), value] for name, value in values.items() if before.get(name, "") != value
    }
    audit_record(
        actor=by, action="proposal.details_saved", obj=details, unit=assessment.unit, changes=changes
    )
    return details
