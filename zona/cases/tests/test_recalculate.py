"""A day off added by the admin moves every open deadline that spans it, on the timeline."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from zona.cases.models import Case
from zona.complaints.services import complaint_submit
from zona.ppid.services import request_submit
from zona.workdays.calendar import DAY_OFF
from zona.workdays.services import override_set

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_new_day_off_moves_open_deadlines(units, cast):
    complaint, _ = complaint_submit(
        unit=units["SUMSEL"],
        subject="s",
        description="d",
        category="pelayanan",
        reporter_contact="0812",
        received_on=date(2023, 5, 11),
    )
    request, _ = request_submit(
        unit=units["SUMSEL"],
        name="n",
        applicant_type="perorangan",
        address="a",
        contact="c",
        subject="s",
        information="i",
        purpose="p",
        obtain_method="melihat",
        delivery="langsung",
        identity=SimpleUploadedFile("k.pdf", PDF),
        received_on=date(2023, 5, 11),
    )
    assert (complaint.due_on, request.due_on) == (date(2023, 5, 16), date(2023, 5, 26))
    override_set(day=date(2023, 5, 15), kind=DAY_OFF, reason="Libur daerah", by=cast["admin"])
    complaint.refresh_from_db()
    request.refresh_from_db()
    assert (complaint.due_on, request.due_on) == (date(2023, 5, 17), date(2023, 5, 29))
    event = complaint.events.get(action="deadline_moved")
    assert "16-05-2023" in event.reason and "17-05-2023" in event.reason and event.public
    override_set(
        day=date(2023, 5, 31), kind=DAY_OFF, reason="Libur lain", by=cast["admin"]
    )  # after both: no move
    assert Case.objects.filter(events__action="deadline_moved").count() == 2
