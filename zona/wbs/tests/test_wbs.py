"""The WBS: intake and the receipt code, sealing at rest, nothing about the reporter kept, the
zone's access, keys (new recipients, lost passphrases, escrow), the custodian-gated identity,
deadlines, retention, tampering, bad input, export, figures that leave the zone."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from conftest import make_user
from zona.audit.models import AuditEvent
from zona.notifications.models import Notification
from zona.orgs.models import Role
from zona.wbs import archive, crypto, errors, figures, handling, keys, reports, retention, rules
from zona.wbs.models import Attachment, IdentityRequest, Report, ReportEvent, ReportKey, RequestState

from .conftest import PASSPHRASE, pdf, submit, unlock

MARKERS = {
    "what": "RAHASIA-APA-7731 pungutan di loket",
    "who": "RAHASIA-SIAPA-7732",
    "when": "RAHASIA-KAPAN-7733",
    "where": "RAHASIA-DIMANA-7734",
    "how": "RAHASIA-BAGAIMANA-7735",
}


def dump_database() -> bytes:
    """Every row of every table, as bytes: what a stolen database dump would show."""
    out = io.BytesIO()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the schema
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview | bytes | bytearray):
                        out.write(bytes(value))
                    else:
                        out.write(str(value).encode("utf-8", "replace"))
                    out.write(b"\x00")
    return out.getvalue()


def dump_files(root: Path) -> bytes:
    """Every file of the store, as bytes."""
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


# -- intake and receipt ----------------------------------------------------------------------


def test_a_report_gets_a_receipt_code_that_opens_it_again(recipient, units):
    report, code = submit(units["SUMSEL"], what=MARKERS["what"])
    assert len(code) == 16 and code.isdigit()
    assert report.state == "diterima" and report.number.startswith("WBS/SUMSEL/")
    found, key = reports.report_by_receipt(crypto.receipt_shown(code))
    assert found == report
    assert reports.report_read(report, key, notes=False).answers["what"] == MARKERS["what"]
    wrong = "0000000000000000" if code != "0000000000000000" else "1111111111111111"
    assert reports.report_by_receipt(wrong) is None
    assert reports.report_by_receipt("not a code") is None
    # the code itself is kept nowhere
    assert code.encode() not in dump_database()


def test_no_recipient_key_no_channel(units):
    make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT)  # without a key
    assert not keys.channel_open(units["SUMSEL"])
    with pytest.raises(errors.WbsError, match="belum dibuka"):
        submit(units["SUMSEL"])
    assert not Report.objects.exists()


def test_identity_is_taken_only_where_a_custodian_guards_it(recipient, units):
    with pytest.raises(errors.WbsError, match="kustodian"):
        submit(units["SUMSEL"], identity={"name": "Budi", "contact": "0812"})
    assert not Report.objects.exists()


# -- sealed at rest --------------------------------------------------------------------------


def test_a_database_and_file_store_dump_shows_no_report_content(
    client, recipient, custodian, units, own_store
):
    secret_file = b"RAHASIA-BERKAS-7736"
    identity = {"name": "RAHASIA-NAMA-7737", "contact": "RAHASIA-KONTAK-7738"}
    report, code = reports.report_submit(
        unit=units["SUMSEL"],
        answers=MARKERS,
        identity=identity,
        uploads=[pdf("RAHASIA-NAMABERKAS-7739.pdf", secret_file)],
    )
    found, key = reports.report_by_receipt(code)
    reports.reporter_reply(report=report, key=key, text="RAHASIA-BALASAN-7740", uploads=[])
    handling.recipient_message(report=report, key=key, text="RAHASIA-PESAN-7741", uploads=[], by=recipient)
    handling.recipient_message(
        report=report, key=key, text="RAHASIA-CATATAN-7742", uploads=[], by=recipient, note=True
    )
    handling.identity_request(report=report, key=key, motivation="RAHASIA-ALASAN-7743", by=recipient)
    everything = dump_database() + dump_files(own_store)
    assert len(dump_files(own_store)) > len(secret_file)  # the file is there, encrypted
    others = ["BERKAS-7736", "NAMABERKAS-7739", "BALASAN-7740", "PESAN-7741", "CATATAN-7742", "ALASAN-7743"]
    for marker in [*MARKERS.values(), *identity.values(), *(f"RAHASIA-{o}" for o in others)]:
        assert marker.encode() not in everything, marker
    # …and the holders read it all back
    shown = reports.report_read(report, key, notes=True)
    assert shown.answers == {**MARKERS, "received_on": date.today().isoformat()}
    assert [m["body"] for m in shown.messages] == [
        "RAHASIA-BALASAN-7740",
        "RAHASIA-PESAN-7741",
        "RAHASIA-CATATAN-7742",
    ]
    attachment = Attachment.objects.get(report=report)
    assert reports.attachment_open(attachment, key)[2].endswith(secret_file)


# -- nothing about the reporter --------------------------------------------------------------

PROBE_IP, PROBE_AGENT = "203.0.113.77", "ZonaProbe/7.7 (rahasia)"


def test_no_address_agent_or_cookie_is_kept_for_wbs_requests(client, recipient, custodian, units, caplog):
    caplog.set_level(logging.DEBUG)
    meta = {"REMOTE_ADDR": PROBE_IP, "HTTP_USER_AGENT": PROBE_AGENT, "HTTP_X_FORWARDED_FOR": PROBE_IP}
    url = reverse("wbs_public:intake", args=[units["SUMSEL"].slug])
    page = client.get(url, **meta)
    assert page.status_code == 200
    response = client.post(
        url,
        {"what": "Pungutan", "name": "Budi", "contact": "budi@example.org", "files": [pdf()]},
        **meta,
    )
    assert response.status_code == 200 and "receipt-code" in response.content.decode()
    code = response.context["code"]
    track = reverse("wbs_public:track")
    assert client.post(track, {"code": code}, **meta).status_code == 200
    assert client.post(track, {"code": "1234567812345678"}, **meta).status_code == 404
    cookies = set(client.cookies.keys())
    assert cookies <= {"csrftoken"}, cookies
    dumped = dump_database()
    for probe in (PROBE_IP, PROBE_AGENT):
        assert probe.encode() not in dumped
        assert probe not in caplog.text
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"


def test_the_access_log_filter_drops_address_agent_and_headers():
    from gunicorn.glogging import SafeAtoms

    from zona.lib.logfilters import AnonymousPathsFilter

    def record(path):
        atoms = SafeAtoms(
            {
                "h": PROBE_IP,
                "a": PROBE_AGENT,
                "f": "https://x",
                "U": path,
                "r": f"GET {path} HTTP/1.1",
                "{x-forwarded-for}i": PROBE_IP,
                "{cookie}i": "csrftoken=1",
                "s": "200",
            }
        )
        item = logging.LogRecord(
            "gunicorn.access",
            logging.INFO,
            "",
            0,
            '%(h)s "%(r)s" %(s)s "%(a)s" %({x-forwarded-for}i)s',
            (),
            None,
        )
        item.args = atoms
        AnonymousPathsFilter().filter(item)
        return item.getMessage()

    wbs = record("/wbs/lacak/")
    assert PROBE_IP not in wbs and PROBE_AGENT not in wbs and "/wbs/lacak/" in wbs
    other = record("/publik/sumsel/")
    assert PROBE_IP in other and PROBE_AGENT in other


@pytest.mark.database  # the server it starts answers from the database
def test_gunicorn_with_the_shipped_config_logs_no_address_for_wbs(tmp_path):
    """The real server, with config/gunicorn.conf.py, on loopback. Its access log is read as it
    is written, until the line of the last request; then the server (master and worker, a
    process group of their own) is killed: a graceful stop would cost seconds and check nothing."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import threading
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "ZONA_VAR_DIR": str(tmp_path)}
    root = Path(__file__).resolve().parents[3]
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "config.wsgi"]
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    lines: list[str] = []

    def read_log():
        for line in server.stdout:
            lines.append(line.decode())

    reader = threading.Thread(target=read_log, daemon=True)
    reader.start()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static/zona/zona.css", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        for path in ("/wbs/lacak/", "/akun/masuk/"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", headers={"User-Agent": PROBE_AGENT}
            )
            try:
                urllib.request.urlopen(request, timeout=5)  # noqa: S310
            except OSError:
                pass
        deadline = time.monotonic() + 30  # the worker logs a request after answering it
        while not any("/akun/masuk/" in line for line in lines) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        reader.join(timeout=10)
    wbs = [line for line in lines if "/wbs/lacak/" in line]
    login = [line for line in lines if "/akun/masuk/" in line]
    assert wbs and login, lines
    assert all("127.0.0.1" not in line and PROBE_AGENT not in line for line in wbs)
    assert any("127.0.0.1" in line and PROBE_AGENT in line for line in login)  # the log works elsewhere


