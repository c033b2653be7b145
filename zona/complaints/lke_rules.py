"""Complaint counts offered to the LKE: Reform A.II.5.ii.a (persentase penanganan pengaduan)."""

from datetime import date

from django.utils.translation import gettext as _

from zona.lke.suggestions import Suggestion, rule

from .services import complaint_statistics


@rule("A.II.5.ii.a")
def complaint_handling(assessment):
    stats = complaint_statistics(
        units=[assessment.unit], start=date(assessment.year, 1, 1), end=date(assessment.year, 12, 31)
    )
    if not stats.received:
        return None
    return Suggestion(
        f"{stats.must_follow_up};{stats.in_process};{stats.completed}",
        _("Complaint register %(year)s: %(due)s to follow up, %(open)s in process, %(done)s completed")
        % {
            "year": assessment.year,
            "due": stats.must_follow_up,
            "open": stats.in_process,
            "done": stats.completed,
        },
    )
