"""Complaint counts offered to the LKE: Reform A.II.5.ii.a (persentase penanganan pengaduan =
selesai ÷ harus ditindaklanjuti). Completed (selesai) means closed after the follow-up was
recorded as completed; a completed follow-up still waiting for the reporter is in process."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule

from .services import complaint_statistics, silence_days


@rule("A.II.5.ii.a")
def complaint_handling(assessment):
    start, end = date(assessment.year, 1, 1), date(assessment.year, 12, 31)
    stats = complaint_statistics(units=[assessment.unit], start=start, end=end)
    if not stats.received:
        return None
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
    link = reverse("complaints:statistics", args=[assessment.unit.slug])
    return Suggestion(
        f"{stats.must_follow_up};{stats.in_process};{stats.completed}",
        source,
        link=f"{link}?dari={start:%d/%m/%Y}&sampai={end:%d/%m/%Y}",
    )