# -- the zone's access -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    ["admin", "coordinator", "reviewer", "outsider", "national", "superuser", "apip", "other_recipient"],
)
def test_nobody_outside_the_zone_reaches_a_report(client, cast, units, recipient, who):
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"])
    if who == "superuser":
        user = make_user("root")
        user.is_superuser = user.is_staff = True
        user.save()
    elif who == "apip":
        user = make_user("apip", units["SUMSEL"], Role.APIP)
    elif who == "other_recipient":
        user = make_user("penerima_jambi", units["JAMBI"], Role.WBS_RECIPIENT)
        keys.key_create(user=user, passphrase=PASSPHRASE)
    else:
        user = cast[who]
    client.force_login(user)
    for url in (reverse("wbs:home"), reverse("wbs:report", args=[report.pk])):
        response = client.get(url)
        assert response.status_code == 404 or (who == "other_recipient" and url == reverse("wbs:home"))
        assert (
            MARKERS["what"] not in response.content.decode()
            and report.number not in response.content.decode()
        )
    assert client.get(f"/admin/wbs/report/{report.pk}/change/").status_code in (302, 404)
    assert client.get("/admin/wbs/").status_code in (302, 404)
    # the generic audit log never names a report
    assert not AuditEvent.objects.filter(object_type__startswith="wbs.").exists()


