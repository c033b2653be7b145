"""Gratification reports: the employee's report (with what the limits say) to the UPG, or
recorded after reporting straight to KPK (GOL, e-mail); the sub-UPG passing it to the UPG above;
the UPG's verification with its finding (must it reach KPK?), forwarding to KPK (late ones
flagged), KPK's request for completion and its lapse, KPK's decision; and the periodic recap to
the Inspektorat. Every step is audited and its deadline comes from the working-day calendar."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.cases.services import number_next
from zona.cases.workflow import transition_for
from zona.evidence.services import evidence_create_file, evidence_file_or
from zona.lib.errors import RuleError
from zona.notifications.services import Notice, notify
from zona.orgs.holders import role_holders
from zona.orgs.models import Role, Unit
from zona.orgs.permissions import Action
from zona.workdays.services import add_working_days, calendar_scope, deadline_text

from .deadlines import kpk_expiry, late_consequences, setting, state_due, upg_above, upg_level
from .limits import assess
from .models import Attachment, Channel, Decision, GratificationReport, Kind, ReportEvent, workflow

KIND = "gratification"
RESTRICTED = Action.HANDLE_GRATIFICATION.value  # attachments readable by the UPG only


class GratificationError(RuleError):
    """A rule was broken; the message is for the user."""


def local_today() -> date:
    """Today in Jakarta (tests set it)."""
    return timezone.localdate()


def upg_officers(unit: Unit) -> list[int]:
    return list(role_holders(unit, [Role.UPG_OFFICER]).values_list("pk", flat=True))


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


def _direct(channel: str, kpk_reference: str, sent_on: date | None, received_on: date, today: date) -> None:
    """A report made straight to KPK needs KPK's number and the day it was sent."""
    if channel not in Channel.values:
        raise GratificationError(_("Choose how the gift was reported."))
    if channel == Channel.UPG:
        return
    if not kpk_reference.strip() or sent_on is None:
        raise GratificationError(
            _("Reported directly to KPK: give KPK's report number and the day you sent it.")
        )
    if not received_on <= sent_on <= today:
        raise GratificationError(
            _("The day sent to KPK must fall between the day the gift was received and today.")
        )


def report_create(
    *,
    unit: Unit,
    reporter,
    fields: dict,
    uploads=(),
    contrary_to_duty: bool = False,
    channel: str = Channel.UPG,
    kpk_reference: str = "",
    sent_to_kpk_on: date | None = None,
) -> GratificationReport:
    """A report to the unit's UPG; or one the receiver already made straight to KPK (GOL or
    e-mail), recorded at KPK from the day sent so the UPG knows of it and recaps it."""
    today = local_today()
    received_on: date = fields["received_on"]
    if received_on > today:
        raise GratificationError(_("The date received can't be in the future."))
    if fields["value"] < 0:
        raise GratificationError(_("The value can't be negative."))
    _direct(channel, kpk_reference, sent_to_kpk_on, received_on, today)
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
    direct = channel != Channel.UPG
    with transaction.atomic():  # a refused file (FileRejected, a RuleError) saves nothing
        _seq, number = number_next(KIND, "GRAT", unit, today.year)
        report = GratificationReport(
            unit=unit,
            reporter=reporter,
            number=number,
            must_report=decision.must_report,
            rule_applied=f"{decision.regulation}: {decision.reason}"[:500],
            state="diteruskan_kpk" if direct else workflow().initial,
            channel=channel,
            reported_on=today,
            upg_unit=unit,
            upg_received_on=today,
            late_to_upg=not direct
            and today > add_working_days(received_on, setting("report_to_upg_working_days")),
            kpk_due=add_working_days(received_on, setting("kpk_working_days")),
            **fields,
        )
        if direct:
            report.forwarded_on, report.kpk_reference = sent_to_kpk_on, kpk_reference.strip()[:100]
            report.reportable = True
        report.state_due = state_due(report, report.state, today)
        report.save()
        _attach(report, uploads, reporter)
        _event(report, reporter, "reported_direct" if direct else "reported", _late_note(report, today))
    text = _("Gratification report %(number)s, reported directly to KPK: for your records and recap.")
    if not direct:
        text = _("New gratification report %(number)s.")
    _notify_upg(report, unit, f"gratification:{report.pk}:new", text % {"number": number})
    return report


