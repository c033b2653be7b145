"""Gratification reports: the employee's report (with what the limits say), the UPG's
verification, forwarding to KPK and KPK's decision, incomplete reports that expire, and the
periodic recap to the Inspektorat. Every step is audited and its deadline comes from the
working-day calendar."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.services import deadline_for, number_next
from zona.evidence.services import evidence_create_file
from zona.lib.files import FileRejected
from zona.lib.periods import period_containing
from zona.lib.xlsx import workbook
from zona.notifications.services import Notice, notify
from zona.orgs.models import Role, RoleAssignment, Unit
from zona.orgs.permissions import Action
from zona.workdays.services import add_working_days

from .limits import assess, regulation_on
from .models import Attachment, Decision, GratificationReport, Kind, Recap, ReportEvent, workflow

KIND = "gratification"
RESTRICTED = Action.HANDLE_GRATIFICATION.value  # attachments readable by the UPG only


class GratificationError(Exception):
    """A rule was broken; the message is for the user."""


def _today() -> date:
    return timezone.localdate()


def _setting(name: str) -> int:
    return workflow().settings[name]


def upg_officers(unit: Unit) -> list[int]:
    return list(
        RoleAssignment.objects.filter(role=Role.UPG_OFFICER, user__is_active=True)
        .filter(Q(unit=unit) | Q(include_descendants=True, unit__path__in=unit.ancestor_paths()))
        .values_list("user_id", flat=True)
        .distinct()
    )


def _event(report: GratificationReport, actor, action: str, note: str = "") -> None:
    ReportEvent.objects.create(report=report, actor=actor, action=action, note=note[:2000])
    audit_record(actor=actor, action=f"gratification.{action}", obj=report, unit=report.unit)


def _attach(report: GratificationReport, uploads, by) -> None:
    for upload in uploads:
        item = evidence_create_file(
            unit=report.unit,
            title=f"{report.number} {upload.name}"[:300],
            upload=upload,
            by=by,
            restricted_to=RESTRICTED,
        )
        Attachment.objects.create(report=report, evidence=item)


def given_this_year(*, reporter, giver_name: str, year: int) -> Decimal:
    """What the same giver already gave this reporter this year (for the yearly limit)."""
    total = GratificationReport.objects.filter(
        reporter=reporter, giver_name__iexact=giver_name.strip(), received_on__year=year, kind=Kind.RECEIVED
    ).aggregate(total=Sum("value"))["total"]
    return total or Decimal(0)


def report_create(
    *, unit: Unit, reporter, fields: dict, uploads=(), contrary_to_duty: bool = False
) -> GratificationReport:
    today = _today()
    received_on: date = fields["received_on"]
    if received_on > today:
        raise GratificationError(_("The date received can't be in the future."))
    if fields["value"] < 0:
        raise GratificationError(_("The value can't be negative."))
    decision = assess(
        category=fields["category"],
        value=fields["value"],
        received_on=received_on,
        money=fields["form"] == "uang",
        same_giver_this_year=given_this_year(
            reporter=reporter, giver_name=fields["giver_name"], year=received_on.year
        ),
        contrary_to_duty=contrary_to_duty,
    )
    flow = workflow()
    try:
        with transaction.atomic():
            _seq, number = number_next(KIND, "GRAT", unit, today.year)
            report = GratificationReport.objects.create(
                unit=unit,
                reporter=reporter,
                number=number,
                must_report=decision.must_report,
                rule_applied=f"{decision.regulation}: {decision.reason}"[:500],
                state=flow.initial,
                reported_on=today,
                late_to_upg=today > add_working_days(received_on, _setting("report_to_upg_working_days")),
                state_due=deadline_for(flow, flow.initial, received_on=today, values={}, today=today),
                kpk_due=add_working_days(received_on, _setting("kpk_working_days")),
                **fields,
            )
            _attach(report, uploads, reporter)
            _event(report, reporter, "reported")
    except FileRejected as exc:
        raise GratificationError(str(exc)) from exc
    notify(
        [
            Notice(
                user_id=user_id,
                key=f"gratification:{report.pk}:new",
                text=_("New gratification report %(number)s.") % {"number": number},
                url=reverse("gratification:detail", args=[report.pk]),
            )
            for user_id in upg_officers(unit)
        ]
    )
    return report


@transaction.atomic
def report_step(
    *,
    report: GratificationReport,
    action: str,
    by,
    reason: str = "",
    kpk_reference: str = "",
    forwarded_on: date | None = None,
    decision: str = "",
    decision_number: str = "",
    decided_on: date | None = None,
    proof=None,
) -> GratificationReport:
    """One UPG step (verify, ask for completion, forward to KPK, record KPK's decision, record
    only); the reporter's `completed` after completing."""
    flow = workflow()
    transition = flow.transitions.get(action)
    report = GratificationReport.objects.select_for_update().get(pk=report.pk)
    if transition is None or report.state not in transition.sources:
        raise GratificationError(_("This step can't be taken now."))
    if transition.reason == "required" and not reason.strip():
        raise GratificationError(_("Give the reason."))
    today = _today()
    if action == "ask":
        report.incomplete_note = reason[:2000]
        report.expires_on = add_working_days(
            today, regulation_on(report.received_on).incomplete_expiry_working_days
        )
    elif action == "completed":
        report.incomplete_note, report.expires_on = "", None
    elif action == "forward":
        if not kpk_reference.strip() or forwarded_on is None:
            raise GratificationError(_("Give the KPK report number and the date it was forwarded."))
        report.kpk_reference, report.forwarded_on = kpk_reference.strip()[:100], forwarded_on
    elif action == "decide":
        if decision not in Decision.values or not decision_number.strip() or decided_on is None:
            raise GratificationError(_("Give KPK's decision, its number and its date."))
        if decision == Decision.STATE and proof is None and not report.handover_proof_id:
            raise GratificationError(_("Property of the state: attach the proof it was handed over."))
        report.decision, report.decision_number, report.decided_on = (
            decision,
            decision_number.strip()[:200],
            decided_on,
        )
        if proof is not None:
            try:
                report.handover_proof = evidence_create_file(
                    unit=report.unit,
                    title=f"{report.number} serah terima",
                    upload=proof,
                    by=by,
                    effective_date=decided_on,
                )
            except FileRejected as exc:
                raise GratificationError(str(exc)) from exc
    report.state = transition.target
    report.state_due = deadline_for(
        flow, report.state, received_on=report.reported_on, values={}, today=today
    )
    if flow.states[report.state].final:
        report.closed_on = today
    report.save()
    _event(report, by, action, reason)
    return report