def test_the_recipient_reads_only_with_the_key_unlocked(client, recipient, units):
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"])
    client.force_login(recipient)
    locked = client.get(reverse("wbs:report", args=[report.pk]))
    assert locked.status_code == 302 and MARKERS["what"] not in locked.content.decode()
    wrong = client.post(reverse("wbs:key_open"), {"passphrase": "bukan frasa yang benar"}, follow=True)
    assert "Frasa sandi salah." in wrong.content.decode()
    assert (
        MARKERS["what"]
        not in client.get(reverse("wbs:report", args=[report.pk]), follow=True).content.decode()
    )
    unlock(client, recipient)
    page = client.get(reverse("wbs:report", args=[report.pk])).content.decode()
    assert MARKERS["what"] in page
    # the session half without the cookie half opens nothing
    client.cookies.pop("zona_wbs_key")
    assert client.get(reverse("wbs:report", args=[report.pk])).status_code == 302
    # locking forgets it
    unlock(client, recipient)
    client.post(reverse("wbs:key_close"))
    assert client.get(reverse("wbs:report", args=[report.pk])).status_code == 302


def test_a_recipient_notified_without_content(recipient, units):
    submit(units["SUMSEL"], what=MARKERS["what"])
    note = Notification.objects.get(user=recipient)
    assert "WBS" in note.text and MARKERS["what"] not in note.text


# -- keys: a new recipient, a lost passphrase, the escrow key ---------------------------------


def test_a_recipient_added_later_reads_once_a_colleague_unlocks(recipient, units):
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"])
    newcomer = make_user("penerima2", units["SUMSEL"], Role.WBS_RECIPIENT)
    keys.key_create(user=newcomer, passphrase=PASSPHRASE)
    mine = keys.key_unlock(user=newcomer, passphrase=PASSPHRASE)
    assert keys.report_key(report, newcomer, mine) is None
    sealed = keys.reseal_pending(
        user=recipient, private=keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    )
    assert sealed == 1
    key = keys.report_key(report, newcomer, mine)
    assert reports.report_read(report, key, notes=False).answers["what"] == MARKERS["what"]
    assert ReportEvent.objects.filter(report=report, action="resealed").exists()


def test_a_lost_passphrase_is_recovered_through_a_colleague(recipient, units):
    colleague = make_user("penerima2", units["SUMSEL"], Role.WBS_RECIPIENT)
    keys.key_create(user=colleague, passphrase=PASSPHRASE)
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"])
    keys.key_reset(user=recipient, passphrase="frasa baru yang panjang")
    fresh = keys.key_unlock(user=recipient, passphrase="frasa baru yang panjang")
    assert keys.report_key(report, recipient, fresh) is None
    with pytest.raises(errors.WbsError):
        keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    keys.reseal_pending(user=colleague, private=keys.key_unlock(user=colleague, passphrase=PASSPHRASE))
    assert keys.report_key(report, recipient, fresh) is not None
    assert AuditEvent.objects.filter(action="wbs.key_reset", object_id=str(recipient.pk)).exists()


