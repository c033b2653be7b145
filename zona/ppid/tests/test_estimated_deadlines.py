"""A PPID deadline past the last year whose cuti bersama are confirmed (2027 in the pinned holiday
data, SKB 3 Menteri) is an estimate: the extension message to the applicant and the Komisi
Informasi window on the staff page say "perkiraan"; a deadline inside the confirmed years does not."""

from datetime import date

import pytest
from django.urls import reverse

from zona.cases.models import CaseMessage
from zona.ppid import objections
from zona.ppid.models import InformationRequest
from zona.ppid.objections import objection_answer, objection_answer_received, objection_file
from zona.ppid.services import request_extend
from zona.ppid.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("received", "estimated"), [(date(2027, 12, 13), True), (date(2027, 6, 1), False)])
def test_the_extension_message_marks_an_estimated_date(units, officer, received, estimated):
    case, _ = factories.submit(units["SUMSEL"], received)
    today = date.fromordinal(received.toordinal() + 3)
    case = request_extend(case=case, reason="Arsip di gudang", by=officer, today=today)
    assert (case.due_on.year == 2028) is estimated
    message = CaseMessage.objects.filter(case=case).latest("pk").text
    assert f"{case.due_on:%d-%m-%Y}" in message
    assert ("(perkiraan)" in message) is estimated


@pytest.mark.parametrize(("receipt", "estimated"), [(date(2027, 12, 27), True), (date(2027, 6, 21), False)])
def test_the_komisi_informasi_window_is_marked_perkiraan_past_the_confirmed_years(
    client, units, officer, superior, receipt, estimated, monkeypatch
):
    monkeypatch.setattr(objections.timezone, "localdate", lambda *args, **kwargs: receipt)
    received = date(receipt.year, receipt.month - 3, 1)
    case, _ = factories.submit(units["SUMSEL"], received)
    info = InformationRequest.objects.get(case=case)
    objection = objection_file(
        request=info,
        grounds=["c"],
        case_position="Tidak ada jawaban",
        received_on=date(receipt.year, receipt.month - 2, 1),
    )
    objection_answer(
        objection=objection, response="Dijawab", responder="Sekretaris", outcome="ditolak", by=superior,
        responded_on=date(receipt.year, receipt.month, 14),
    )  # fmt: skip
    objection_answer_received(objection=objection, received_on=receipt, by=superior)
    objection.refresh_from_db()
    assert (objection.commission_deadline.year == 2028) is estimated
    client.force_login(officer)
    page = client.get(reverse("ppid:detail", args=[case.pk])).content.decode()
    card = page.split(f'id="objection-{objection.pk}"')[1].split("</div></div>")[0]
    assert "Komisi Informasi" in card
    assert ("perkiraan" in card) is estimated
