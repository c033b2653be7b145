"""The complaints as the public's open statistics count them: one anonymous row per complaint
(zona.cases.figures.Handled). Finished means the follow-up was recorded as completed and the
complaint closed (as complaint_statistics counts it); the days and the on-time share run from
receipt to that completion, against the deadline of the complaint's type."""

from __future__ import annotations

from zona.cases.figures import Handled
from zona.cases.models import Case
from zona.workdays.services import calendar

from .models import KIND, workflow


def handled(units) -> list[Handled]:
    """Every complaint received by `units` (a queryset or ids), in one query."""
    cal = calendar()
    table = workflow().states["ditindaklanjuti"].deadline.table
    rows = Case.objects.filter(kind=KIND, unit__in=units).values_list(
        "unit_id", "received_on", "state", "complaint__completed_on", "complaint__complaint_type"
    )
    found = []
    for unit_id, received_on, state, completed_on, kind in rows.order_by():
        if state == "selesai" and completed_on is not None:
            on_time = kind in table and completed_on <= cal.add(received_on, table[kind])
            days = cal.between(received_on, completed_on)
            found.append(Handled(unit_id, received_on, days, on_time))
        else:
            found.append(Handled(unit_id, received_on, refused=state == "ditolak"))
    return found
