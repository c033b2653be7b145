"""The web import: upload → preview (nothing saved) → confirm (all saved) or a clear error."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.plans.models import ActionStep, Indicator, Plan


def upload(client, data: bytes, name: str, unit, **extra):
    return client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile(name, data), "unit": unit.pk, **extra}
    )


def test_preview_then_confirm(client, cast, units, seed_bytes):
    client.force_login(cast["coordinator"])
    response = upload(client, seed_bytes, "sk.md", units["SUMSEL"])
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 area, 22 komponen, 43 indikator" in page
    assert "AMRAH MUSLIMIN" in page and "bukan periode kalender" in page
    assert Plan.objects.count() == 0
    response = client.post(reverse("plans:import_confirm"))
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("plans:detail", args=[plan.pk])
    assert Indicator.objects.filter(component__area__plan=plan).count() == 43
    assert ActionStep.objects.filter(indicator__component__area__plan=plan).count() == 50
    assert AuditEvent.objects.filter(action="plan.imported", actor=cast["coordinator"]).exists()
    # the preview is used once
    response = client.post(reverse("plans:import_confirm"), follow=True)
    assert "unggah berkas lagi" in response.content.decode()


def test_a_broken_file_shows_where_and_why(client, cast, units):
    client.force_login(cast["coordinator"])
    data = b"| NO | KOMPONEN | INDIKATOR | LANGKAH AKSI |\n|--|--|--|--|\n| 1 | Tim | Ind | Aksi |\n"
    page = upload(client, data, "x.md", units["SUMSEL"]).content.decode()
    assert "tidak dapat diimpor" in page and "baris 3" in page and "sebelum judul area" in page
    assert Plan.objects.count() == 0


def test_a_unit_the_user_cannot_manage_is_not_offered(client, cast, units, seed_bytes):
    client.force_login(cast["coordinator"])
    response = upload(client, seed_bytes, "sk.md", units["JAMBI"])
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert Plan.objects.count() == 0


def test_replacing_is_refused_once_evidence_exists(client, cast, units, seed_plan, seed_bytes):
    from zona.evidence.models import EvidenceItem

    client.force_login(cast["coordinator"])
    upload(client, seed_bytes, "sk.md", units["SUMSEL"], replace="on")
    client.post(reverse("plans:import_confirm"))
    assert Plan.objects.get().pk != seed_plan.pk  # a draft without evidence is replaced
    plan = Plan.objects.get()
    item = EvidenceItem.objects.create(unit=units["SUMSEL"], title="x", kind="link", url="https://e.org")
    Indicator.objects.filter(component__area__plan=plan).first().evidence.add(item)
    upload(client, seed_bytes, "sk.md", units["SUMSEL"], replace="on")
    page = client.post(reverse("plans:import_confirm")).content.decode()
    assert "sudah memiliki bukti dukung" in page
    assert Plan.objects.get().pk == plan.pk
