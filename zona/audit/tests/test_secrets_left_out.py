"""No piece of a secret reaches the trail: a confidential reporter's name and contact, the tracking
code's hash, the form's submission key, a password, an API token, the second factor's key and the
WBS are absent from the recorded entries, Zona's event log, the trail's pages, its XLSX export
and the API, even four characters at a time (django-auditlog's masking would keep half)."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook

from conftest import body, make_user
from zona.api.tokens import token_create
from zona.audit.models import AuditEvent
from zona.complaints.services import complaint_step, complaint_submit
from zona.orgs.models import Role
from zona.wbs.keys import key_create
from zona.wbs.reports import report_submit

# Values chosen so that no four of their characters in a row occur in Zona's pages by chance.
NAME, NEW_NAME = "Qxzeb Vujwoq Kyfr", "Jyxk Wqvoz"
CONTACT, NEW_CONTACT = "qxzeb.vujwoq@jyxk.id", "vujwoq.kyfr@zqvx.id"
TRACKING, NEW_TRACKING = "Tq7Zx9Wk" * 8, "Gm4Rv2Yh" * 8  # stand in for the HMAC of the code
SUBMISSION = "Hv3Jm8Pz" * 8  # stands in for the HMAC of the form token
CODE = "QZXJ7VKW9R"  # stands in for the tracking code the form token gives (its alphabet, its length)
PASSWORD = "Pw9!Rk2#Lz7$Qa"
WBS_WHAT = "Xvqz Bjkw Qrtyh"  # no 4 characters of it in any page's own text ("Pungli" met "English")


def pieces(value: str, n: int = 4) -> set[str]:
    return {value[i : i + n] for i in range(len(value) - n + 1)}


def _entries_text() -> str:
    """Everything the trail and the event log hold, as text."""
    logged = [model_to_dict(e) | {"changes_text": e.changes_text} for e in LogEntry.objects.all()]
    events = list(AuditEvent.objects.values())
    return json.dumps([logged, events], default=str, ensure_ascii=False)


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


@pytest.fixture
def confidential_case(units, cast, monkeypatch):
    """A confidential complaint filed through the public form's service, verified by the unit's
    complaint officer, its contact and tracking code then changed."""
    monkeypatch.setattr("zona.cases.services._hash", lambda code: TRACKING)
    monkeypatch.setattr("zona.cases.services.submission_key", lambda token: SUBMISSION)
    monkeypatch.setattr("zona.cases.services.tracking_code_new", lambda token="": CODE)
    case, code = complaint_submit(
        unit=units["SUMSEL"], subject="Antrean loket", description="Menunggu lama", category="pelayanan",
        reporter_name=NAME, reporter_contact=CONTACT, confidential=True, form_token="formulir-1",
        received_on=timezone.localdate(),
    )  # fmt: skip
    complaint_step(case=case, action="verify", by=cast["admin"], complaint_type="normatif")
    case.refresh_from_db()
    before = LogEntry.objects.get_for_object(case).count()
    case.reporter_name, case.reporter_contact, case.tracking_hash = NEW_NAME, NEW_CONTACT, NEW_TRACKING
    case.save()
    # a change of left-out fields alone leaves no entry (not even an empty one)
    assert LogEntry.objects.get_for_object(case).count() == before
    case.subject = "Antrean loket pagi"
    case.save()
    return case, code


@pytest.fixture
def wbs_report(units):
    """A WBS report as the public page files it: (report, receipt code)."""
    recipient = make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT)
    key_create(user=recipient, passphrase="kunci rahasia yang panjang sekali")
    return report_submit(
        unit=units["SUMSEL"], answers={"what": WBS_WHAT, "who": "", "when": "", "where": "", "how": ""},
        identity=None, uploads=[],
    )  # fmt: skip


def _secrets(confidential_case, wbs_report, cast) -> dict[str, tuple[str, int]]:
    """Each secret with the length of the pieces looked for: four characters for the values
    chosen here (the tracking code among them); eight for the random hex and digits a library
    makes (four of those occur by chance in any page: a year, an id)."""
    case, code = confidential_case
    cast["viewer"].set_password(PASSWORD)
    cast["viewer"].save()
    token, plain = token_create(user=cast["admin"], name="laporan", days=30)
    device = TOTPDevice.objects.create(user=cast["admin"], name="ponsel", confirmed=True)
    report, receipt = wbs_report
    return {
        "name": (NAME, 4),
        "new name": (NEW_NAME, 4),
        "contact": (CONTACT, 4),
        "new contact": (NEW_CONTACT, 4),
        "tracking hash": (TRACKING, 4),
        "new tracking hash": (NEW_TRACKING, 4),
        "submission key": (SUBMISSION, 4),
        "tracking code": (code, 4),
        "password": (PASSWORD, 4),
        "password hash": (cast["viewer"].password, 8),
        "API token": (plain.split("_", 2)[2], 8),
        "API token digest": (token.digest, 8),
        "TOTP key": (device.key, 8),
        "WBS report": (WBS_WHAT, 4),
        "WBS receipt": (receipt, 8),
        "WBS lookup": (report.lookup, 8),
    }


def _superuser():
    user = make_user("pengelola")
    user.is_superuser = True
    user.save()
    return user


def _shown(client, case, units, cast) -> dict[str, str]:
    """What the trail shows: its pages, its export and the API, to those who read them."""
    apip = make_user("apip", units["SUMSEL"], Role.APIP)
    client.force_login(apip)
    year = f"?tahun={date.today().year}"
    shown = {
        "trail page": body(client.get(reverse("audit:trail", args=[units["SUMSEL"].slug]) + year)),
        "case history": body(client.get(reverse("audit:history", args=[case._meta.label, case.pk]))),
        "complaint history": body(
            client.get(reverse("audit:history", args=["complaints.Complaint", case.pk]))
        ),
    }
    export = body(client.get(reverse("audit:trail_xlsx", args=[units["SUMSEL"].slug]) + year))
    client.force_login(cast["admin"])
    shown["event log"] = body(client.get(reverse("audit:unit_log", args=[units["SUMSEL"].slug])))
    shown["admin's trail page"] = body(client.get(reverse("audit:trail", args=[units["SUMSEL"].slug]) + year))
    _token, plain = token_create(user=cast["admin"], name="baca", days=1)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    shown["API list"] = body(client.get("/api/complaints", **bearer))
    shown["API case"] = body(client.get(f"/api/complaints/{case.pk}", **bearer))
    client.force_login(_superuser())
    shown["user history"] = body(
        client.get(reverse("audit:history", args=["accounts.User", cast["viewer"].pk]))
    )
    texts = {where: content.decode() for where, content in shown.items()}
    texts["XLSX export"] = _xlsx_text(export)
    texts["recorded entries"] = _entries_text()
    return texts


def test_no_four_characters_of_a_secret_reach_the_trail(client, units, cast, confidential_case, wbs_report):
    case, _code = confidential_case
    secrets = _secrets(confidential_case, wbs_report, cast)
    shown = _shown(client, case, units, cast)
    # the trail is there and holds the case's ordinary changes
    assert "Antrean loket pagi" in shown["case history"] and "Antrean loket pagi" in shown["XLSX export"]
    assert "normatif" in shown["complaint history"]
    assert case.number in shown["trail page"] and case.number in shown["API case"]
    assert "pemantau" in shown["user history"]  # the user's entries are there, without the password
    leaks = [
        (what, where, piece)
        for what, (value, n) in secrets.items()
        for where, text in shown.items()
        for piece in pieces(value, n)
        if piece in text
    ]
    assert leaks == []


def _page(response) -> bytes:
    """The page without its per-request CSRF token (the layout's sign-out form holds one) and the
    language switcher's way back (the address the person asked for, whatever it names)."""
    page = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body(response))
    return re.sub(rb'name="next" value="[^"]*"', b"", page)


def test_an_object_that_is_not_recorded_has_no_history_page(client, units, cast, wbs_report):
    """Not even for a superuser (the WBS's own rule), and not even to say that it exists."""
    report, _receipt = wbs_report
    token, _plain = token_create(user=cast["admin"], name="laporan", days=30)
    device = TOTPDevice.objects.create(user=cast["admin"], name="ponsel", confirmed=True)
    client.force_login(_superuser())
    unknown = reverse("audit:history", args=[report._meta.label, report.pk + 1000])
    for instance in (report, token, device):
        response = client.get(reverse("audit:history", args=[instance._meta.label, instance.pk]))
        assert response.status_code == 404 and _page(response) == _page(client.get(unknown)), instance
    assert not LogEntry.objects.filter(content_type__app_label__in=["wbs", "otp_totp", "api"]).exists()
    step = client.get(reverse("audit:history", args=["accounts.User", cast["admin"].pk]))
    assert b"admin_unit" in body(step)  # a recorded object's history still shows
