"""Complaints on the case engine: numbers, tracking codes, deadlines (domain.md 4), statistics,
the reporter's silence, abuse limits, access."""

import threading
from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.cases.models import Case
from zona.cases.services import CaseError, case_find
from zona.complaints.models import Complaint
from zona.complaints.services import (
    complaint_reply,
    complaint_statistics,
    complaint_step,
    complaint_submit,
    complaints_autoclose,
)
from zona.lib.files import FileRejected
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.workdays.services import add_working_days

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def officer(cast, units):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    return cast["pic"]


def submit(unit, received_on=date(2023, 5, 11), **extra):
    values = {
        "subject": "Antrean lama",
        "description": "Menunggu 3 jam di loket PPID",
        "category": "pelayanan",
        "reporter_name": "Warga",
        "reporter_contact": "warga@example.org",
        "received_on": received_on,
    }
    values.update(extra)
    return complaint_submit(unit=unit, **values)


def test_numbers_and_tracking_codes(units):
    first, code = submit(units["SUMSEL"])
    second, _code = submit(units["SUMSEL"])
    other, _ = submit(units["JAMBI"])
    assert (first.number, second.number) == ("ADU/SUMSEL/2023/000001", "ADU/SUMSEL/2023/000002")
    assert other.number == "ADU/JAMBI/2023/000001"
    assert code not in first.tracking_hash and len(code) == 10
    assert case_find(first.number, code) == first
    assert case_find(first.number.lower(), code.lower()) == first
    assert case_find(first.number, "WRONGCODE0") is None
    assert case_find("ADU/SUMSEL/2023/999999", code) is None


def test_deadlines_of_every_state(units, officer):
    # received Thursday 11 May 2023; 18 May is Kenaikan Yesus Kristus
    case, _ = submit(units["SUMSEL"])
    assert case.state == "diterima" and case.due_on == date(2023, 5, 16)  # verify within 3 working days
    case = complaint_step(
        case=case, action="verify", complaint_type="normatif", by=officer, today=date(2023, 5, 12)
    )
    assert case.due_on == date(2023, 5, 22)  # first response within 5 working days of verification
    case = complaint_step(
        case=case, action="respond", reason="Sedang kami periksa", by=officer, today=date(2023, 5, 15)
    )
    assert case.due_on == date(2023, 5, 19)  # normatif: 5 working days from receipt (skips 18 May)
    case = complaint_step(
        case=case, action="complete", reason="Loket ditambah", by=officer, today=date(2023, 5, 19)
    )
    # the follow-up is done, the complaint is not: it waits 10 working days for the reporter
    assert case.state == "menunggu_konfirmasi" and case.closed_at is None
    assert case.due_on == date(
        2023, 6, 6
    )  # 10 working days after 19 May (1 June Pancasila, 2 June cuti bersama)
    assert Complaint.objects.get(case=case).completed_on == date(2023, 5, 19)
    case = complaint_step(case=case, action="confirm", reason="Dikonfirmasi lewat telepon", by=officer)
    assert case.state == "selesai" and case.due_on is None and case.closed_at is not None


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        ("ringan", date(2023, 5, 15)),
        ("normatif", date(2023, 5, 19)),
        ("tidak_berkadar_pengawasan", date(2023, 6, 5)),
        ("berkadar_pengawasan", date(2023, 8, 14)),
    ],
)
def test_completion_deadline_by_complaint_type(units, officer, kind, due):
    case, _ = submit(units["SUMSEL"])
    complaint_step(case=case, action="verify", complaint_type=kind, by=officer)
    case = complaint_step(case=case, action="respond", reason="Ditindaklanjuti", by=officer)
    assert case.due_on == due