def _notify_upg(report: GratificationReport, unit: Unit, key: str, text: str) -> int:
    url = reverse("gratification:detail", args=[report.pk])
    return notify([Notice(user_id=u, key=key, text=text, url=url) for u in upg_officers(unit)])


def _late_note(report: GratificationReport, today: date) -> str:
    return " ".join(late_consequences(report, today))


def _verify(report: GratificationReport, reportable: str, reason: str) -> None:
    """The UPG's finding: must it reach KPK? Against what the limits said, say why."""
    if reportable not in ("ya", "tidak"):
        raise GratificationError(_("State the UPG's finding: must this gift be reported to KPK?"))
    report.reportable = reportable == "ya"
    if report.must_report and not report.reportable and not reason.strip():
        raise GratificationError(
            _("The limits say this gift must be reported: give the reason the UPG finds otherwise.")
        )


def _forward(report: GratificationReport, kpk_reference: str, forwarded_on: date | None, today: date) -> None:
    if not kpk_reference.strip() or forwarded_on is None:
        raise GratificationError(_("Give the KPK report number and the date it was forwarded."))
    if not report.received_on <= forwarded_on <= today:
        raise GratificationError(
            _("The day forwarded must fall between the day the gift was received and today.")
        )
    report.kpk_reference, report.forwarded_on = kpk_reference.strip()[:100], forwarded_on
    report.reportable = True


def _decide(report, by, decision: str, decision_number: str, decided_on: date | None, proof) -> None:
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
        report.handover_proof = evidence_file_or(
            GratificationError,
            unit=report.unit,
            title=f"{report.number} serah terima",
            upload=proof,
            by=by,
            effective_date=decided_on,
        )


def _pass_up(report: GratificationReport, today: date) -> Unit:
    above = upg_above(report.unit) if upg_level(report) == "sub" else None
    if above is None:
        raise GratificationError(_("This unit's UPG is the main UPG: there is no UPG above to pass it to."))
    report.upg_unit, report.upg_received_on, report.passed_up_on = above, today, today
    return above


# The reporter's own steps (data/workflow.yaml): completing what the UPG asked for sends the report
# back to the UPG; what KPK asked for is handed to the UPG while the report waits on KPK.
REPORTER_STEPS = ("completed", "completed_for_kpk")


