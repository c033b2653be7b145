"""The annual public-information report (laporan layanan informasi publik, Perki 1/2021):
figures from the registers, the narrative the PPID writes, and its due date — sent to the
Komisi Informasi within 3 months after the budget year, by 31 March. Its XLSX and PDF are
exporters.py's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.services import CaseError
from zona.orgs.holders import role_holders, units_granted
from zona.orgs.models import Role, Unit
from zona.workdays.services import calendar

from .models import (
    AnnualReportText,
    Decision,
    Dispute,
    DisputeOutcome,
    InformationRequest,
    Objection,
    ObjectionOutcome,
    RefusalReason,
    rule,
    workflow,
)

NARRATIVE = (
    "policy",
    "facilities",
    "staff",
    "budget",
    "obstacles_internal",
    "obstacles_external",
    "recommendations",
)


def report_due(year: int) -> date:
    """The report on `year` is due at the Komisi Informasi by 31 March of the next year (Perki
    1/2021 Ps 56; the day is data, data/workflow.yaml)."""
    return date(year + 1, rule("annual_report_due_month"), rule("annual_report_due_day"))


def service_limits() -> tuple[int, int]:
    """The working days to the written notice, without and with the one extension, as the
    module's workflow file sets them (10 and 17 under UU 14/2008 Ps 22)."""
    states = workflow().states
    return states["diterima"].deadline.working_days, states["diperpanjang"].deadline.working_days


def service_end(request: InformationRequest) -> date | None:
    """When the request was served: the delivery of what was granted, or the written notice of a
    refusal (nothing to deliver). None while it is still open or awaiting delivery."""
    if request.decision in (Decision.FULL, Decision.PARTIAL):
        return request.delivered_on
    if request.decision == Decision.REFUSED:
        return request.notice_on
    return None


@dataclass
class AnnualReport:
    unit: Unit
    year: int
    text: AnnualReportText
    due_on: date
    requests: int = 0
    granted_full: int = 0
    granted_partial: int = 0
    refused: int = 0
    refusal_reasons: dict[str, int] = field(default_factory=dict)
    undecided: int = 0
    awaiting_delivery: int = 0
    average_days: float | None = None
    on_time: int = 0
    served: int = 0
    objections: int = 0
    objections_answered: int = 0
    objection_outcomes: dict[str, int] = field(default_factory=dict)
    objection_rows: list[Objection] = field(default_factory=list)
    disputes: int = 0
    dispute_outcomes: dict[str, int] = field(default_factory=dict)
    dispute_rows: list[Dispute] = field(default_factory=list)
    by_channel: dict[str, int] = field(default_factory=dict)

    @property
    def overdue(self) -> bool:
        return self.text.submitted_on is None and timezone.localdate() > self.due_on


def annual_report(*, unit: Unit, year: int) -> AnnualReport:
    """The report's figures from the registers, with the PPID's narrative."""
    text = AnnualReportText.objects.filter(unit=unit, year=year).first() or AnnualReportText(
        unit=unit, year=year
    )
    report = AnnualReport(unit=unit, year=year, text=text, due_on=report_due(year))
    requests = InformationRequest.objects.filter(
        case__unit=unit, case__received_on__year=year
    ).select_related("case")
    decisions = dict(requests.order_by().values_list("decision").annotate(n=Count("pk")))
    report.requests = sum(decisions.values())
    report.granted_full = decisions.get(Decision.FULL, 0)
    report.granted_partial = decisions.get(Decision.PARTIAL, 0)
    report.refused = decisions.get(Decision.REFUSED, 0)
    report.undecided = decisions.get("", 0)
    report.refusal_reasons = {
        str(RefusalReason(k).label): v
        for k, v in requests.exclude(refusal_reason="")
        .order_by()
        .values_list("refusal_reason")
        .annotate(n=Count("pk"))
    }
    report.by_channel = dict(requests.order_by().values_list("case__channel").annotate(n=Count("pk")))
    cal = calendar()
    plain, extended = service_limits()
    days = []
    for request in requests:
        end = service_end(request)
        if end is None:
            report.awaiting_delivery += request.decision in (Decision.FULL, Decision.PARTIAL)
            continue
        taken = cal.between(request.case.received_on, end)
        days.append(taken)
        report.on_time += taken <= (extended if request.extension_reason else plain)
    report.served = len(days)
    report.average_days = round(sum(days) / len(days), 1) if days else None
    objections = Objection.objects.filter(request__case__unit=unit, received_on__year=year).select_related(
        "request__case"
    )
    report.objection_rows = list(objections.order_by("received_on", "pk"))
    report.objections = len(report.objection_rows)
    report.objections_answered = sum(1 for o in report.objection_rows if o.responded_on)
    report.objection_outcomes = _count_labels(
        (o.outcome for o in report.objection_rows if o.outcome), ObjectionOutcome
    )
    disputes = Dispute.objects.filter(
        objection__request__case__unit=unit, filed_on__year=year
    ).select_related("objection__request__case")
    report.dispute_rows = list(disputes.order_by("filed_on", "pk"))
    report.disputes = len(report.dispute_rows)
    report.dispute_outcomes = _count_labels(
        (d.outcome for d in report.dispute_rows if d.outcome), DisputeOutcome
    )
    return report