def test_steps_need_what_they_need(units, officer):
    case, _ = submit(units["SUMSEL"])
    with pytest.raises(CaseError, match="jenis pengaduan"):
        complaint_step(case=case, action="verify", by=officer)
    with pytest.raises(CaseError, match="tidak dapat"):
        complaint_step(case=case, action="complete", reason="x", by=officer)
    with pytest.raises(CaseError, match="alasan"):
        complaint_step(case=case, action="reject", by=officer)
    case = complaint_step(case=case, action="reject", reason="Bukan kewenangan KPU", by=officer)
    assert case.state == "ditolak"
    with pytest.raises(CaseError, match="ditutup"):
        complaint_reply(case=case, text="Mengapa?")


def test_a_first_response_never_closes_a_complaint(units, officer):
    """Berkadar pengawasan: 60 working days to complete. Answered on day 3 and silent after, it
    is still being followed up around day 15 — the old rule closed it there as selesai."""
    case, _ = submit(units["SUMSEL"])
    complaint_step(case=case, action="verify", complaint_type="berkadar_pengawasan", by=officer)
    complaint_step(case=case, action="respond", reason="Kami periksa", by=officer, today=date(2023, 5, 15))
    assert complaints_autoclose(today=date(2023, 6, 5)) == 0
    assert complaints_autoclose(today=date(2023, 12, 29)) == 0
    case = Case.objects.get(pk=case.pk)
    assert case.state == "ditindaklanjuti" and case.due_on == date(2023, 8, 14)


def test_silence_after_the_completed_follow_up_closes_it(units, officer):
    quiet, _ = submit(units["SUMSEL"])
    talking, _ = submit(units["SUMSEL"])
    for case in (quiet, talking):
        complaint_step(case=case, action="verify", complaint_type="tidak_berkadar_pengawasan", by=officer)
        complaint_step(
            case=case, action="respond", reason="Kami periksa", by=officer, today=date(2023, 5, 12)
        )
        complaint_step(
            case=case, action="complete", reason="Petugas ditegur", by=officer, today=date(2023, 5, 15)
        )
    complaint_reply(case=Case.objects.get(pk=talking.pk), text="Belum, masih sama")
    assert complaints_autoclose(today=date(2023, 5, 26)) == 0  # 9 working days
    assert complaints_autoclose(today=date(2023, 5, 30)) == 1  # 10 working days (18 May off)
    assert Case.objects.get(pk=quiet.pk).state == "selesai"
    assert Case.objects.get(pk=talking.pk).state == "menunggu_konfirmasi"  # the officer decides
    assert complaints_autoclose(today=date(2023, 6, 30)) == 0  # idempotent
    talking = complaint_step(
        case=Case.objects.get(pk=talking.pk), action="reopen", reason="Kami periksa lagi", by=officer
    )
    assert talking.state == "ditindaklanjuti" and Complaint.objects.get(case=talking).completed_on is None
    assert talking.messages.filter(text="Kami periksa lagi").exists()  # told to the reporter


def test_the_reporter_confirms_on_the_tracking_page(client, units, officer):
    case, code = submit(units["SUMSEL"])
    complaint_step(case=case, action="verify", complaint_type="ringan", by=officer)
    complaint_step(case=case, action="respond", reason="Kami periksa", by=officer)
    url = reverse("complaints_public:track", args=["sumsel"])
    early = client.post(url, {"number": case.number, "code": code, "confirm": "1"})
    assert Case.objects.get(pk=case.pk).state == "ditindaklanjuti"  # nothing to confirm yet
    assert "tidak sedang menunggu konfirmasi" in early.content.decode()
    complaint_step(case=case, action="complete", reason="Loket ditambah", by=officer)
    page = client.post(url, {"number": case.number, "code": code}).content.decode()
    assert 'id="confirm"' in page and "Loket ditambah" in page
    client.post(url, {"number": case.number, "code": "WRONGCODE0", "confirm": "1"})
    assert Case.objects.get(pk=case.pk).state == "menunggu_konfirmasi"  # a wrong code changes nothing
    done = client.post(url, {"number": case.number, "code": code, "confirm": "1"}).content.decode()
    assert Case.objects.get(pk=case.pk).state == "selesai" and 'id="confirm"' not in done


