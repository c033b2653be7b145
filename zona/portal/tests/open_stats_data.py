"""A unit's register with known outcomes, and the open statistics it must give."""

from __future__ import annotations

from datetime import date

from zona.cases.models import Case
from zona.complaints.models import Complaint
from zona.complaints.tests.test_complaints import submit
from zona.ppid.models import InformationRequest, Objection
from zona.ppid.tests.factories import submit as request_submit

REPORTER = "Siti Rahmawati"
CONTACT = "siti.rahmawati@example.org"
APPLICANT = "Budi"  # the PPID factory's applicant


def complaint(unit, received_on=date(2023, 5, 11), **extra) -> Case:
    return submit(unit, received_on, reporter_name=REPORTER, reporter_contact=CONTACT, **extra)[0]


def complaint_done(case: Case, completed_on: date, complaint_type: str = "ringan") -> None:
    """Closed as selesai after the follow-up was recorded as completed on `completed_on`."""
    Case.objects.filter(pk=case.pk).update(state="selesai")
    Complaint.objects.filter(pk=case.pk).update(completed_on=completed_on, complaint_type=complaint_type)


def build_register(unit) -> list[Case]:
    """Thursday 11 May 2023, complaints of type ringan (due in 2 working days, 15 May):
    completed after 1, 2, 2 and 4 working days, one refused. Monday 1 April 2024, requests:
    one granted and delivered after 2 working days, three refused as exempt information after 1,
    2 and 3 (one of them extended), one not decided; three keberatan, two dismissed."""
    cases = [complaint(unit) for _ in range(5)]
    for case, day in zip(
        cases, (date(2023, 5, 12), date(2023, 5, 15), date(2023, 5, 15), date(2023, 5, 17)), strict=False
    ):
        complaint_done(case, day)
    Case.objects.filter(pk=cases[4].pk).update(state="ditolak")
    requests = [request_submit(unit)[0] for _ in range(5)]
    InformationRequest.objects.filter(pk=requests[0].pk).update(
        decision="seluruhnya", delivered_on=date(2024, 4, 3)
    )
    for case, day in zip(requests[1:4], (date(2024, 4, 2), date(2024, 4, 3), date(2024, 4, 4)), strict=True):
        InformationRequest.objects.filter(pk=case.pk).update(
            decision="ditolak", refusal_reason="dikecualikan", notice_on=day
        )
    InformationRequest.objects.filter(pk=requests[3].pk).update(extension_reason="Dokumen di arsip")
    for n, (case, outcome) in enumerate(zip(requests[1:4], ("ditolak", "ditolak", ""), strict=True)):
        Objection.objects.create(
            request_id=case.pk,
            number=f"KEB/{unit.code}/2024/{n}",
            received_on=date(2024, 4, 22),
            grounds=["a"],
            case_position="Informasi seharusnya terbuka",
            response_due=date(2024, 6, 5),
            outcome=outcome,
            responded_on=date(2024, 5, 2) if outcome else None,
        )
    return cases + requests


# The year's figures (the quarter holding every case has the same; the other quarters 0).
COMPLAINTS_2023 = {
    "received": 5,
    "finished": 4,
    "on_time": 3,
    "on_time_percent": 75.0,
    "median_working_days": 2.0,
    "refused": None,  # 1: withheld
}
REQUESTS_2024 = {
    "received": 5,
    "finished": 4,
    "on_time": 4,
    "on_time_percent": 100.0,
    "median_working_days": 2.0,
    "refused": 3,
    "extended": None,  # 1: withheld
    "refusal_grounds": [{"label": "Informasi dikecualikan (UU 14/2008 Ps 17)", "count": 3}],
}
OBJECTIONS_2024 = {
    "received": 3,
    "answered": None,  # 2: withheld
    "outcomes": [
        {"label": "Ditolak: keputusan PPID dikuatkan", "count": None},
        {"label": "belum dijawab", "count": None},
    ],
}