def report_complete(*, report: GratificationReport, by, note: str, uploads=()) -> GratificationReport:
    """The reporter completes what the UPG asked for."""
    if report.reporter_id != by.pk:
        raise GratificationError(_("Only the reporter completes the report."))
    if not note.strip() and not uploads:
        raise GratificationError(_("Say what you add, or attach it."))
    try:
        with transaction.atomic():
            _attach(report, uploads, by)
            return report_step(report=report, action="completed", by=by, reason=note)
    except FileRejected as exc:
        raise GratificationError(str(exc)) from exc


def gratification_daily(*, today: date) -> dict[str, int]:
    """Drop incomplete reports past their time; remind the UPG of steps and KPK deadlines due."""
    expired = 0
    for report in GratificationReport.objects.filter(state="perlu_dilengkapi", expires_on__lt=today):
        report_step(report=report, action="expire", by=None, reason=_("Not completed in time."))
        expired += 1
    reminded = 0
    open_reports = GratificationReport.objects.filter(closed_on=None).exclude(state__in=["diteruskan_kpk"])
    for report in open_reports.select_related("unit"):
        if (report.state_due and report.state_due < today) or report.kpk_due <= add_working_days(today, 3):
            reminded += notify(
                [
                    Notice(
                        user_id=user_id,
                        key=f"gratification:{report.pk}:due:{today.isoformat()}",
                        text=_("Gratification report %(number)s: a deadline is near or past (KPK: %(date)s).")
                        % {"number": report.number, "date": report.kpk_due.isoformat()},
                        url=reverse("gratification:detail", args=[report.pk]),
                    )
                    for user_id in upg_officers(report.unit)
                ]
            )
    return {"expired": expired, "reminded": reminded}