def test_statistics_from_a_fixed_set_of_cases(units, officer):
    """Completed = closed after a recorded completion; on time = the completion (not the closing)
    within the deadline of the type (ringan 2, tidak berkadar pengawasan 14 working days)."""
    cases = [
        submit(units["SUMSEL"], channel=c, lapor_id="LPR-1" if c == "lapor" else "")[0]
        for c in ("web", "web", "whatsapp", "lapor", "langsung", "web")
    ]
    for case, kind in zip(cases[:3], ("ringan", "tidak_berkadar_pengawasan", "ringan"), strict=True):
        complaint_step(case=case, action="verify", complaint_type=kind, by=officer)
        complaint_step(case=case, action="respond", reason="Ditangani", by=officer, today=date(2023, 5, 12))
    # late: ringan is due 15 May; completed 16 May, confirmed much later
    complaint_step(case=cases[0], action="complete", reason="Selesai", by=officer, today=date(2023, 5, 16))
    complaint_step(case=cases[0], action="confirm", by=officer)
    # on time: due 1 June; completed 31 May, closed by the reporter's silence in June
    complaint_step(case=cases[2], action="complete", reason="Selesai", by=officer, today=date(2023, 5, 31))
    Case.objects.filter(pk=cases[2].pk).update(received_on=date(2023, 5, 11))
    complaints_autoclose(today=date(2023, 6, 30))
    complaint_step(case=cases[4], action="reject", reason="Di luar kewenangan", by=officer)
    Case.objects.filter(pk=cases[1].pk).update(received_on=date(2030, 1, 1))  # outside the period
    Case.objects.filter(pk=cases[5].pk).update(state="selesai")  # closed after a response only (old rule)
    stats = complaint_statistics(units=[units["SUMSEL"]], start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert (stats.received, stats.completed, stats.rejected, stats.closed_unrecorded) == (5, 2, 1, 1)
    assert stats.must_follow_up == 4 and stats.in_process == 1  # diproses + selesai ≤ harus
    assert stats.on_time == 0 and stats.on_time_percent == 0  # ringan 16 May: late
    complaint_step(case=cases[3], action="verify", complaint_type="normatif", by=officer)
    stats = complaint_statistics(units=[units["SUMSEL"]], start=date(2023, 1, 1), end=date(2023, 12, 31))
    assert stats.in_process == 1
    assert stats.by_channel == {"web": 2, "whatsapp": 1, "lapor": 1, "langsung": 1}


def test_lke_suggestion_for_complaint_handling(units, officer, cast):
    """LKE Reform A.II.5.ii.a = selesai ÷ harus ditindaklanjuti: a response is not completion,
    a completed follow-up waiting for the reporter is still in process."""
    from zona.lke.services import assessment_create
    from zona.lke.suggestions import suggest

    cases = [submit(units["SUMSEL"])[0] for _ in range(3)]
    assessment = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    assert suggest(assessment)["A.II.5.ii.a"].answer == "3;3;0"
    complaint_step(case=cases[0], action="verify", complaint_type="ringan", by=officer)
    complaint_step(case=cases[0], action="respond", reason="Kami periksa", by=officer)
    assert suggest(assessment)["A.II.5.ii.a"].answer == "3;3;0"
    complaint_step(case=cases[0], action="complete", reason="Selesai", by=officer)
    found = suggest(assessment)["A.II.5.ii.a"]
    assert found.answer == "3;3;0" and "1 di antaranya sudah selesai ditindaklanjuti" in found.source
    complaint_step(case=cases[0], action="confirm", by=officer)
    found = suggest(assessment)["A.II.5.ii.a"]
    assert found.answer == "3;2;1" and found.link.startswith(
        "/pengaduan/unit/sumsel/statistik/?dari=01/01/2023"
    )


def test_the_migration_keeps_only_recorded_completions(units, officer):
    """Closed complaints of the old workflow: one closed by the officer's "complete" step keeps
    that day as its completion; one closed by silence after a first response gets none."""
    import importlib

    from django.apps import apps

    from zona.cases.models import CaseEvent
    from zona.complaints.models import Complaint

    migration = importlib.import_module("zona.complaints.migrations.0003_complaint_completed_on")
    done, _ = submit(units["SUMSEL"])
    silent, _ = submit(units["SUMSEL"])
    Case.objects.filter(pk__in=[done.pk, silent.pk]).update(state="selesai")
    CaseEvent.objects.create(case=done, action="complete", to_state="selesai")
    CaseEvent.objects.create(case=silent, action="autoclose", to_state="selesai")
    migration.completion_from_the_timeline(apps, None)
    assert Complaint.objects.get(case=done).completed_on is not None
    assert Complaint.objects.get(case=silent).completed_on is None


def test_bad_submissions_save_nothing(units):
    with pytest.raises(FileRejected):
        submit(
            units["SUMSEL"],
            files=[
                SimpleUploadedFile("a.pdf", PDF),
                SimpleUploadedFile("x.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200),
            ],
        )
    with pytest.raises(CaseError, match="kontak"):
        submit(units["SUMSEL"], reporter_contact="")
    with pytest.raises(CaseError, match="LAPOR"):
        submit(units["SUMSEL"], channel="lapor")
    assert not Case.objects.exists()
    case, _ = submit(units["SUMSEL"], anonymous=True, reporter_contact="", reporter_name="Siapa")
    assert case.reporter_name == "" and case.anonymous


def test_public_form_and_tracking(client, units):
    url = reverse("complaints_public:form", args=["sumsel"])
    page = client.post(
        url,
        {
            "subject": "Loket",
            "description": "Antre",
            "category": "pelayanan",
            "reporter_contact": "08123",
            "files": [SimpleUploadedFile("f.pdf", PDF)],
        },
    )
    assert page.status_code == 200
    case = Case.objects.get()
    code = page.context["code"]
    assert case.number in page.content.decode() and case.attachments.count() == 1
    track = reverse("complaints_public:track", args=["sumsel"])
    shown = client.post(track, {"number": case.number, "code": code}).content.decode()
    assert "Loket" in shown and "Diterima" in shown and "08123" not in shown
    wrong_code = client.post(track, {"number": case.number, "code": "AAAAAAAAAA"}).content.decode()
    wrong_number = client.post(track, {"number": "ADU/SUMSEL/2023/999999", "code": code}).content.decode()
    assert "Tidak ada yang cocok" in wrong_code and "Tidak ada yang cocok" in wrong_number
    other_unit = client.post(
        reverse("complaints_public:track", args=["jambi"]), {"number": case.number, "code": code}
    )
    assert "Tidak ada yang cocok" in other_unit.content.decode()
    client.post(track, {"number": case.number, "code": code, "text": "Tambahan informasi"})
    assert case.messages.get().text == "Tambahan informasi"


def test_honeypot_long_fields_and_rate_limit(client, units, settings):
    url = reverse("complaints_public:form", args=["sumsel"])
    base = {"subject": "Loket", "description": "Antre", "category": "pelayanan", "reporter_contact": "08123"}
    assert "tidak dapat dikirim" in client.post(url, {**base, "website": "http://spam"}).content.decode()
    long = client.post(url, {**base, "subject": "x" * 201}).content.decode()
    assert "paling banyak 200 karakter" in long
    assert not Case.objects.exists()
    cache.clear()
    settings.ZONA_PUBLIC_FORM_RATE = "2/h"
    statuses = [client.post(url, base).status_code for _ in range(3)]
    assert statuses == [200, 200, 429] and Case.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "status"),
    [("pic", 200), ("admin", 200), ("coordinator", 403), ("viewer", 403), ("child", 404), ("outsider", 404)],
)
def test_staff_access(client, cast, units, officer, role, status):
    case, _ = submit(units["SUMSEL"])
    client.force_login(cast[role])
    assert client.get(reverse("complaints:detail", args=[case.pk])).status_code == status
    listed = case.number in client.get(reverse("complaints:list")).content.decode()
    assert listed is (status == 200)