def test_the_escrow_key_recovers_when_no_colleague_is_left(recipient, units, tmp_path, capsys):
    call_command("wbs", "escrow-create")
    private_hex = capsys.readouterr().out.splitlines()[1]
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"])
    assert ReportKey.objects.filter(report=report, escrow=True).count() == 1
    keys.key_reset(user=recipient, passphrase="frasa baru yang panjang")
    keyfile = tmp_path / "escrow.key"
    keyfile.write_text(private_hex)
    call_command("wbs", "escrow-reseal", str(keyfile))
    fresh = keys.key_unlock(user=recipient, passphrase="frasa baru yang panjang")
    key = keys.report_key(report, recipient, fresh)
    assert reports.report_read(report, key, notes=False).answers["what"] == MARKERS["what"]
    keyfile.write_text(crypto.PrivateKey.generate().encode().hex())
    with pytest.raises(Exception, match="bukan kunci escrow"):
        call_command("wbs", "escrow-reseal", str(keyfile))


def test_rotating_the_key_pair_keeps_the_reports(client, recipient, custodian, units):
    report, _code = submit(units["SUMSEL"], what=MARKERS["what"], identity={"name": "Budi"})
    old_public = bytes(recipient.wbs_key.public)
    unlock(client, recipient)
    client.post(
        reverse("wbs:key_manage"),
        {"what": "rotate", "passphrase": "pasangan kunci baru sekali", "again": "pasangan kunci baru sekali"},
    )
    recipient.wbs_key.refresh_from_db()
    assert bytes(recipient.wbs_key.public) != old_public
    with pytest.raises(errors.WbsError):
        keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    fresh = keys.key_unlock(user=recipient, passphrase="pasangan kunci baru sekali")
    assert (
        reports.report_read(report, keys.report_key(report, recipient, fresh), notes=False).answers["what"]
        == MARKERS["what"]
    )
    assert AuditEvent.objects.filter(action="wbs.key_rotated", actor=recipient).exists()


def test_changing_the_passphrase_keeps_the_key(recipient, units):
    report, _code = submit(units["SUMSEL"])
    keys.key_change_passphrase(user=recipient, old=PASSPHRASE, new="sandi baru yang juga panjang")
    with pytest.raises(errors.WbsError):
        keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    private = keys.key_unlock(user=recipient, passphrase="sandi baru yang juga panjang")
    assert keys.report_key(report, recipient, private) is not None
    with pytest.raises(errors.WbsError, match="12"):
        keys.key_change_passphrase(user=recipient, old="sandi baru yang juga panjang", new="pendek")


# -- the reporter's identity: only through the custodian ---------------------------------------


def test_identity_only_after_the_custodian_approves_a_reason(recipient, custodian, units):
    report, _code = submit(units["SUMSEL"], identity={"name": "Budi Santoso", "contact": "0812"})
    mine = keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    key = keys.report_key(report, recipient, mine)
    assert handling.identity_read(report, recipient, mine) is None  # no identity key for recipients
    with pytest.raises(errors.WbsError):
        handling.identity_request(report=report, key=key, motivation="  ", by=recipient)
    asked = handling.identity_request(
        report=report, key=key, motivation="Saksi perlu diperiksa", by=recipient
    )
    # a recipient can't decide, even their own request
    with pytest.raises(errors.WbsError, match="kustodian"):
        handling.identity_decide(request=asked, approve=True, note="", by=recipient, private=mine)
    guard = keys.key_unlock(user=custodian, passphrase=PASSPHRASE)
    assert handling.identity_read(report, custodian, guard) == {"name": "Budi Santoso", "contact": "0812"}
    handling.identity_decide(request=asked, approve=True, note="Alasan cukup", by=custodian, private=guard)
    assert handling.identity_read(report, recipient, mine)["name"] == "Budi Santoso"
    assert IdentityRequest.objects.get().state == RequestState.APPROVED
    actions = list(ReportEvent.objects.filter(report=report).values_list("action", flat=True))
    assert {"identity_requested", "identity_approved", "identity_read"} <= set(actions)