# -- recaps to the Inspektorat -----------------------------------------------------------------


def period_of(day: date) -> tuple[date, date]:
    """The recap period holding `day` (quarters by default: recap_period_months)."""
    return period_containing(day, _setting("recap_period_months"))


def recap_rows(unit: Unit, start: date, end: date) -> list[GratificationReport]:
    return list(
        GratificationReport.objects.filter(unit=unit, reported_on__range=(start, end)).select_related(
            "reporter"
        )
    )


def recap_xlsx(unit: Unit, start: date, end: date, rows: list[GratificationReport]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer)
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("Rekap")
    sheet.write(0, 0, f"REKAPITULASI LAPORAN GRATIFIKASI {unit.name.upper()}", bold)
    sheet.write(1, 0, f"Periode {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}")
    headers = [
        "No",
        "Nomor",
        "Tanggal lapor",
        "Pelapor",
        "Diterima/ditolak",
        "Bentuk",
        "Uraian",
        "Nilai (Rp)",
        "Status",
        "Penetapan KPK",
    ]
    sheet.write_row(3, 0, headers, bold)
    if not rows:
        sheet.write(4, 0, "NIHIL", bold)
    for index, report in enumerate(rows, start=1):
        sheet.write_row(
            3 + index,
            0,
            [
                str(index),
                report.number,
                report.reported_on.isoformat(),
                str(report.reporter),
                report.get_kind_display(),
                report.get_form_display(),
                report.description,
                f"{report.value:.0f}",
                report.state,
                report.get_decision_display() if report.decision else "",
            ],
        )
    book.close()
    return buffer.getvalue()


@transaction.atomic
def recap_send(*, unit: Unit, start: date, end: date, by) -> Recap:
    """Make the period's recap (the reports, or nihil), keep it as the UPG's evidence, record it
    as sent to the Inspektorat."""
    if end >= _today():
        raise GratificationError(_("A period is recapped once it is over."))
    if Recap.objects.filter(unit=unit, period_start=start).exists():
        raise GratificationError(_("This period's recap was already sent."))
    rows = recap_rows(unit, start, end)
    data = recap_xlsx(unit, start, end, rows)
    name = f"rekap-gratifikasi-{unit.code}-{start:%Y%m%d}.xlsx"
    upload = SimpleUploadedFile(
        name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    document = evidence_create_file(
        unit=unit, title=name, upload=upload, by=by, effective_date=end, restricted_to=RESTRICTED
    )
    recap = Recap.objects.create(
        unit=unit,
        period_start=start,
        period_end=end,
        count=len(rows),
        nihil=not rows,
        document=document,
        sent_on=_today(),
        sent_by=by,
    )
    audit_record(
        actor=by, action="gratification.recap_sent", obj=recap, unit=unit, changes={"count": len(rows)}
    )
    return recap


def recaps_missing(unit: Unit, year: int, today: date) -> list[tuple[date, date]]:
    """The year's ended periods without a recap."""
    done = set(
        Recap.objects.filter(unit=unit, period_start__year=year).values_list("period_start", flat=True)
    )
    missing, day = [], date(year, 1, 1)
    while day.year == year:
        start, end = period_of(day)
        if end < today and start not in done:
            missing.append((start, end))
        day = end + timedelta(days=1)
    return missing
