"""Schemathesis over the OpenAPI document against a live server: whatever the document allows,
sent with a token that reaches every unit, never answers a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from conftest import make_user
from zona.api.api import api
from zona.api.tokens import token_create
from zona.orgs.models import Role

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def token(live_server, world, units, settings):
    settings.ZONA_API_RATE = "100000/m"
    user = make_user("fuzz", units["RI"], Role.ADMIN, descendants=True)
    _token, plain = token_create(user=user, name="fuzz", days=1)
    return plain


@pytest.fixture
def world(seed_plan, units):
    from zona.complaints.tests.test_complaints import submit

    submit(units["SUMSEL"])
    return seed_plan


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_anywhere(case, live_server, token):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}  # not a generated one
    response = case.call(base_url=live_server.url)
    assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
    assert response.status_code != 401, (case.formatted_path, response.text[:200])  # the token was accepted
