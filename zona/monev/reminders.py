"""Daily reminders: steps due within N days or overdue, findings past due. Idempotent: a
reminder is a notification with a unique key per person, so running twice sends nothing new."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from zona.lib.reminders import offset_days
from zona.notifications.services import Notice, notifications_deliver, notify
from zona.plans.models import ActionStep

from .models import Finding, FindingStatus


def _candidates(today: date, days: int) -> list[Notice]:
    found: list[Notice] = []
    steps = (
        ActionStep.objects.with_due()
        .filter(
            pic__isnull=False,
            pic__is_active=True,
            done_at__isnull=True,
            due__isnull=False,
            due__lte=today + timedelta(days=days),
        )
        .select_related("indicator__component__area__plan__unit")
    )
    for step in steps:
        end = step.due
        plan = step.indicator.component.area.plan
        overdue = end < today
        text = (
            _("Overdue since %(date)s: %(step)s (%(unit)s %(year)s)")
            if overdue
            else _("Due by %(date)s: %(step)s (%(unit)s %(year)s)")
        ) % {
            "date": end.strftime("%d-%m-%Y"),
            "step": step.text[:300],
            "unit": plan.unit.code,
            "year": plan.year,
        }
        found.append(
            Notice(
                user_id=step.pic_id,
                key=f"step-{step.pk}-{'overdue' if overdue else 'due'}",
                text=text,
                url=reverse("plans:indicator", args=[step.indicator_id]) + f"#step-{step.pk}",
            )
        )
    findings = Finding.objects.filter(status=FindingStatus.OPEN, due_date__lt=today, owner__is_active=True)
    for finding in findings.select_related("plan__unit"):
        text = _("Finding past due since %(date)s: %(title)s (%(unit)s)") % {
            "date": finding.due_date.strftime("%d-%m-%Y"),
            "title": finding.title[:300],
            "unit": finding.plan.unit.code,
        }
        found.append(
            Notice(
                user_id=finding.owner_id,
                key=f"finding-{finding.pk}-overdue",
                text=text,
                url=reverse("monev:finding", args=[finding.pk]),
            )
        )
    return found


def reminders_send(*, today: date, days: int | None = None) -> int:
    """Create the day's reminders and e-mail each once; returns how many were new."""
    days = offset_days("monev_steps") if days is None else days
    with override(settings.LANGUAGE_CODE):
        created = notify(_candidates(today, days))
        notifications_deliver()
    return created
