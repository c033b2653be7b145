"""Schemathesis over the OpenAPI document against Zona's WSGI application: whatever the document
allows, sent with a token that reaches every unit, never answers a server error.

The world (the seed plan, a complaint, the token) is built once for this module, inside a
transaction rolled back after its last test; each operation's test runs in a savepoint within it
and sends its requests to the application in this process, as Django's test client does (the
connection is not closed between requests). Built per operation behind a live server, the world
and the database emptied after each cost about 1.7 s of its 2.5 s."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings

from conftest import SEED, _cast, _units, make_user
from zona.api.api import api
from zona.api.tokens import token_create
from zona.orgs.models import Role

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()
BASE_URL = "http://localhost"


@pytest.fixture(scope="module")
def token(django_db_setup, django_db_blocker):
    """The seed plan of SUMSEL with a complaint, and a token reaching every unit."""
    from zona.complaints.tests.test_complaints import submit
    from zona.plans.importers import read_plan
    from zona.plans.services import plan_import

    with django_db_blocker.unblock(), transaction.atomic():
        units = _units()
        cast = _cast(units)
        plan_import(
            parsed=read_plan(SEED.read_bytes(), SEED.name),
            unit=units["SUMSEL"],
            by=cast["coordinator"],
            source_name=SEED.name,
        )
        submit(units["SUMSEL"])
        user = make_user("fuzz", units["RI"], Role.ADMIN, descendants=True)
        _token, plain = token_create(user=user, name="fuzz", days=1)
        yield plain
        transaction.set_rollback(True)


@pytest.fixture
def in_process(settings):
    """Requests handled in this process, within the test's transaction."""
    settings.ZONA_API_RATE = "100000/m"
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_no_server_error_anywhere(case, token, in_process):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}  # not a generated one
    response = case.call(base_url=BASE_URL)
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
    assert response.status_code != 401, (case.formatted_path, response.text[:200])  # the token was accepted
