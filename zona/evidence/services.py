from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zona.audit.services import audit_record
from zona.lib.files import FileRejected, inspect_file
from zona.orgs.models import Unit
from zona.orgs.permissions import Action, can

from .models import RESTRICTIONS, EvidenceItem, EvidenceVersion, Kind, Status
from .notices import rejection_told


def _max_bytes() -> int:
    return settings.ZONA_MAX_UPLOAD_MB * 1024 * 1024


@transaction.atomic
def evidence_add_version(*, item: EvidenceItem, upload: UploadedFile, by) -> EvidenceVersion:
    """Store a new version of a file item. Raises FileRejected before anything is written."""
    facts = inspect_file(upload, max_bytes=_max_bytes())
    number = (item.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = EvidenceVersion(
        item=item,
        number=number,
        original_name=(upload.name or "berkas")[-255:],
        extension=facts.extension,
        sha256=facts.sha256,
        size=facts.size,
        mime=facts.mime,
        uploaded_by=by,
    )
    version.file.save(version.original_name, upload, save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    if number > 1 and item.status != Status.PENDING:
        item.status = Status.PENDING  # a new version needs a new review
        item.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="evidence.version_added",
        obj=item,
        unit=item.unit,
        changes={"version": number, "sha256": facts.sha256, "file": version.original_name},
    )
    return version


@transaction.atomic
def evidence_create_file(
    *,
    unit: Unit,
    title: str,
    upload: UploadedFile,
    by,
    effective_date: date | None = None,
    restricted_to: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    expires_on: date | None = None,
) -> EvidenceItem:
    """A file item. `restricted_to` names the rule (an Action of RESTRICTIONS) whose roles alone
    may read it, e.g. an exempt DIP document; empty: everyone who sees the unit."""
    if restricted_to and restricted_to not in RESTRICTIONS:
        raise ValueError(restricted_to)
    inspect_file(upload, max_bytes=_max_bytes())  # reject before creating the item
    item = _item_create(
        {"title": title, "restricted_to": restricted_to},
        unit=unit,
        kind=Kind.FILE,
        created_by=by,
        effective_date=effective_date,
        period_start=period_start,
        period_end=period_end,
        expires_on=expires_on,
    )
    evidence_add_version(item=item, upload=upload, by=by)
    return item


def _item_create(recorded: dict, **fields) -> EvidenceItem:
    """The item itself (a file's or a link's), and its creation in the audit trail with the
    `recorded` fields (they include the title)."""
    item = EvidenceItem.objects.create(**recorded, **fields)
    audit_record(
        actor=fields["created_by"], action="evidence.created", obj=item, unit=fields["unit"], changes=recorded
    )
    return item


def evidence_file_or(error: type[Exception], **fields) -> EvidenceItem:
    """`evidence_create_file`, a refused file becoming the calling module's own error (its message
    for the user): what every module that takes an upload with its record needs."""
    fields["title"] = fields["title"][:300]
    try:
        return evidence_create_file(**fields)
    except FileRejected as exc:
        raise error(str(exc)) from exc


@transaction.atomic
def evidence_create_link(
    *,
    unit: Unit,
    title: str,
    url: str,
    by,
    effective_date: date | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    expires_on: date | None = None,
) -> EvidenceItem:
    return _item_create(
        {"title": title, "url": url},
        unit=unit,
        kind=Kind.LINK,
        created_by=by,
        effective_date=effective_date,
        period_start=period_start,
        period_end=period_end,
        expires_on=expires_on,
    )


def evidence_create(*, upload: UploadedFile | None = None, url: str = "", **fields) -> EvidenceItem:
    """A file item when a file is given, a link item otherwise (a form that takes either)."""
    if upload:
        return evidence_create_file(upload=upload, **fields)
    return evidence_create_link(url=url, **fields)


def may_edit_dates(user, item: EvidenceItem) -> bool:
    """Who sets an item's period and expiry again: whoever added it (while they still report in
    the unit) and the unit's coordinators."""
    if can(user, Action.MANAGE_PLAN, item.unit):
        return True
    return item.created_by_id == user.pk and can(user, Action.REPORT, item.unit)


@transaction.atomic
def evidence_dates_set(*, item: EvidenceItem, by, **dates) -> EvidenceItem:
    """Set the item's document date, period and expiry (DATE_FIELDS), audited with the values
    before and after; what reads them (the LKE's evidence readiness, the expiry reminders, the
    road's forecasts) reads the new dates from now on."""
    fields = ("effective_date", "period_start", "period_end", "expires_on")
    unknown = set(dates) - set(fields)
    if unknown:
        raise ValueError(sorted(unknown))
    start, end = dates.get("period_start"), dates.get("period_end")
    if start and end and end < start:
        raise ValueError("period_end before period_start")
    changes = {}
    for name in fields:
        if name in dates and getattr(item, name) != dates[name]:
            before, after = getattr(item, name), dates[name]
            changes[name] = [before.isoformat() if before else None, after.isoformat() if after else None]
            setattr(item, name, after)
    if changes:
        item.save(update_fields=list(changes))
        audit_record(actor=by, action="evidence.dates_changed", obj=item, unit=item.unit, changes=changes)
    return item


@transaction.atomic
def evidence_review(*, item: EvidenceItem, verdict: str, comment: str, by) -> EvidenceItem:
    if verdict not in (Status.VERIFIED, Status.REJECTED):
        raise ValueError(verdict)
    before = item.status
    item.status = verdict
    item.review_comment = comment
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    audit_record(
        actor=by,
        action=f"evidence.{verdict}",
        obj=item,
        unit=item.unit,
        changes={"status": [before, verdict], "comment": comment},
    )
    if verdict == Status.REJECTED:
        rejection_told(item)
    return item
