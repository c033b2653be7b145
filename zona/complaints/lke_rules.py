"""Complaint counts offered to the LKE: Reform A.II.5.ii.a (persentase penanganan pengaduan =
selesai ÷ harus ditindaklanjuti). Completed (selesai) means closed after the follow-up was
recorded as completed; a completed follow-up still waiting for the reporter is in process. The
counts never claim more than were received: diproses + selesai ≤ harus ditindaklanjuti (the LKE's
example, 13 + 157 of 170), or nothing is suggested. A year whose complaints were all rejected,
passed on or archived is 0 of 0: what that scores is the unit's choice (zona/lke/options.py)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.options import in_force_text
from zona.lke.suggestions import Suggestion, rule

from .services import complaint_statistics, silence_days


@rule("A.II.5.ii.a")
def complaint_handling(assessment):
    start, end = date(assessment.year, 1, 1), date(assessment.year, 12, 31)
    stats = complaint_statistics(units=[assessment.unit], start=start, end=end)
    if not stats.received:
        return None  # no complaint recorded: no data (the unit may not take them through Zona)
    if stats.in_process < 0 or stats.in_process + stats.completed > stats.must_follow_up:
        return None  # counts that don't add up are never offered as an answer
    source = _(
        "Complaint register %(year)s: %(due)s to follow up, %(open)s in process (%(waiting)s of them "
        "completed and waiting for the reporter), %(done)s completed — follow-up recorded as "
        "completed, then confirmed by the reporter or %(days)s working days without a reply; "
        "%(on_time)s of them on time."
    ) % {
        "year": assessment.year,
        "due": stats.must_follow_up,
        "open": stats.in_process,
        "waiting": stats.awaiting_confirmation,
        "done": stats.completed,
        "days": silence_days(),
        "on_time": stats.on_time,
    }
    if stats.closed_unrecorded:
        source += " " + _(
            "%(n)s closed without a recorded completion are counted neither as completed nor in process."
        ) % {"n": stats.closed_unrecorded}
    if not stats.must_follow_up:
        source += " " + in_force_text(assessment, "zero_complaints")
    link = reverse("complaints:statistics", args=[assessment.unit.slug])
    return Suggestion(
        f"{stats.must_follow_up};{stats.in_process};{stats.completed}",
        source,
        link=f"{link}?dari={start:%d/%m/%Y}&sampai={end:%d/%m/%Y}",
    )