@pytest.mark.django_db(transaction=True)
def test_numbers_stay_unique_under_concurrent_submissions(units):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is measured on PostgreSQL (SQLite serialises writers)")
    from django.db import connections

    errors: list[Exception] = []

    def worker():
        try:
            submit(units["SUMSEL"])
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(Case.objects.values_list("seq", flat=True))
    assert sorted(numbers) == list(range(1, 51))


def test_daily_job_reminds_the_assigned_officer_once(units, officer):
    from django.core.management import call_command

    from zona.cases.services import case_assign
    from zona.notifications.models import Notification

    case, _ = submit(units["SUMSEL"])
    case_assign(case=case, officer=officer, by=officer)
    call_command("cases_daily", "--date", "2023-05-17")
    call_command("cases_daily", "--date", "2023-05-19")
    note = Notification.objects.get(user=officer)
    assert "ADU/SUMSEL/2023/000001" in note.text and "terlambat" in note.text


def test_the_deadline_explains_itself_on_the_case_page(client, units, officer):
    case, _ = submit(units["SUMSEL"], received_on=date(2023, 5, 16))
    client.force_login(officer)
    page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert "3 hari kerja dari 16-05-2023 (tidak dihitung): dilewati 18-05 (Kenaikan Yesus Kristus)" in page
    assert "→ 22-05-2023" in page  # 17, 19, 22 May


