"""Evaluators' requests for data or information: due in working days (the working-day calendar),
open → answered → accepted / rejected, reminded once before and once after the due date, on the
PIC's and the coordinator's start page, late ones shown to the reviewer, counted in readiness."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import body
from zona.evaluation.models import InformationRequest, RequestState
from zona.evaluation.rfi import reminders_send, request_answer, request_decide, request_raise
from zona.evaluation.selectors import pending_by_ref, requests_open
from zona.evaluation.services import EvaluationError
from zona.lke.services import instrument_of
from zona.notifications.models import Notification
from zona.road.readiness import readiness
from zona.workdays.services import calendar, working_days_between

MONDAY = date(2023, 5, 8)


def raise_one(assessment, by, **extra):
    fields = {
        "ref": "A.I.1.i.b",
        "kind": "missing",
        "text": "Lampirkan SK Tim Kerja",
        "today": MONDAY,
        **extra,
    }
    return request_raise(assessment=assessment, by=by, **fields)


def test_the_due_date_counts_working_days(assessment, team):
    # 5 working days from Monday 8 May 2023: 15 May (the weekend skipped)
    assert raise_one(assessment, team["anggota"]).due_date == date(2023, 5, 15)
    # 18 May 2023 (Kenaikan Yesus Kristus) is a day off
    assert raise_one(assessment, team["anggota"], working_days=10, today=date(2023, 5, 12)).due_date == date(
        2023, 5, 29
    )
    with pytest.raises(EvaluationError, match="1 sampai 20 hari kerja"):
        raise_one(assessment, team["anggota"], working_days=21)


def test_the_life_cycle(assessment, team, cast):
    request = raise_one(assessment, team["anggota"])
    assert list(requests_open(assessment)) == [request]
    raised = Notification.objects.filter(key=f"rfi-raised:{request.pk}")
    assert {n.user_id for n in raised} == {cast["pic"].pk, cast["coordinator"].pk}
    with pytest.raises(EvaluationError, match="dijawab"):
        request_decide(request=request, accept=True, note="", by=team["anggota"])
    with pytest.raises(EvaluationError, match="jawaban"):
        request_answer(request=request, answer=" ", by=cast["pic"])
    request_answer(request=request, answer="SK terlampir di bukti A.I.1", by=cast["pic"])
    told = Notification.objects.get(key=f"rfi-answered:{request.pk}")
    assert told.user == team["anggota"] and "A.I.1.i.b" in told.text
    assert InformationRequest.objects.get().state == RequestState.ANSWERED
    assert list(requests_open(assessment)) == [request]  # waiting for the evaluator
    with pytest.raises(EvaluationError, match="alasan"):
        request_decide(request=request, accept=False, note="", by=team["anggota"])
    request_decide(request=request, accept=True, note="", by=team["anggota"])
    assert InformationRequest.objects.get().state == RequestState.ACCEPTED
    assert list(requests_open(assessment)) == []
    with pytest.raises(EvaluationError):
        request_answer(request=request, answer="lagi", by=cast["pic"])
    rejected = raise_one(assessment, team["anggota"], ref="A.I.1.i.a")
    request_answer(request=rejected, answer="-", by=cast["coordinator"])
    request_decide(request=rejected, accept=False, note="Bukan SK", by=team["anggota"])
    assert InformationRequest.objects.get(pk=rejected.pk).state == RequestState.REJECTED


def test_reminders_once_before_and_once_after(assessment, team, cast):
    request = raise_one(assessment, team["anggota"])  # due Monday 15 May
    told = {cast["pic"].pk, cast["coordinator"].pk}
    raised = Notification.objects.count()
    assert reminders_send(today=date(2023, 5, 11)) == 0  # 2 working days before: not yet
    assert reminders_send(today=date(2023, 5, 12)) == 2  # the working day before: PIC and coordinator
    assert reminders_send(today=date(2023, 5, 12)) == 0
    assert reminders_send(today=date(2023, 5, 15)) == 0  # due today: not late
    assert reminders_send(today=date(2023, 5, 16)) == 2  # late
    assert reminders_send(today=date(2023, 5, 17)) == 0
    sent = Notification.objects.filter(key__startswith="rfi-")
    assert {n.user_id for n in sent.filter(key__startswith="rfi-before")} == told
    assert {n.user_id for n in sent.filter(key__startswith="rfi-after")} == told
    assert Notification.objects.count() == raised + 4
    request.refresh_from_db()
    assert (request.reminded_before, request.reminded_after) == (date(2023, 5, 12), date(2023, 5, 16))


def test_send_reminders_sends_the_request_reminders_once(assessment, team, cast):
    """`zona send-reminders` (scheduled without the worker, README) sends what the task sends."""
    raise_one(assessment, team["anggota"])  # due Monday 15 May
    for _run in range(2):
        call_command("send_reminders", "--date", "2023-05-12")
    before = Notification.objects.filter(key__startswith="rfi-before")
    assert sorted(n.user_id for n in before) == sorted([cast["pic"].pk, cast["coordinator"].pk])


def test_an_answered_request_is_not_reminded(assessment, team, cast):
    request = raise_one(assessment, team["anggota"])
    request_answer(request=request, answer="ok", by=cast["pic"])
    assert reminders_send(today=date(2023, 5, 16)) == 0


def test_the_start_page_and_the_late_list(client, assessment, team, cast):
    raise_one(assessment, team["anggota"])
    client.force_login(cast["pic"])
    assert b"A.I.1.i.b" in body(client.get(reverse("start:home")))
    client.force_login(cast["outsider"])
    assert b"A.I.1.i.b" not in body(client.get(reverse("start:home")))
    client.force_login(cast["child"])  # PALEMBANG's coordinator, below SUMSEL: not theirs
    assert b"A.I.1.i.b" not in body(client.get(reverse("start:home")))
    client.force_login(cast["reviewer"])
    late = body(client.get(reverse("start:home")))
    assert b'id="todo-late-requests"' in late and b"A.I.1.i.b" in late
    client.force_login(team["anggota"])
    page = body(client.get(reverse("evaluation:requests", args=[assessment.pk])))
    assert b"Lampirkan SK Tim Kerja" in page
    assert b"terlambat" in page  # MONDAY 2023 is long past: the request is late
    assert b'id="late-count"' in page


def test_a_pending_request_counts_in_the_readiness(assessment, team, cast):
    instrument = instrument_of(assessment)
    before = readiness(assessment, instrument, date(2023, 5, 31))["A.I.1.i.b"]
    assert before.requested == 0
    request = raise_one(assessment, team["anggota"])
    assert pending_by_ref(assessment) == {"A.I.1.i.b": 1}
    found = readiness(assessment, instrument, date(2023, 5, 31))["A.I.1.i.b"]
    assert found.requested == 1 and not found.counts and found.state != "ready"
    request_answer(request=request, answer="ok", by=cast["pic"])
    request_decide(request=request, accept=True, note="", by=team["anggota"])
    assert readiness(assessment, instrument, date(2023, 5, 31))["A.I.1.i.b"].requested == 0


def test_the_unit_answers_with_its_own_files_only(client, assessment, team, cast, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zona.evidence.services import evidence_create_file

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    own = evidence_create_file(
        unit=units["SUMSEL"], title="BA seleksi", upload=SimpleUploadedFile("a.pdf", pdf), by=cast["pic"]
    )
    theirs = evidence_create_file(
        unit=units["JAMBI"], title="Milik Jambi", upload=SimpleUploadedFile("b.pdf", pdf), by=cast["outsider"]
    )
    request = raise_one(assessment, team["anggota"])
    client.force_login(cast["pic"])
    page = body(client.get(reverse("evaluation:requests", args=[assessment.pk])))
    assert b"BA seleksi" in page and b"Milik Jambi" not in page
    client.post(
        reverse("evaluation:request_answer", args=[request.pk]),
        {"answer": "Terlampir", "evidence": [own.pk, theirs.pk]},
    )
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    assert list(request.evidence.values_list("pk", flat=True)) == [own.pk]
    # the evaluator decides; the PIC may not
    client.post(reverse("evaluation:request_decide", args=[request.pk]), {"accept": "1"})
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    client.force_login(team["anggota"])
    client.post(reverse("evaluation:request_decide", args=[request.pk]), {"accept": "1"})
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(today=st.dates(date(2023, 1, 1), date(2026, 12, 31)), days=st.integers(1, 20))
def test_property_the_due_date_is_the_nth_working_day(assessment, team, today, days):
    """Whatever the day raised and the working days chosen, the due date is a working day exactly
    that many working days later (holidays and cuti bersama skipped)."""
    due = raise_one(assessment, team["anggota"], today=today, working_days=days).due_date
    assert calendar().is_working_day(due)
    assert working_days_between(today, due) == days
