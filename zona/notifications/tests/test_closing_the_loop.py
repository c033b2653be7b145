"""Rejected evidence and LKE answers sent back are told to the uploader (or answerer) and the
unit's coordinators, in Zona and by e-mail, once per rejection or send-back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.evidence.models import Status
from zona.evidence.services import evidence_add_version, evidence_create_file, evidence_review
from zona.lke.models import Level
from zona.lke.review import assessment_return, assessment_submit
from zona.lke.services import answer_save, assessment_create
from zona.notifications.models import Notification

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def mailed(cast):
    for user, address in ((cast["pic"], "pic@example.org"), (cast["coordinator"], "koor@example.org")):
        user.email = address
        user.save(update_fields=["email"])
    for user in (cast["admin"], cast["child"], cast["outsider"]):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])


def test_rejected_evidence_is_told_to_its_uploader_and_the_coordinator(
    units, cast, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    item = evidence_create_file(
        unit=units["SUMSEL"],
        title="SK Tim <b>ZI</b>",
        upload=SimpleUploadedFile("sk.pdf", PDF),
        by=cast["pic"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_review(
            item=item, verdict=Status.REJECTED, comment="Belum ditandatangani", by=cast["reviewer"]
        )
    told = Notification.objects.filter(key__startswith=f"evidence-{item.pk}-rejected")
    assert sorted(n.user.username for n in told) == ["koordinator", "pic"]  # not the admin, not Palembang
    assert all("SK Tim <b>ZI</b>" in n.text and "Belum ditandatangani" in n.text for n in told)
    assert sorted(m.to[0] for m in mailoutbox) == ["koor@example.org", "pic@example.org"]
    message = mailoutbox[0]
    assert "ditolak" in message.subject and "Belum ditandatangani" in message.body
    assert message.alternatives == []  # plain text: the title stays text, never markup
    assert all(n.emailed for n in told)

    # a new version, rejected again: told again (a new rejection), the first notices stay once
    evidence_add_version(
        item=item, upload=SimpleUploadedFile("sk2.pdf", PDF + b"%2"), by=cast["area_coordinator"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_review(item=item, verdict=Status.REJECTED, comment="Masih salah", by=cast["reviewer"])
    latest = Notification.objects.filter(text__contains="Masih salah")
    assert sorted(n.user.username for n in latest) == ["koor_area", "koordinator", "pic"]
    assert len(mailoutbox) == 4  # koor_area has no address: told in Zona only


def test_verified_evidence_tells_nobody(units, cast, mailed, mailoutbox, django_capture_on_commit_callbacks):
    item = evidence_create_file(
        unit=units["SUMSEL"], title="SK", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["pic"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        evidence_review(item=item, verdict=Status.VERIFIED, comment="", by=cast["reviewer"])
    assert Notification.objects.count() == 0 and mailoutbox == []


def test_lke_answers_sent_back_are_told_to_their_answerer_and_the_coordinator(
    client, units, cast, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    assessment = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.a", raw="Ya", by=cast["coordinator"])
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=cast["pic"])
    assessment_submit(assessment=assessment, by=cast["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        assessment_return(
            assessment=assessment, refs=["A.I.1.i.b"], note="Lampirkan bukti seleksi", by=cast["reviewer"]
        )
    told = Notification.objects.filter(key=f"lke-{assessment.pk}-returned-2")
    assert sorted(n.user.username for n in told) == ["koordinator", "pic"]
    text = told.first().text
    assert "A.I.1.i.b" in text and "Lampirkan bukti seleksi" in text and "2023" in text
    assert sorted(m.to[0] for m in mailoutbox) == ["koor@example.org", "pic@example.org"]
    assert "Lampirkan bukti seleksi" in mailoutbox[0].body
    assert reverse("lke:detail", args=[assessment.pk]) in mailoutbox[0].body

    # the PIC sees it in Zona, with the link to the assessment
    client.force_login(cast["pic"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Lampirkan bukti seleksi" in page and reverse("lke:detail", args=[assessment.pk]) in page
