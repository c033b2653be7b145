"""The daily job: reminders of overdue reports and of deletion, and deletion past retention
(the sealed keys first, so what remains in backups is noise)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from zona.notifications.services import Notice, notify

from .keys import content_holders
from .models import (
    Report,
    ReportKey,
)
from .rules import setting
from .store import record_event


def _delete(report: Report) -> None:
    """Delete a report for good: its sealed keys first (without them the ciphertext is noise,
    in backups too), then its files and rows."""
    ReportKey.objects.filter(report=report).delete()
    for attachment in report.attachments.all():
        attachment.blob.delete(save=False)
    record_event(report, None, "deleted")
    report.delete()


def wbs_daily(*, today: date) -> dict[str, int]:
    """Remind the holders of reports overdue or due for deletion; delete those past retention."""
    overdue = Report.objects.filter(closed_on=None).filter(
        Q(state_due__lt=today) | Q(feedback_due__lt=today, feedback_on=None)
    )
    reminded = 0
    for report in overdue.select_related("unit"):
        reminded += notify(
            [
                Notice(
                    user_id=user_id,
                    key=f"wbs:{report.pk}:overdue:{today.isoformat()}",
                    text=_("WBS report %(number)s is past its deadline.") % {"number": report.number},
                    url=reverse("wbs:report", args=[report.pk]),
                )
                for user_id in content_holders(report.unit)
            ]
        )
    soon = today + timedelta(days=setting("retention_reminder_days"))
    for report in Report.objects.filter(
        retain_until__lte=soon, retain_until__gt=today, retention_reminded_on=None
    ):
        notify(
            [
                Notice(
                    user_id=user_id,
                    key=f"wbs:{report.pk}:retention",
                    text=_("WBS report %(number)s will be deleted on %(date)s (end of its retention period).")
                    % {"number": report.number, "date": report.retain_until.isoformat()},
                    url=reverse("wbs:report", args=[report.pk]),
                )
                for user_id in content_holders(report.unit)
            ]
        )
        Report.objects.filter(pk=report.pk).update(retention_reminded_on=today)
    deleted = 0
    for report in Report.objects.filter(retain_until__lte=today):
        with transaction.atomic():
            _delete(report)
        deleted += 1
    return {"reminded": reminded, "deleted": deleted}