def test_a_refused_request_reveals_nothing(recipient, custodian, units):
    report, _code = submit(units["SUMSEL"], identity={"name": "Budi Santoso"})
    mine = keys.key_unlock(user=recipient, passphrase=PASSPHRASE)
    asked = handling.identity_request(
        report=report, key=keys.report_key(report, recipient, mine), motivation="Perlu", by=recipient
    )
    guard = keys.key_unlock(user=custodian, passphrase=PASSPHRASE)
    handling.identity_decide(request=asked, approve=False, note="Belum perlu", by=custodian, private=guard)
    assert handling.identity_read(report, recipient, mine) is None
    with pytest.raises(errors.WbsError, match="sudah diputuskan"):
        handling.identity_decide(request=asked, approve=True, note="", by=custodian, private=guard)


# -- states and deadlines across holidays -------------------------------------------------------


def test_deadlines_come_from_the_working_day_calendar(recipient, units, monkeypatch):
    """Received Tue 17 March 2026: 18–24 March are Nyepi and Idul Fitri (holidays and cuti bersama)
    and a weekend, so the 3 working days to acknowledge end on Fri 27 March."""
    monkeypatch.setattr(rules, "local_today", lambda: date(2026, 3, 17))
    report, _code = submit(units["SUMSEL"])
    assert report.state_due == date(2026, 3, 27)
    assert report.feedback_due == date(2026, 4, 22)  # 20 working days, past Wafat Yesus Kristus (3 April)
    monkeypatch.setattr(rules, "local_today", lambda: date(2026, 12, 23))
    report = handling.report_transition(report=report, action="verify", reason="", by=recipient)
    # 10 working days from 23 Dec 2026 skip 24–25 Dec (Natal), 1 Jan (Tahun Baru), 5 Jan 2027
    # (Isra Mikraj) and three weekends: 12 Jan 2027
    assert report.state == "verifikasi" and report.state_due == date(2027, 1, 12) and report.acknowledged_on
    with pytest.raises(errors.WbsError):
        handling.report_transition(report=report, action="close", reason="", by=recipient)
    report = handling.report_transition(report=report, action="follow_up", reason="", by=recipient)
    with pytest.raises(errors.WbsError, match="alasan"):
        handling.report_transition(report=report, action="close", reason=" ", by=recipient)
    report = handling.report_transition(
        report=report, action="close", reason="Diteruskan ke APIP", by=recipient
    )
    assert report.closed_on == date(2026, 12, 23) and report.retain_until == date(2026, 12, 23) + timedelta(
        days=1825
    )


# -- retention -------------------------------------------------------------------------------


def test_retention_reminds_then_deletes_keys_files_and_rows(recipient, units, monkeypatch):
    report, _code = submit(units["SUMSEL"], files=[pdf()])
    blob = Attachment.objects.get(report=report).blob.name
    assert default_storage.exists(blob)
    Report.objects.filter(pk=report.pk).update(
        closed_on=date(2020, 1, 1), retain_until=date.today() + timedelta(days=10), state="selesai"
    )
    result = retention.wbs_daily(today=date.today())
    assert (
        result["deleted"] == 0
        and Notification.objects.filter(user=recipient, key=f"wbs:{report.pk}:retention").exists()
    )
    result = retention.wbs_daily(today=date.today() + timedelta(days=10))
    assert result["deleted"] == 1
    assert (
        not Report.objects.filter(pk=report.pk).exists()
        and not ReportKey.objects.filter(report_id=report.pk).exists()
    )
    assert not default_storage.exists(blob)
    assert ReportEvent.objects.filter(number=report.number, action="deleted").exists()


def test_overdue_reports_remind_their_holders(recipient, units):
    report, _code = submit(units["SUMSEL"])
    retention.wbs_daily(today=report.state_due + timedelta(days=1))
    assert Notification.objects.filter(user=recipient, key__contains=":overdue:").exists()


# -- tampering and bad input -----------------------------------------------------------------


