"""What protects the public forms: only failed look-ups count against a citizen, a resubmitted
form answers the same number and code, an oversized request is refused before its body is read,
the limit is checked before the upload is received, and a lost database connection is retried."""

import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from zona.cases.models import Case
from zona.complaints.services import complaint_submit
from zona.lib.guards import RequestGuardMiddleware, submission_limited

FORM = {"subject": "Loket", "description": "Antre", "category": "pelayanan", "reporter_contact": "08123"}
TOKEN = "AbCdEfGhIjKlMnOpQrStUvWx_-12"


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.ZONA_PUBLIC_FORM_RATE = "3/h"
    yield
    cache.clear()


def test_a_citizen_with_the_right_code_is_never_refused(client, units):
    case, code = complaint_submit(unit=units["SUMSEL"], **FORM)
    track = reverse("complaints_public:track", args=["sumsel"])
    for _ in range(10):  # far beyond the 3 an hour: successes are not counted
        assert client.post(track, {"number": case.number, "code": code}).status_code == 200
    other, _ = complaint_submit(unit=units["SUMSEL"], **FORM)
    for _ in range(3):
        assert client.post(track, {"number": other.number, "code": "WRONG"}).status_code == 200
    refused = client.post(track, {"number": other.number, "code": "WRONG"})
    assert refused.status_code == 429  # three failures used the allowance of this address…
    shown = client.post(track, {"number": case.number, "code": code})
    assert shown.status_code == 200 and shown.context["case"] == case  # …but never a right code


def test_the_same_form_sent_twice_answers_the_same_number_and_code(client, units):
    url = reverse("complaints_public:form", args=["sumsel"])
    page = client.get(url)
    token = page.context["form_token"]
    assert f'value="{token}"' in page.content.decode()
    first = client.post(url, {**FORM, "form_token": token})
    again = client.post(url, {**FORM, "form_token": token})
    assert Case.objects.count() == 1
    assert (first.context["case"], first.context["code"]) == (again.context["case"], again.context["code"])
    other = client.post(url, {**FORM, "form_token": TOKEN})
    assert Case.objects.count() == 2 and other.context["code"] != first.context["code"]
    junk = client.post(url, {**FORM, "form_token": "short"})  # a forged token is ignored, not trusted
    assert junk.status_code == 200 and Case.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_same_token_at_once_from_two_connections_files_one_case(units):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are measured on PostgreSQL (SQLite serialises them)")
    from django.db import IntegrityError, connections

    from zona.cases.services import case_for_token

    answers, errors = [], []

    def send():  # what public_submission does with a token that arrives twice at once
        try:
            try:
                answers.append(complaint_submit(unit=units["SUMSEL"], form_token=TOKEN, **FORM))
            except IntegrityError:
                answers.append(case_for_token(kind="complaint", unit=units["SUMSEL"], form_token=TOKEN))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and Case.objects.count() == 1
    assert len({(c.pk, code) for c, code in answers}) == 1


def test_an_oversized_request_is_refused_before_its_body_is_read(client, units, settings):
    settings.ZONA_MAX_REQUEST_MB = 1
    url = reverse("complaints_public:form", args=["sumsel"])
    response = client.generic(
        "POST", url, b"x" * 100, content_type="application/octet-stream", CONTENT_LENGTH=str(2 * 1024 * 1024)
    )
    assert response.status_code == 413 and "terlalu besar" in response.content.decode()
    assert not Case.objects.exists()


def test_the_limit_is_checked_before_the_upload_is_received(units):
    cache.clear()
    factory = RequestFactory()
    url = reverse("complaints_public:form", args=["sumsel"])
    guard = RequestGuardMiddleware(lambda request: pytest.fail("the view must not run"))
    for _ in range(3):
        earlier = factory.post(url, FORM)
        earlier.META["REMOTE_ADDR"] = "203.0.113.9"
        submission_limited(earlier, "complaint")
    request = factory.post(url, FORM)
    request.META["REMOTE_ADDR"] = "203.0.113.9"
    with mock.patch.object(type(request), "POST", new_callable=mock.PropertyMock) as body:
        response = guard(request)
        body.assert_not_called()  # refused without reading (and spooling) the body
    assert response.status_code == 429


def test_a_view_that_lost_its_database_connection_is_run_once_more(rf, db):
    calls = []

    def view(request):
        calls.append(1)
        return "answered"

    request = rf.get("/")
    request.resolver_match = mock.Mock(func=view, args=(), kwargs={})
    guard = RequestGuardMiddleware(lambda r: None)
    with (
        mock.patch.object(connection, "is_usable", return_value=False),
        mock.patch.object(connection, "connection", new=object()),
        mock.patch.object(connection, "close") as close,
    ):
        assert (
            guard.process_exception(request, OperationalError("server closed the connection")) == "answered"
        )
        close.assert_called_once()
        assert guard.process_exception(request, OperationalError("again")) is None  # once only
    assert calls == [1]
    fresh = rf.get("/")
    fresh.resolver_match = mock.Mock(func=view, args=(), kwargs={})
    assert guard.process_exception(fresh, ValueError("not a connection problem")) is None
    assert guard.process_exception(fresh, OperationalError("database is locked")) is None  # usable: no retry
