"""Pages that list information requests and keberatan, each with its deadlines in working days,
read the calendar's overrides at most once, whatever the number of rows (zona.workdays:
one read per request)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.cases.models import Case
from zona.ppid.objections import objection_file
from zona.ppid.tests.factories import submit
from zona.workdays.calendar import DAY_OFF
from zona.workdays.services import override_set

pytestmark = pytest.mark.django_db


def calendar_reads(client, method: str, url: str, data=None) -> tuple[int, str]:
    """How many times the page read the calendar's overrides, and the page."""
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    reads = sum("workdays_calendaroverride" in q["sql"] for q in ctx.captured_queries)
    return reads, response.content.decode()


def objections(info, n: int) -> None:
    """Keberatan on a request left unanswered (due 15 April 2024), none answered yet: the window
    to the Komisi Informasi of each runs 14 working days after its 30 for the answer."""
    while info.objections.count() < n:
        objection_file(
            request=info, grounds=["c"], case_position="Tidak ada jawaban", received_on=date(2024, 4, 25)
        )


def test_a_request_page_reads_the_calendar_once_for_any_number_of_keberatan(client, units, officer):
    override_set(day=date(2024, 7, 1), kind=DAY_OFF, reason="Libur daerah", by=officer)
    case, code = submit(units["SUMSEL"])
    client.force_login(officer)
    detail = reverse("ppid:detail", args=[case.pk])
    track = reverse("ppid_public:track", args=["sumsel"])
    found = {}
    for n in (1, 6):
        objections(case.ppid, n)
        staff_reads, staff_page = calendar_reads(client, "get", detail)
        public_reads, public_page = calendar_reads(
            client, "post", track, {"number": case.number, "code": code}
        )
        found[n] = (staff_reads, public_reads)
        for o in case.ppid.objections.all():  # every keberatan listed, with its deadlines
            assert f'id="objection-{o.pk}"' in staff_page and f'id="objection-{o.pk}"' in public_page
    assert found[1] == found[6] and max(found[6]) <= 1


def test_the_request_lists_read_the_calendar_at_most_once_for_any_number_of_requests(client, units, officer):
    client.force_login(officer)
    pages = [
        reverse("ppid:list"),
        reverse("ppid:registers", args=["sumsel"]),
        reverse("start:home"),
    ]
    found = {}
    for n in (1, 8):
        while Case.objects.count() < n:
            submit(units["SUMSEL"], received_on=date(2024, 4, 1 + Case.objects.count()))
        found[n] = [calendar_reads(client, "get", page)[0] for page in pages]
    assert found[1] == found[8] and max(found[8]) <= 1