def test_altered_ciphertext_is_reported_never_shown_or_crashing(client, recipient, units):
    report, code = submit(units["SUMSEL"], what=MARKERS["what"], files=[pdf()])
    content = bytearray(report.content)
    content[-1] ^= 1
    Report.objects.filter(pk=report.pk).update(content=bytes(content))
    attachment = Attachment.objects.get(report=report)
    with attachment.blob.open("rb") as handle:
        blob = bytearray(handle.read())
    blob[30] ^= 1
    default_storage.delete(attachment.blob.name)
    default_storage.save(attachment.blob.name, io.BytesIO(bytes(blob)))
    unlock(client, recipient)
    page = client.get(reverse("wbs:report", args=[report.pk]))
    assert page.status_code == 200 and 'id="damaged"' in page.content.decode()
    response = client.post(reverse("wbs:file", args=[report.pk, attachment.pk]), follow=True)
    assert "rusak" in response.content.decode()
    # the reporter sees the same, through the receipt code
    shown = client.post(reverse("wbs_public:track"), {"code": code})
    assert shown.status_code == 200 and 'id="damaged"' in shown.content.decode()


def test_bad_input_gets_a_message_and_saves_nothing(client, recipient, units, own_store):
    url = reverse("wbs_public:intake", args=[units["SUMSEL"].slug])
    too_long = client.post(url, {"what": "x" * 5001})
    assert too_long.status_code == 400 and "terlalu panjang" in too_long.content.decode()
    program = SimpleUploadedFile("alat.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    wrong_type = client.post(url, {"what": "Pungutan", "files": [program]})
    assert wrong_type.status_code == 400 and "tidak diterima" in wrong_type.content.decode()
    too_many = client.post(url, {"what": "Pungutan", "files": [pdf(f"b{i}.pdf") for i in range(6)]})
    assert "Paling banyak 5 berkas" in too_many.content.decode()
    assert not Report.objects.exists() and not Attachment.objects.exists() and not dump_files(own_store)


def test_wrong_codes_are_limited_and_answered_like_unknown_ones(client, recipient, units, settings):
    settings.ZONA_PUBLIC_FORM_RATE = "3/h"
    report, code = submit(units["SUMSEL"])
    track = reverse("wbs_public:track")
    answers = [client.post(track, {"code": c}) for c in ("1111222233334444", "abc", "9999888877776666")]
    assert [a.status_code for a in answers] == [404, 404, 404]
    texts = {a.context["error"] for a in answers}
    assert len(texts) == 1  # malformed and unknown: the same answer
    refused = client.post(track, {"code": "5555666677778888"})  # the client's wrong codes are used up
    assert refused.status_code == 429 and "Terlalu banyak kode tanda terima" in refused.content.decode()
    opened = client.post(track, {"code": code})  # …but the right code still opens its report
    assert opened.status_code == 200 and opened.context["shown"].report == report


def test_a_reporter_behind_an_address_others_guess_from_still_gets_in(client, recipient, units, settings):
    """The allowance (10 an hour) used up by others behind the same address: the reporter's
    right code opens the report, the next wrong code is still refused."""
    settings.ZONA_PUBLIC_FORM_RATE = "10/h"
    cache.clear()
    report, code = submit(units["SUMSEL"])
    track = reverse("wbs_public:track")
    shared = "203.0.113.77"
    for n in range(10):
        assert client.post(track, {"code": f"{n:016d}"}, REMOTE_ADDR=shared).status_code == 404
    opened = client.post(track, {"code": code}, REMOTE_ADDR=shared)
    assert opened.status_code == 200 and opened.context["shown"].report == report
    assert client.post(track, {"code": "1" * 16}, REMOTE_ADDR=shared).status_code == 429
    assert client.post(track, {"code": "1" * 16}, REMOTE_ADDR="198.51.100.5").status_code == 404  # another


# -- export and figures ----------------------------------------------------------------------


def test_export_is_an_encrypted_archive_opened_with_its_passphrase(recipient, units, tmp_path):
    report, code = submit(units["SUMSEL"], what=MARKERS["what"], files=[pdf()])
    _found, key = reports.report_by_receipt(code)
    data = archive.export_archive(report=report, key=key, passphrase="sandi arsip yang panjang", by=recipient)
    assert MARKERS["what"].encode() not in data
    archive_file, out = tmp_path / "a.zwbs", tmp_path / "a.zip"
    archive_file.write_bytes(data)
    secret = tmp_path / "pass"
    secret.write_text("sandi arsip yang panjang")
    call_command("wbs", "open-archive", str(archive_file), str(out), "--passphrase-file", str(secret))
    with zipfile.ZipFile(out) as opened:
        summary = json.loads(opened.read("laporan.json"))
        assert summary["answers"]["what"] == MARKERS["what"] and len(opened.namelist()) == 2
    secret.write_text("sandi yang salah sekali")
    with pytest.raises(Exception, match="Frasa sandi salah"):
        call_command("wbs", "open-archive", str(archive_file), str(out), "--passphrase-file", str(secret))


def test_figures_leaving_the_zone_withhold_small_counts(client, recipient, units):
    for _ in range(2):
        submit(units["SUMSEL"])
    quarter = (date.today().month - 1) // 3
    rows = figures.statistics([units["SUMSEL"]], date.today().year)
    assert rows[quarter].received is None  # 2 < 3: withheld
    page = client.get(reverse("wbs_public:intake", args=[units["SUMSEL"].slug])).content.decode()
    assert "&lt; 3" in page and 'id="wbs-figures"' in page
    submit(units["SUMSEL"])
    rows = figures.statistics([units["SUMSEL"]], date.today().year)
    assert rows[quarter].received == 3 and rows[quarter].in_process == 3 and rows[quarter].closed == 0


def test_the_public_page_links_the_channel_when_it_is_open(client, units):
    page = client.get(f"/publik/{units['SUMSEL'].slug}/").content.decode()
    assert reverse("wbs_public:intake", args=[units["SUMSEL"].slug]) not in page
    user = make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT)
    keys.key_create(user=user, passphrase=PASSPHRASE)
    page = client.get(f"/publik/{units['SUMSEL'].slug}/").content.decode()
    assert reverse("wbs_public:intake", args=[units["SUMSEL"].slug]) in page
    assert apps.is_installed("zona.wbs")