@transaction.atomic
def report_step(
    *,
    report: GratificationReport,
    action: str,
    by,
    reason: str = "",
    reportable: str = "",
    kpk_reference: str = "",
    forwarded_on: date | None = None,
    asked_on: date | None = None,
    decision: str = "",
    decision_number: str = "",
    decided_on: date | None = None,
    proof=None,
) -> GratificationReport:
    """One step: the UPG verifies (with its finding), passes it to the UPG above, asks the
    reporter to complete it (the UPG's deadline still runs), forwards it to KPK (flagged when
    late), records KPK's request for completion and its sending, KPK's decision, or records only
    a report it found not reportable; the reporter's `completed`; the daily `expire` after KPK's
    request lapsed."""
    flow = workflow()
    report = GratificationReport.objects.select_for_update().get(pk=report.pk)
    if action in REPORTER_STEPS and (by is None or by.pk != report.reporter_id):
        raise GratificationError(_("Only the reporter completes the report."))
    transition = transition_for(
        flow, state=report.state, action=action, reason=reason, error=GratificationError
    )
    today = local_today()
    note = reason
    if action == "verify":
        _verify(report, reportable, reason)
    elif action == "pass_up":
        _pass_up(report, today)
    elif action == "ask":
        report.incomplete_note = reason[:2000]
    elif action == "completed":
        report.incomplete_note = ""
    elif action == "record" and report.reportable is not False:
        raise GratificationError(
            _("The UPG found this gift must be reported: forward it to KPK, it can't be recorded only.")
        )
    elif action == "forward":
        _forward(report, kpk_reference, forwarded_on, today)
        note = " ".join(filter(None, [reason, _late_note(report, today)]))
    elif action == "kpk_ask":
        report.kpk_asked_on = asked_on or today
        if not report.forwarded_on <= report.kpk_asked_on <= today:
            raise GratificationError(_("The day KPK asked must fall between the day forwarded and today."))
        report.incomplete_note, report.expires_on = reason[:2000], kpk_expiry(report.kpk_asked_on)
    elif action == "kpk_completed":
        report.incomplete_note, report.expires_on = "", None
    elif action == "decide":
        _decide(report, by, decision, decision_number, decided_on, proof)
    report.state = transition.target
    report.state_due = state_due(report, report.state, today)
    if flow.states[report.state].final:
        report.closed_on = today
    report.save()
    _event(report, by, action, note)
    if action == "pass_up":
        text = _("Gratification report %(number)s passed on by the sub-UPG.") % {"number": report.number}
        _notify_upg(report, report.upg_unit, f"gratification:{report.pk}:passed", text)
    return report


def report_complete(*, report: GratificationReport, by, note: str, uploads=()) -> GratificationReport:
    """The reporter completes what the UPG asked for (the report goes back to the UPG), or what
    KPK asked for (handed to the UPG, which sends it to KPK and records it): the reporter's step
    the report waits for, through the workflow guard like every step."""
    if report.reporter_id != by.pk:
        raise GratificationError(_("Only the reporter completes the report."))
    report.refresh_from_db()
    flow = workflow()
    action = next((t.action for t in flow.allowed(report.state) if t.action in REPORTER_STEPS), "")
    transition_for(flow, state=report.state, action=action, reason=note, error=GratificationError)
    if not note.strip() and not uploads:
        raise GratificationError(_("Say what you add, or attach it."))
    with transaction.atomic():  # a refused file (FileRejected, a RuleError) saves nothing
        _attach(report, uploads, by)
        report = report_step(report=report, action=action, by=by, reason=note)
    if action == "completed_for_kpk":
        text = _("Gratification report %(number)s: the reporter sent what KPK asked for.") % {
            "number": report.number
        }
        _notify_upg(report, report.holder, f"gratification:{report.pk}:for-kpk:{local_today()}", text)
    return report


@calendar_scope()  # one read of the calendar for every report's deadlines
def gratification_daily(*, today: date) -> dict[str, int]:
    """Drop the reports KPK asked to complete that were not completed in time; remind the UPG
    of its deadlines and of KPK's, a few working days ahead (kpk_reminder_working_days)."""
    expired = 0
    for report in GratificationReport.objects.filter(state="kpk_minta_lengkap", expires_on__lt=today):
        report_step(report=report, action="expire", by=None, reason=_("Not completed within KPK's time."))
        expired += 1
    soon = add_working_days(today, setting("kpk_reminder_working_days"))
    reminded = 0
    due = Q(state_due__lte=soon) | (Q(forwarded_on__isnull=True, kpk_due__lte=soon) & ~Q(reportable=False))
    for report in GratificationReport.objects.filter(closed_on=None).filter(due).select_related("unit"):
        text = _(
            "Gratification report %(number)s: a deadline is near or past (next step %(step)s, KPK %(kpk)s)."
        )
        values = {
            "number": report.number,
            "step": deadline_text(report.state_due) or "–",
            "kpk": deadline_text(report.kpk_due),
        }
        reminded += _notify_upg(
            report, report.holder, f"gratification:{report.pk}:due:{today.isoformat()}", text % values
        )
    return {"expired": expired, "reminded": reminded}
