"""A citizen who gives an e-mail address gets a receipt with the number and the tracking code,
and a message at each change of status; the code is in their e-mail only (not in the log, the
audit trail or the timeline); the unit's tracking page takes the short number with the code."""

import logging
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.cases.models import Case, CaseEvent
from zona.complaints.services import complaint_step, complaint_submit
from zona.ppid.services import request_submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _complaint(units, contact="rina@example.org", **extra):
    return complaint_submit(
        unit=units["SUMSEL"],
        subject="Antrean <script>alert(1)</script>",
        description="Lama sekali",
        category="pelayanan",
        reporter_name="Rina",
        reporter_contact=contact,
        **extra,
    )


def test_a_complaint_receipt_carries_number_short_number_and_code_only_to_the_citizen(
    units, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        case, code = _complaint(units)
    assert len(mailoutbox) == 1
    receipt = mailoutbox[0]
    assert receipt.to == ["rina@example.org"] and case.number in receipt.subject
    assert case.number in receipt.body and code in receipt.body and "000001" in receipt.body
    assert reverse("complaints_public:track", args=["sumsel"]) in receipt.body
    assert (
        "Antrean <script>alert(1)</script>" in receipt.body and receipt.alternatives == []
    )  # text, not HTML
    assert code not in receipt.subject
    # the code is nowhere else: not in the log, the audit trail or the timeline
    assert code not in caplog.text
    assert not any(code in str(e.changes) for e in AuditEvent.objects.all())
    assert not CaseEvent.objects.filter(reason__contains=code).exists()
    assert CaseEvent.objects.filter(case=case, action="receipt_emailed", public=False).exists()
    # nor the address: the trail and the staff timeline say that it was sent, not where
    assert not CaseEvent.objects.filter(reason__contains="rina").exists()
    assert not any("rina" in str(e.changes) for e in AuditEvent.objects.all())


def test_no_e_mail_for_a_phone_number_or_an_anonymous_complaint(
    units, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _complaint(units, contact="081234567890")
        _complaint(units, contact="", anonymous=True)
    assert mailoutbox == []


def _verified(units, cast, on_commit, then=None):
    """A complaint filed with an e-mail address and verified (its receipt and first status
    e-mail sent); `then(case)` runs in the verification's transaction."""
    with on_commit(execute=True):
        case, code = _complaint(units, received_on=date(2023, 5, 10))
    with on_commit(execute=True):
        case = complaint_step(
            case=case, action="verify", complaint_type="normatif", by=cast["admin"], today=date(2023, 5, 12)
        )
        if then is not None:
            then(case)
    return case, code


def test_each_status_change_is_e_mailed_without_the_code(
    units, cast, mailoutbox, django_capture_on_commit_callbacks
):
    case, code = _verified(units, cast, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        case = complaint_step(case=case, action="respond", reason="Kami periksa", by=cast["admin"])
    receipt, verified, responded = mailoutbox
    assert all(m.to == ["rina@example.org"] for m in mailoutbox)
    for message in (verified, responded):
        assert case.number in message.subject and code not in message.body
        assert "000001" in message.body
    labels = [e.to_state for e in CaseEvent.objects.filter(case=case, action__in=["verify", "respond"])]
    assert len(labels) == 2 and verified.subject != responded.subject  # each names its new status


def test_a_failing_mail_server_never_undoes_the_complaint(
    units, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "zona.cases.tests.test_citizen_mail.Broken"
    with django_capture_on_commit_callbacks(execute=True):
        case, _code = _complaint(units)
    assert Case.objects.filter(pk=case.pk).exists()
    assert not CaseEvent.objects.filter(case=case, action="receipt_emailed").exists()


def test_without_a_mail_server_nothing_with_the_code_goes_to_the_console(
    units, settings, capsys, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        case, code = _complaint(units)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_step(case=case, action="verify", complaint_type="normatif", by=None)
    printed = capsys.readouterr()
    assert code not in printed.out + printed.err and case.number not in printed.out
    assert not CaseEvent.objects.filter(case=case, action__endswith="_emailed").exists()


class Broken:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def _request(units):
    return request_submit(
        unit=units["SUMSEL"],
        name="Budi",
        applicant_type="perorangan",
        address="Jl. Merdeka 1",
        contact="budi@example.org",
        subject="Anggaran 2023",
        information="DIPA 2023",
        purpose="Penelitian",
        obtain_method="salinan_soft",
        delivery="email",
        identity=SimpleUploadedFile("ktp.pdf", PDF),
    )


def test_a_ppid_request_gets_its_receipt(units, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, code = _request(units)
    assert [m.to for m in mailoutbox] == [["budi@example.org"]]
    assert case.number in mailoutbox[0].body and code in mailoutbox[0].body
    assert reverse("ppid_public:track", args=["sumsel"]) in mailoutbox[0].body


def test_a_ppid_extension_e_mail_carries_the_officers_reasons(
    units, cast, mailoutbox, django_capture_on_commit_callbacks
):
    from zona.ppid.services import request_extend

    with django_capture_on_commit_callbacks(execute=True):
        case, _code = _request(units)
    with django_capture_on_commit_callbacks(execute=True):
        request_extend(case=case, reason="Dokumen masih di arsip pusat", by=cast["admin"])
    extended = mailoutbox[-1]
    assert len(mailoutbox) == 2 and "Pesan petugas kepada Anda:\n" in extended.body
    assert "Dokumen masih di arsip pusat" in extended.body


@pytest.mark.parametrize("typed", ["000002", "2", " 000002 "])
def test_the_short_number_with_its_code_finds_the_case_on_its_unit_page(client, units, typed):
    _complaint(units)
    case, code = _complaint(units)
    url = reverse("complaints_public:track", args=["sumsel"])
    page = client.post(url, {"number": typed, "code": code}).content.decode()
    assert case.number in page and "Antrean" in page
    # the short number with another case's code, or on another unit's page, finds nothing
    assert case.number not in client.post(url, {"number": typed, "code": "AAAAAAAAAA"}).content.decode()
    other = reverse("complaints_public:track", args=["jambi"])
    assert case.number not in client.post(other, {"number": typed, "code": code}).content.decode()


def test_the_tracking_form_says_the_short_number_is_enough(client, units):
    page = client.get(reverse("complaints_public:track", args=["sumsel"])).content.decode()
    assert "bagian akhirnya saja (mis. 000002)" in page


def test_the_short_number_picks_the_year_its_code_opens(client, units):
    old, old_code = _complaint(units, received_on=date(2023, 3, 1))
    new, new_code = _complaint(units, received_on=date(2024, 3, 1))
    assert old.seq == new.seq == 1
    url = reverse("complaints_public:track", args=["sumsel"])
    assert old.number in client.post(url, {"number": "000001", "code": old_code}).content.decode()
    assert new.number in client.post(url, {"number": "000001", "code": new_code}).content.decode()


def test_the_status_e_mail_carries_the_officers_message_as_plain_text(
    units, cast, mailoutbox, django_capture_on_commit_callbacks
):
    case, _code = _verified(units, cast, django_capture_on_commit_callbacks)
    reply = "Loket 3 dibuka pukul 08.00 <b>mulai Senin</b> & antrean dibagi dua."
    with django_capture_on_commit_callbacks(execute=True):
        complaint_step(case=case, action="respond", reason=reply, by=cast["admin"])
    _receipt, verified, responded = mailoutbox
    assert "Pesan petugas kepada Anda:\n" + reply in responded.body  # as typed: text, never markup
    assert responded.alternatives == [] and "&lt;b&gt;" not in responded.body
    assert "Pesan petugas" not in verified.body  # a change without a word to the reporter


def test_the_status_e_mail_never_carries_an_internal_note(
    units, cast, mailoutbox, django_capture_on_commit_callbacks
):
    from zona.cases.models import Sender
    from zona.cases.services import case_message

    _verified(
        units,
        cast,
        django_capture_on_commit_callbacks,
        then=lambda case: case_message(
            case=case, sender=Sender.OFFICER, text="Catatan internal: cek CCTV", internal=True
        ),
    )
    assert "CCTV" not in mailoutbox[-1].body