def test_the_anonymous_key_is_shared_by_every_process_and_changes_with_the_day(settings):
    """Two processes (two gunicorn workers, or one after a restart) count the same client under
    the same key; the next day the same address has another key. A process's own state is its
    modules': the module loaded afresh, as a new worker loads it, gives the same key."""
    import importlib

    from django.test import RequestFactory

    from zona.lib import net

    asked = RequestFactory().post("/wbs/lacak/", REMOTE_ADDR="198.51.100.23")
    now = 1_800_000_000.0
    mine = net.anonymous_key("wbs_track", asked, now=now)
    other = importlib.reload(net).anonymous_key("wbs_track", asked, now=now)
    anonymous_key, ANONYMOUS_PERIOD = net.anonymous_key, net.ANONYMOUS_PERIOD
    assert other == mine and len(mine) == 32
    assert anonymous_key("wbs", asked, now=now + 60) == mine  # the same day, any group
    assert anonymous_key("wbs_track", asked, now=now + ANONYMOUS_PERIOD) != mine  # the next day
    elsewhere = RequestFactory().post("/wbs/lacak/", REMOTE_ADDR="198.51.100.24")
    assert anonymous_key("wbs_track", elsewhere, now=now) != mine
    settings.SECRET_KEY = "another installation's secret key, long enough"
    assert anonymous_key("wbs_track", asked, now=now) != mine


def test_the_address_never_reaches_a_wbs_rate_limit_key(client, recipient, units, monkeypatch):
    import django_ratelimit.core as core

    made = []
    original = core._make_cache_key

    def recording(group, window, rate, value, methods):
        key = original(group, window, rate, value, methods)
        made.append((group, value, key))
        return key

    monkeypatch.setattr(core, "_make_cache_key", recording)
    address = "198.51.100.99"
    _report, code = submit(units["SUMSEL"])
    client.post(reverse("wbs_public:track"), {"code": "1234123412341234"}, REMOTE_ADDR=address)
    client.post(
        reverse("wbs_public:track"), {"code": code, "action": "reply", "text": "x"}, REMOTE_ADDR=address
    )
    client.post(
        reverse("wbs_public:intake", args=[units["SUMSEL"].slug]), {"what": "Pungutan"}, REMOTE_ADDR=address
    )
    groups = {group for group, _value, _key in made}
    assert {"wbs", "wbs_track", "track-reply"} <= groups, groups
    for group, value, key in made:
        assert address not in value and address not in key, (group, value)
        assert "198.51.100" not in value
