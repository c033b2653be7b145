"""The JSON API: tokens (shown once, stored hashed, expiring, revocable), the same access rule as
the pages for every endpoint × role × foreign unit, the writes a unit's tools need, pagination,
filters, the rate limit, the OpenAPI document and the interactive docs served locally."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import body, make_user
from zona.api.models import ApiToken
from zona.api.tokens import token_create
from zona.complaints.tests.test_complaints import submit
from zona.lke.services import assessment_create
from zona.monev.services import cycle_open
from zona.orgs.models import Role
from zona.plans.models import ActionStep
from zona.registers.services import entry_save
from zona.risks.tests.factories import make_register

LIST_ENDPOINTS = [
    "/api/units",
    "/api/plans",
    "/api/lke/assessments",
    "/api/complaints",
    "/api/ppid/requests",
    "/api/surveys",
    "/api/registers/pelatihan/entries",
    "/api/risks",
]


@pytest.fixture
def world(seed_plan, units, cast):
    """The same records in SUMSEL and in JAMBI: a foreign unit must never show through."""
    from zona.plans.models import Plan
    from zona.surveys.tests.factories import make_survey

    jambi_plan = Plan.objects.create(unit=units["JAMBI"], year=seed_plan.year, title="Rencana Jambi")
    out = {"plan": seed_plan, "jambi_plan": jambi_plan}
    for code in ("SUMSEL", "JAMBI"):
        unit = units[code]
        out[f"case_{code}"], _code = submit(unit, subject=f"Aduan {code}")
        assessment_create(unit=unit, year=2026, by=None)
        make_survey(unit, cast["coordinator"], title=f"Survei {code}")
        raw = {"pegawai": f"Pegawai {code}", "kegiatan": "Diklat", "tanggal": "2026-02-01", "jp": "8"}
        entry_save(unit=unit, kind="pelatihan", by=None, raw=raw)
        make_register(unit, None, year=2026, risks=1)
    return out


def bearer(user) -> dict:
    _token, plain = token_create(user=user, name="test", days=30)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def post(client, url: str, data: dict, headers: dict):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def items(response) -> list:
    assert response.status_code == 200, (response.status_code, body(response)[:300])
    return response.json()["items"]


def units_in(rows) -> set[str]:
    return {row.get("unit") or row.get("code") for row in rows}


def test_openapi_and_local_docs(client):
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "Zona API"
    assert {"/api/plans", "/api/complaints", "/api/wbs/statistics"} <= set(document["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and b"/static/ninja/swagger-ui-bundle.js" in body(docs)
    assert b"cdn" not in body(docs).lower()


def test_tokens_are_shown_once_stored_hashed_expire_and_revoke(client, cast, world):
    user = cast["coordinator"]
    client.force_login(user)
    page = client.post(reverse("api_tokens:list"), {"name": "Laporan inspektorat", "days": 30})
    plain = page.context["shown"]
    token = ApiToken.objects.get(user=user)
    assert (
        plain.startswith(f"zona_{token.prefix}_")
        and token.digest == hashlib.sha256(plain.encode()).hexdigest()
    )
    assert plain.encode() not in body(client.get(reverse("api_tokens:list")))  # never shown again
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    assert client.get("/api/me", **headers).json()["username"] == "koordinator"
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert client.get("/api/me", **headers).status_code == 401
    token.expires_at = timezone.now() + timedelta(days=1)
    token.save()
    client.post(reverse("api_tokens:revoke", args=[token.pk]))
    assert client.get("/api/me", **headers).status_code == 401
    assert client.get("/api/plans").status_code == 401  # no token: nothing
    assert client.get("/api/plans", HTTP_AUTHORIZATION="Bearer zona_forged_123").status_code == 401
    other = cast["viewer"]
    foreign = ApiToken.objects.create(user=other, name="x", prefix="abcd0000", digest="0" * 64,
                                      expires_at=timezone.now() + timedelta(days=1))  # fmt: skip
    client.post(reverse("api_tokens:revoke", args=[foreign.pk]))  # not the owner's: untouched
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


# What each cast member's token may list (units whose data may appear), per endpoint family.
SUMSEL_TREE = {"SUMSEL", "SUMSEL-PALEMBANG", "SUMSEL-LAHAT"}


@pytest.mark.parametrize(
    "role", ["coordinator", "viewer", "reviewer", "national", "child", "outsider", "no_role"]
)
def test_no_list_endpoint_leaks_a_foreign_unit(client, cast, world, role):
    user = cast[role]
    headers = bearer(user)
    from zona.orgs.models import Unit

    visible = set(Unit.objects.visible_to(user).values_list("code", flat=True))
    for url in LIST_ENDPOINTS:
        shown = units_in(items(client.get(url, **headers)))
        assert shown <= visible, (role, url, shown - visible)
        if role == "outsider":
            assert not shown & SUMSEL_TREE, (url, shown)
        foreign = client.get(url, {"unit": "JAMBI"}, **headers)
        if "JAMBI" not in visible:
            assert foreign.status_code == 404, (role, url)


@pytest.mark.parametrize(
    ("role", "hidden"),
    [
        ("viewer", ["jambi_plan"]),
        ("outsider", ["plan"]),
        ("child", ["plan", "jambi_plan"]),
        ("no_role", ["plan"]),
    ],
)
def test_objects_of_a_foreign_unit_are_not_found(client, cast, world, role, hidden):
    headers = bearer(cast[role])
    for name in hidden:
        plan = world[name]
        assert client.get(f"/api/plans/{plan.pk}", **headers).status_code == 404, name
        assert client.get(f"/api/plans/{plan.pk}/export", **headers).status_code == 404, name
        assert client.get(f"/api/plans/{plan.pk}/steps", **headers).status_code == 404, name
    case = world["case_SUMSEL"]
    assert client.get(f"/api/complaints/{case.pk}", **headers).status_code == 404  # none handles complaints


def test_plans_filters_tree_and_export(client, cast, world, django_capture_on_commit_callbacks):
    headers = bearer(cast["national"])
    plans = items(client.get("/api/plans", {"unit": "SUMSEL", "year": world["plan"].year}, **headers))
    assert [p["id"] for p in plans] == [world["plan"].pk]
    detail = client.get(f"/api/plans/{world['plan'].pk}", **headers).json()
    assert len(detail["areas"]) == 6 and 0 <= detail["progress"] <= 1
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(f"/api/plans/{world['plan'].pk}/export?format=xlsx", **headers)
    assert queued.status_code == 202 and queued.json()["status"] == "pending"
    job = client.get(f"/api/exports/{queued.json()['id']}", **headers).json()
    assert job["status"] == "done" and job["download"] == f"/api/exports/{job['id']}/file"
    assert body(client.get(job["download"], **headers)).startswith(b"PK")
    assert client.get(job["download"], **bearer(cast["reviewer"])).status_code == 404  # not theirs
    assert (
        client.get(f"/api/plans/{world['plan'].pk}/export", {"format": "doc"}, **headers).status_code == 422
    )
    page = client.get(f"/api/plans/{world['plan'].pk}/steps", {"limit": 5, "offset": 5}, **headers).json()
    assert len(page["items"]) == 5 and page["count"] > 10
    assert client.get("/api/plans", {"year": 1800}, **headers).status_code == 422


def test_step_status_and_monev_report_follow_the_pages_rule(client, cast, world):
    step = ActionStep.objects.filter(indicator__component__area__plan=world["plan"]).first()
    step.pic = cast["pic"]
    step.save()
    assert (
        post(client, f"/api/steps/{step.pk}/status", {"done": True}, bearer(cast["viewer"])).status_code
        == 403
    )
    step.refresh_from_db()
    assert not step.is_done
    response = post(client, f"/api/steps/{step.pk}/status", {"done": True}, bearer(cast["pic"]))
    assert response.json()["done"] is True
    cycle = cycle_open(plan=world["plan"], quarter=1, by=cast["coordinator"])
    report = {"step": step.pk, "status": "berjalan", "progress": 40, "note": "lewat API"}
    # the step is finished: moving it back needs a reason, else nothing changes
    refused = post(client, f"/api/monev/cycles/{cycle.pk}/reports", report, bearer(cast["pic"]))
    assert refused.status_code == 422 and "alasan" in refused.json()["detail"]
    step.refresh_from_db()
    assert step.is_done
    report["reason"] = "revisi SK"
    done = post(client, f"/api/monev/cycles/{cycle.pk}/reports", report, bearer(cast["pic"]))
    assert done.json() == {"step": step.pk, "status": "berjalan", "progress": 40}
    step.refresh_from_db()
    assert not step.is_done and step.reports.get().reopen_reason == "revisi SK"
    cycle_json = client.get(f"/api/monev/cycles/{cycle.pk}", **bearer(cast["viewer"])).json()
    assert cycle_json["quarter"] == 1
    outsider = post(client, f"/api/monev/cycles/{cycle.pk}/reports", report, bearer(cast["outsider"]))
    assert outsider.status_code == 404
    # the plan page's tick through the API is held to the same rule
    post(client, f"/api/steps/{step.pk}/status", {"done": True}, bearer(cast["pic"]))
    refused = post(client, f"/api/steps/{step.pk}/status", {"done": False}, bearer(cast["pic"]))
    assert refused.status_code == 422 and "alasan" in refused.json()["detail"]
    step.refresh_from_db()
    assert step.is_done
    reopened = post(
        client, f"/api/steps/{step.pk}/status", {"done": False, "reason": "SK"}, bearer(cast["pic"])
    )
    assert reopened.json()["done"] is False


def test_complaints_identity_and_transitions(client, cast, units, world):
    officer = make_user("petugas", units["SUMSEL"], Role.COMPLAINT_OFFICER)
    headers = bearer(officer)
    listed = items(client.get("/api/complaints", **headers))
    assert units_in(listed) == {"SUMSEL"} and listed[0]["reporter_name"] == "Warga"
    confidential, _code = submit(units["SUMSEL"], subject="Rahasia", confidential=True)
    shown = client.get(f"/api/complaints/{confidential.pk}", **headers).json()
    assert shown["reporter_name"] is None and shown["reporter_contact"] is None  # not assigned to them
    case = world["case_SUMSEL"]
    bad = post(client, f"/api/complaints/{case.pk}/transitions", {"action": "verify"}, headers)
    assert bad.status_code == 422  # the type is required when verifying: the service said so
    viewer = post(
        client, f"/api/complaints/{case.pk}/transitions", {"action": "verify"}, bearer(cast["viewer"])
    )
    assert viewer.status_code == 404


def test_wbs_gives_counts_only(client, cast, units, world):
    reviewer = client.get("/api/wbs/statistics", {"unit": "SUMSEL", "year": 2026}, **bearer(cast["reviewer"]))
    data = reviewer.json()
    assert set(data) == {"year", "total", "quarters"} and len(data["quarters"]) == 4
    assert client.get("/api/wbs/statistics", {"unit": "SUMSEL"}, **bearer(cast["viewer"])).status_code == 403
    assert (
        client.get("/api/wbs/statistics", {"unit": "SUMSEL"}, **bearer(cast["outsider"])).status_code == 404
    )


def test_rate_limit_per_token(client, cast, world, settings):
    settings.ZONA_API_RATE = "3/m"
    headers = bearer(cast["viewer"])
    codes = [client.get("/api/me", **headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/me", **bearer(cast["viewer"])).status_code == 200  # another token, another budget


def test_a_nul_character_is_refused_not_a_server_error(client, cast, world):
    headers = bearer(cast["coordinator"])
    assert client.get("/api/wbs/statistics?unit=%00", **headers).status_code == 400
    assert client.get("/api/units?level=a%00b", **headers).status_code == 400
    cycle = cycle_open(plan=world["plan"], quarter=1, by=cast["coordinator"])
    step = ActionStep.objects.filter(indicator__component__area__plan=world["plan"]).first()
    bad = {"step": step.pk, "status": "berjalan", "progress": 10, "note": "a\x00b"}
    assert post(client, f"/api/monev/cycles/{cycle.pk}/reports", bad, headers).status_code == 422


def test_ppid_steps_follow_the_modules_rules(client, cast, units):
    from zona.ppid.tests.factories import submit as request_submit

    officer = make_user("ppid", units["SUMSEL"], Role.PPID_OFFICER)
    case, _code = request_submit(units["SUMSEL"], received_on=date.today())
    headers = bearer(officer)
    refused = post(
        client, f"/api/ppid/requests/{case.pk}/decide", {"decision": "ditolak", "info_status": "x"}, headers
    )
    assert refused.status_code == 422  # a refusal needs its legal reason: the service said so
    decided = post(client, f"/api/ppid/requests/{case.pk}/decide",
                   {"decision": "seluruhnya", "info_status": "dikuasai"}, headers)  # fmt: skip
    assert decided.status_code == 200, decided.content
    case.refresh_from_db()
    assert case.ppid.decision == "seluruhnya"
    delivery = {"delivered_on": date.today().isoformat(), "via": "email", "note": "Surel terkirim"}
    delivered = post(client, f"/api/ppid/requests/{case.pk}/deliver", delivery, headers)
    assert delivered.status_code == 200 and case.ppid.__class__.objects.get(pk=case.ppid.pk).delivered_on
    viewer = post(client, f"/api/ppid/requests/{case.pk}/extend", {"reason": "x"}, bearer(cast["viewer"]))
    assert viewer.status_code == 404
