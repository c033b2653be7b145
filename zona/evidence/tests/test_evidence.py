"""Evidence files: hashing, sniffing, limits, versions, review, storage (local and S3)."""

import hashlib

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.evidence.models import EvidenceItem, Status
from zona.evidence.services import evidence_add_version, evidence_create_file, evidence_review
from zona.lib.files import FileRejected
from zona.plans.models import Indicator

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_upload_records_hash_size_and_sniffed_type(units, cast):
    item = evidence_create_file(
        unit=units["SUMSEL"], title="SK", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["coordinator"]
    )
    version = item.versions.get()
    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (version.size, version.mime, version.original_name) == (len(PDF), "application/pdf", "sk.pdf")
    assert version.file.name.startswith("evidence/SUMSEL/") and "sk" not in version.file.name.split("/")[-1]
    with version.file.open("rb") as handle:
        assert handle.read() == PDF


def test_a_renamed_executable_is_rejected_by_its_content(units, cast):
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
    with pytest.raises(FileRejected, match="tidak diterima"):
        evidence_create_file(
            unit=units["SUMSEL"],
            title="x",
            upload=SimpleUploadedFile("laporan.pdf", elf),
            by=cast["coordinator"],
        )
    assert EvidenceItem.objects.count() == 0


@override_settings(ZONA_MAX_UPLOAD_MB=1)
def test_the_size_limit_holds(units, cast):
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(FileRejected, match="melebihi batas 1 MB"):
        evidence_create_file(
            unit=units["SUMSEL"], title="x", upload=SimpleUploadedFile("a.pdf", big), by=cast["coordinator"]
        )
    assert EvidenceItem.objects.count() == 0


def test_versions_are_kept_and_a_new_version_needs_a_new_review(units, cast):
    item = evidence_create_file(
        unit=units["SUMSEL"], title="Foto", upload=SimpleUploadedFile("a.png", PNG), by=cast["pic"]
    )
    evidence_review(item=item, verdict=Status.VERIFIED, comment="", by=cast["reviewer"])
    evidence_add_version(item=item, upload=SimpleUploadedFile("b.pdf", PDF), by=cast["pic"])
    item.refresh_from_db()
    assert [v.number for v in item.versions.all()] == [2, 1]
    assert item.status == Status.PENDING
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert set(actions) >= {"evidence.created", "evidence.version_added", "evidence.verified"}


def test_rejecting_needs_a_reason(client, cast, seed_plan):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    item = evidence_create_file(
        unit=seed_plan.unit, title="SK", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["pic"]
    )
    indicator.evidence.add(item)
    client.force_login(cast["reviewer"])
    client.post(reverse("evidence:review", args=[item.pk]), {"verdict": "rejected", "comment": ""})
    item.refresh_from_db()
    assert item.status == Status.PENDING
    client.post(
        reverse("evidence:review", args=[item.pk]),
        {"verdict": "rejected", "comment": "Tidak bertanda tangan"},
    )
    item.refresh_from_db()
    assert (item.status, item.review_comment, item.reviewed_by) == (
        Status.REJECTED,
        "Tidak bertanda tangan",
        cast["reviewer"],
    )


def test_web_upload_with_a_bad_file_shows_an_indonesian_error_and_saves_nothing(client, cast, seed_plan):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    client.force_login(cast["pic"])
    response = client.post(
        reverse("plans:indicator_evidence", args=[indicator.pk]),
        {"title": "x", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 100)},
        follow=True,
    )
    assert "tidak diterima" in response.content.decode()
    response = client.post(
        reverse("plans:indicator_evidence", args=[indicator.pk]),
        {"title": "x" * 301, "url": "https://example.org"},
        follow=True,
    )
    assert "Bukti dukung tidak disimpan" in response.content.decode()
    assert EvidenceItem.objects.count() == 0


@pytest.fixture
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_files_go_to_s3_compatible_storage(units, cast, s3_server, settings, client, seed_plan):
    import boto3

    s3 = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )
    s3.create_bucket(Bucket="zona-test")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "zona-test",
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "signature_version": "s3v4",
                "addressing_style": "path",
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    storages._storages.pop("default", None)
    try:
        item = evidence_create_file(
            unit=units["SUMSEL"], title="SK", upload=SimpleUploadedFile("sk.pdf", PDF), by=cast["coordinator"]
        )
        version = item.versions.get()
        stored = s3.get_object(Bucket="zona-test", Key=version.file.name)["Body"].read()
        assert stored == PDF
        client.force_login(cast["viewer"])
        response = client.get(reverse("evidence:download", args=[version.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        client.force_login(cast["outsider"])
        assert client.get(reverse("evidence:download", args=[version.pk])).status_code == 404
    finally:
        storages._storages.pop("default", None)
