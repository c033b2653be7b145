"""The admin's calendar changes, each request after it sees: added, moved to another day,
removed with the delete button or with the list's "delete selected" action. The open deadlines
spanning the day move, the case page's explanation too, and each change is in the audit log."""

from datetime import date

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.cases.models import Case
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.ppid.services import request_submit
from zona.workdays.calendar import DAY_OFF
from zona.workdays.models import CalendarOverride
from zona.workdays.services import override_set

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def received(units):
    """A PPID request received Thursday 11 May 2023: 10 working days to 26 May."""
    made, _code = request_submit(
        unit=units["SUMSEL"], name="n", applicant_type="perorangan", address="a", contact="c", subject="s",
        information="i", purpose="p", obtain_method="melihat", delivery="langsung",
        identity=SimpleUploadedFile("k.pdf", PDF), received_on=date(2023, 5, 11),
    )  # fmt: skip
    return made


@pytest.fixture
def case(units):
    return received(units)


@pytest.fixture
def officer_page(client, cast, units, case):
    """The case page as its officer reads it (a request of its own each time)."""
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.PPID_OFFICER)
    client.force_login(cast["pic"])
    return lambda: client.get(reverse("ppid:detail", args=[case.pk])).content.decode()


def add(admin_client, day: str, reason: str = "Libur daerah"):
    data = {"date": day, "kind": "day_off", "reason": reason}
    response = admin_client.post(reverse("admin:workdays_calendaroverride_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return CalendarOverride.objects.get(date=day)


def due(case) -> date:
    case.refresh_from_db()
    return case.due_on


def test_a_day_off_added_in_the_admin_moves_the_deadline_and_the_next_page(admin_client, case, officer_page):
    assert "→ 26-05-2023" in officer_page()
    add(admin_client, "2023-05-19", "HUT Provinsi")
    assert due(case) == date(2023, 5, 29)
    page = officer_page()
    assert "19-05 (HUT Provinsi)" in page and "→ 29-05-2023" in page


def test_a_day_off_moved_to_another_day_in_the_admin_frees_the_old_day(admin_client, case, officer_page):
    override = add(admin_client, "2023-05-19")
    url = reverse("admin:workdays_calendaroverride_change", args=[override.pk])
    data = {"date": "2023-05-31", "kind": "day_off", "reason": "Libur daerah (diundur)"}
    assert admin_client.post(url, data).status_code == 302
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [date(2023, 5, 31)]
    assert due(case) == date(2023, 5, 26)
    assert "→ 26-05-2023" in officer_page()
    assert AuditEvent.objects.filter(action="workdays.override_removed").count() == 1


@pytest.mark.parametrize(
    ("before", "after", "due_on"),
    [("2023-05-19", "2023-05-31", date(2023, 5, 26)), ("2023-05-31", "2023-05-19", date(2023, 5, 29))],
)
def test_a_day_off_moved_in_the_admin_stays_the_same_record_with_its_history(
    admin_client, case, before, after, due_on
):
    """Saved with "Simpan dan lanjutkan mengubah": back on the same record's page, its history
    (added, then changed) kept, the deadline moved past the new day, both days in the audit log."""
    override = add(admin_client, before)
    url = reverse("admin:workdays_calendaroverride_change", args=[override.pk])
    data = {"date": after, "kind": "day_off", "reason": "Libur daerah (dipindah)", "_continue": "1"}
    response = admin_client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == url and response.context["original"].pk == override.pk
    moved = [(override.pk, date.fromisoformat(after))]
    assert list(CalendarOverride.objects.values_list("pk", "date")) == moved
    assert due(case) == due_on
    history = LogEntry.objects.filter(object_id=str(override.pk)).order_by("action_time")
    assert [entry.action_flag for entry in history] == [ADDITION, CHANGE]
    history_page = admin_client.get(reverse("admin:workdays_calendaroverride_history", args=[override.pk]))
    assert list(history_page.context["action_list"]) == list(history)
    events = AuditEvent.objects.filter(action__startswith="workdays.override_", object_id=str(override.pk))
    assert list(events.order_by("pk").values_list("action", flat=True)) == [
        "workdays.override_set",
        "workdays.override_removed",
        "workdays.override_set",
    ]


@pytest.mark.parametrize("how", ["delete button", "delete selected"])
def test_a_day_off_removed_in_the_admin_moves_the_deadline_back(admin_client, case, officer_page, how):
    override = add(admin_client, "2023-05-19")
    add(admin_client, "2023-05-22")
    assert due(case) == date(2023, 5, 30)
    if how == "delete button":
        url = reverse("admin:workdays_calendaroverride_delete", args=[override.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    else:
        url = reverse("admin:workdays_calendaroverride_changelist")
        data = {"action": "delete_selected", "_selected_action": [override.pk], "post": "yes"}
        assert admin_client.post(url, data).status_code == 302
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [date(2023, 5, 22)]
    assert due(case) == date(2023, 5, 29)
    assert "→ 29-05-2023" in officer_page()
    assert AuditEvent.objects.filter(action="workdays.override_removed").count() == 1


def test_the_deadlines_moved_by_a_change_read_the_calendar_once_for_any_number_of_cases(units, cast):
    reads = {}
    for n, day in ((1, date(2023, 5, 19)), (5, date(2023, 5, 22))):
        while Case.objects.count() < n:
            received(units)
        with CaptureQueriesContext(connection) as ctx:
            override_set(day=day, kind=DAY_OFF, reason="Libur daerah", by=cast["admin"])
        reads[n] = sum("workdays_calendaroverride" in q["sql"] for q in ctx.captured_queries)
    assert Case.objects.filter(due_on=date(2023, 5, 30)).count() == 5  # each moved past both days
    assert reads[1] == reads[5]