PATHS = {
    "received": [],
    "verified": ["verify"],
    "responded": ["verify", "respond"],
    "completed": ["verify", "respond", "complete"],
    "confirmed": ["verify", "respond", "complete", "confirm"],
    "reopened": ["verify", "respond", "complete", "reopen"],
    "rejected": ["reject"],
    "forwarded": ["forward"],
    "archived": ["archive"],
}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(PATHS)),
            st.sampled_from(["ringan", "berkadar_pengawasan"]),
            st.integers(min_value=0, max_value=70),
        ),  # fmt: skip
        max_size=5,
    )
)
def test_the_figures_count_only_recorded_completions(units, officer, cases):
    """Property over random registers (LKE A.II.5.ii.a): selesai counts exactly the complaints
    closed after a recorded completion; diproses + selesai = harus ditindaklanjuti; on time never
    exceeds selesai; a response alone, or a completion waiting for the reporter, is never selesai."""
    Case.objects.filter(kind="complaint").delete()
    received = date(2023, 5, 11)
    for path, kind, days in cases:
        case, _ = submit(units["SUMSEL"], received_on=received)
        for action in PATHS[path]:
            complaint_step(
                case=case, action=action, by=officer, complaint_type=kind, reason="Catatan", agency="Bawaslu",
                forwarded_on=received, today=add_working_days(received, days),
            )  # fmt: skip
    stats = complaint_statistics(units=[units["SUMSEL"]], start=date(2023, 1, 1), end=date(2023, 12, 31))
    ended = sum(1 for p, _k, _d in cases if p == "confirmed")
    dropped = sum(1 for p, _k, _d in cases if p in ("rejected", "forwarded", "archived"))
    assert stats.completed == ended and stats.must_follow_up == len(cases) - dropped
    assert stats.in_process + stats.completed == stats.must_follow_up
    assert stats.on_time <= stats.completed
    on_time = sum(
        1 for p, k, d in cases if p == "confirmed" and d <= {"ringan": 2, "berkadar_pengawasan": 60}[k]
    )
    assert stats.on_time == on_time