def _count_labels(values, choices) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        label = str(choices(value).label)
        counts[label] = counts.get(label, 0) + 1
    return counts


@transaction.atomic
def report_text_save(*, unit: Unit, year: int, by, **fields: str) -> AnnualReportText:
    """The PPID's narrative of the report (policy, means, obstacles, recommendations)."""
    unknown = set(fields) - set(NARRATIVE)
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    text, _created = AnnualReportText.objects.get_or_create(unit=unit, year=year)
    before = {name: getattr(text, name) for name in NARRATIVE}
    for name, value in fields.items():
        setattr(text, name, value)
    text.updated_by = by
    text.save()
    audit_record(
        actor=by,
        action="ppid.report_text_saved",
        obj=text,
        unit=unit,
        changes={name: "changed" for name in NARRATIVE if before[name] != getattr(text, name)},
    )
    return text


@transaction.atomic
def report_submitted(*, unit: Unit, year: int, submitted_on: date, by) -> AnnualReportText:
    """Record the day the report went to the Komisi Informasi."""
    if submitted_on <= date(year, 12, 31) or submitted_on > timezone.localdate():
        raise CaseError(_("The report on a year is sent after that year ends, and not in the future."))
    text, _created = AnnualReportText.objects.get_or_create(unit=unit, year=year)
    text.submitted_on = submitted_on
    text.updated_by = by
    text.save(update_fields=["submitted_on", "updated_by", "updated_at"])
    audit_record(
        actor=by,
        action="ppid.report_submitted",
        obj=text,
        unit=unit,
        changes={"submitted_on": submitted_on.isoformat(), "due_on": report_due(year).isoformat()},
    )
    return text


def reports_remind(*, today: date) -> int:
    """Remind the PPID officers of every unit with a PPID of its own whose report on last year is
    not sent yet, from 1 March (due 31 March) and when it is late: the people holding the PPID
    officer's role on the unit, directly or over it (zona.orgs.holders). Once per person, unit,
    year and stage."""
    from django.urls import reverse

    from zona.notifications.services import Notice, notifications_deliver, notify

    year = today.year - 1
    if today < date(today.year, rule("annual_report_reminder_month"), rule("annual_report_reminder_day")):
        return 0
    sent = AnnualReportText.objects.filter(year=year, submitted_on__isnull=False).values("unit_id")
    stage = "late" if today > report_due(year) else "due"
    notices = []
    for unit in units_granted({Role.PPID_OFFICER}).exclude(pk__in=sent).order_by("path"):
        text = (
            _("The PPID annual report %(year)s of %(unit)s is late (due %(date)s)")
            if stage == "late"
            else _("The PPID annual report %(year)s of %(unit)s is due by %(date)s")
        ) % {"year": year, "unit": unit.code, "date": f"{report_due(year):%d-%m-%Y}"}
        url = reverse("ppid:registers", args=[unit.slug]) + f"?tahun={year}"
        notices += [
            Notice(user_id=user_id, key=f"ppid-report-{unit.pk}-{year}-{stage}", text=text, url=url)
            for user_id in role_holders(unit, {Role.PPID_OFFICER}).values_list("pk", flat=True)
        ]
    created = notify(notices)
    notifications_deliver()
    return created
