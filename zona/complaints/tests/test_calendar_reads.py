"""Complaints, each with deadlines in working days: the pages that list them and the daily job
that closes the silent ones read the calendar's overrides at most once, whatever their number
(zona.workdays: one read per request or job)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.cases.models import Case
from zona.cases.services import cases_daily
from zona.complaints.services import complaint_step
from zona.complaints.tests.test_complaints import submit
from zona.orgs.models import Role
from zona.orgs.services import role_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(cast, units):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    return cast["pic"]


def calendar_reads(queries) -> int:
    return sum("workdays_calendaroverride" in q["sql"] for q in queries)


def completed(units, officer, n: int) -> None:
    """Complaints whose follow-up was completed on 15 May 2023, waiting for the reporter."""
    while Case.objects.count() < n:
        case, _code = submit(units["SUMSEL"])
        complaint_step(case=case, action="verify", complaint_type="tidak_berkadar_pengawasan", by=officer)
        complaint_step(
            case=case, action="respond", reason="Kami periksa", by=officer, today=date(2023, 5, 12)
        )
        complaint_step(case=case, action="complete", reason="Ditegur", by=officer, today=date(2023, 5, 15))


def test_the_complaint_pages_read_the_calendar_at_most_once_for_any_number(client, units, officer):
    client.force_login(officer)
    found = {}
    for n in (1, 6):
        completed(units, officer, n)
        pages = [reverse("complaints:list"), reverse("start:home")]
        pages += [
            reverse("complaints:detail", args=[pk]) for pk in Case.objects.values_list("pk", flat=True)[:1]
        ]
        reads = []
        for page in pages:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(page).status_code == 200
            reads.append(calendar_reads(ctx.captured_queries))
        found[n] = reads
    assert found[1] == found[6] and max(found[6]) <= 1


@pytest.mark.parametrize("n", [1, 6])
def test_the_daily_job_reads_the_calendar_once_for_any_number_of_complaints(units, officer, n):
    completed(units, officer, n)
    with CaptureQueriesContext(connection) as ctx:
        done = cases_daily(today=date(2023, 5, 30))  # 10 working days after the completion
    assert done["complaint"] == n and calendar_reads(ctx.captured_queries) == 1
