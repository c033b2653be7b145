"""The UPG's periodic recap to the Inspektorat: the reports of a period (or NIHIL when there
were none) as a workbook kept as the UPG's evidence, and the periods of a year still without one.
The period is `recap_period_months` of the workflow file (a quarter by default)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_create_file
from zona.lib.periods import period_containing
from zona.orgs.models import Unit

from . import services
from .deadlines import setting
from .exporters import recap_xlsx
from .models import GratificationReport, Recap
from .services import RESTRICTED, GratificationError


def period_of(day: date) -> tuple[date, date]:
    """The recap period holding `day` (quarters by default: recap_period_months)."""
    return period_containing(day, setting("recap_period_months"))


def recap_rows(unit: Unit, start: date, end: date) -> list[GratificationReport]:
    return list(
        GratificationReport.objects.filter(unit=unit, reported_on__range=(start, end)).select_related(
            "reporter"
        )
    )


@transaction.atomic
def recap_send(*, unit: Unit, start: date, end: date, by) -> Recap:
    """Make the period's recap (the reports, or nihil), keep it as the UPG's evidence, record it
    as sent to the Inspektorat."""
    if end >= services.local_today():
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
        sent_on=services.local_today(),
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
