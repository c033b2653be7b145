"""The web import: upload → preview (nothing saved) → confirm (all saved) or a clear error."""

import pytest
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
    assert "tidak dapat diganti" in page and "1 bukti dukung yang ditautkan ke indikator" in page
    assert Plan.objects.get().pk == plan.pk


# A plan whose headers Zona does not know: the user says which column is which.
UNKNOWN = (
    b"Bidang;Sasaran;Tindakan;Kapan\n"
    b"Manajemen Perubahan;Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas;"
    b"Rapat pembentukan tim;Januari 2026\n"
    b"Penguatan Pengawasan;Kebijakan Pengaduan masyarakat telah diimplementasikan;"
    b'"1. Membuka kanal pengaduan\n2. Menindaklanjuti pengaduan";Maret 2026\n'
)
CHOICES = {"col0": "area", "col1": "indicator", "col2": "actions", "col3": "target"}


def test_unknown_columns_are_mapped_previewed_and_the_mapping_kept(client, cast, units):
    from zona.plans.models import ImportMapping

    client.force_login(cast["coordinator"])
    response = upload(client, UNKNOWN, "rencana.csv", units["SUMSEL"], year="2026")
    assert response.status_code == 302 and response["Location"] == reverse("plans:import_mapping")
    page = client.get(reverse("plans:import_mapping")).content.decode()
    assert all(
        f'<label for="col{i}">{h}</label>' in page
        for i, h in enumerate(["Bidang", "Sasaran", "Tindakan", "Kapan"])
    )
    assert "saved-mapping" not in page
    # the live preview (htmx) for the current choices
    live = client.post(reverse("plans:import_mapping_preview"), CHOICES).content.decode()
    assert "2 area, 2 komponen, 2 indikator, 3 langkah aksi" in live and "2 indikator tertaut" in live
    assert Plan.objects.count() == 0 and ImportMapping.objects.count() == 0
    preview = client.post(reverse("plans:import_mapping"), CHOICES).content.decode()
    assert "kolom dipetakan oleh Anda" in preview and "Sasaran → Indikator / pertanyaan LKE" in preview
    saved = ImportMapping.objects.get()
    assert saved.mapping == {
        "area": "Bidang",
        "indicator": "Sasaran",
        "actions": "Tindakan",
        "target": "Kapan",
    }
    client.post(reverse("plans:import_confirm"))
    plan = Plan.objects.get()
    indicators = Indicator.objects.filter(component__area__plan=plan).order_by("component__area__code")
    assert [i.lke_ref for i in indicators] == ["A.I.1.i.a", "A.I.5.iii.a"]
    assert ActionStep.objects.filter(indicator__component__area__plan=plan).count() == 3
    # the next file with these columns: the mapping is filled in
    upload(client, UNKNOWN, "rencana-revisi.csv", units["SUMSEL"], year="2027")
    page = client.get(reverse("plans:import_mapping")).content.decode()
    assert "saved-mapping" in page
    assert '<option value="indicator" selected>' in page and '<option value="area" selected>' in page


def test_a_saved_mapping_is_the_units_own(client, cast, units):
    from zona.plans.services import import_mapping_save

    import_mapping_save(
        unit=units["JAMBI"],
        headers=["Bidang", "Sasaran", "Tindakan", "Kapan"],
        mapping={"indicator": "Sasaran"},
        by=None,
    )
    client.force_login(cast["coordinator"])
    upload(client, UNKNOWN, "rencana.csv", units["SUMSEL"], year="2026")
    page = client.get(reverse("plans:import_mapping")).content.decode()
    assert "saved-mapping" not in page and "selected>" not in page.split("mapping-form")[1].split("</form>")[
        0
    ].replace('value="" ', "")


def test_mapping_without_the_indicator_is_refused(client, cast, units):
    client.force_login(cast["coordinator"])
    upload(client, UNKNOWN, "rencana.csv", units["SUMSEL"], year="2026")
    page = client.post(reverse("plans:import_mapping"), {"col2": "actions"}, follow=True).content.decode()
    assert "Tentukan kolom yang berisi indikator" in page
    assert Plan.objects.count() == 0


def test_flagged_rows_are_listed_and_left_out_on_confirm(client, cast, units):
    from pathlib import Path

    dirty = Path(__file__).parent / "fixtures" / "rencana_kerja_zi_bps_prov_aceh_2025_revisi_awal_kotor.csv"
    client.force_login(cast["coordinator"])
    page = upload(client, dirty.read_bytes(), dirty.name, units["SUMSEL"]).content.decode()
    assert "8 baris tidak akan diimpor" in page
    assert "baris 17, kode_indikator" in page and "baris uji coba" in page
    assert "satu baris atau lebih per pertanyaan LKE" in page and "107 indikator tertaut" in page
    assert Plan.objects.count() == 0
    client.post(reverse("plans:import_confirm"))
    plan = Plan.objects.get()
    assert plan.year == 2025
    assert Indicator.objects.filter(component__area__plan=plan).count() == 107
    assert Indicator.objects.filter(component__area__plan=plan, lke_ref="A.I.2.i.c").count() == 0


CONFLICT = (
    b"RENCANA KERJA ZONA INTEGRITAS TAHUN 2026\n\n"
    b"kode;sub;indikator;langkah aksi;tahun\n"
    b"A.1.I.i;a;Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas;Rapat;2025\n"
)


def test_when_title_and_rows_disagree_the_user_chooses_the_year(client, cast, units):
    client.force_login(cast["coordinator"])
    page = upload(client, CONFLICT, "rencana.csv", units["SUMSEL"]).content.decode()
    assert 'id="year-choice"' in page and 'value="2025"' in page and 'value="2026"' in page
    client.post(reverse("plans:import_confirm"))  # no choice: nothing saved
    assert Plan.objects.count() == 0
    client.post(reverse("plans:import_confirm"), {"year": "1999"})  # not one of the two
    assert Plan.objects.count() == 0
    client.post(reverse("plans:import_confirm"), {"year": "2026"})
    assert Plan.objects.get().year == 2026


def test_the_template_is_downloadable_from_the_import_page(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("plans:import")).content.decode()
    assert reverse("plans:import_template") in page
    response = client.get(reverse("plans:import_template"))
    assert (
        response["Content-Type"].startswith("application/vnd.openxmlformats")
        and response.content[:2] == b"PK"
    )


def test_the_import_page_lists_every_format_it_reads(client, cast):
    """Scanned PDFs, XLS and ODS are read too (docs/importing.md, "Formats"): the page says so."""
    client.force_login(cast["coordinator"])
    page = client.get(reverse("plans:import")).content.decode()
    for shown in ("DOCX", "XLSX, XLS, ODS, CSV", "PDF berteks atau hasil pindaian", "dibaca dengan OCR"):
        assert shown in page


def test_cli_map_and_json(db, capsys, tmp_path):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "rencana.csv"
    path.write_bytes(UNKNOWN)
    with pytest.raises(CommandError, match="--map"):
        call_command("import_plan", str(path), "--unit", "X", "--dry-run")
    call_command(
        "import_plan", str(path), "--unit", "X", "--dry-run", "--format", "json", "--year", "2026",
        "--map", "indicator=Sasaran", "--map", "actions=Tindakan",
        "--map", "area=Bidang", "--map", "target=Kapan",
    )  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["layout"] == "lke_text" and data["columns"]["indicator"] == "Sasaran"
    assert data["lke_links"] == {"linked": 2, "unlinked": []}
    assert data["areas"][1]["components"][0]["indicators"][0]["actions"] == [
        "Membuka kanal pengaduan",
        "Menindaklanjuti pengaduan",
    ]
    with pytest.raises(CommandError, match="BIDANG=KOLOM"):
        call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--map", "indicator")


def test_cli_year_conflict_needs_year(db, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "rencana.csv"
    path.write_bytes(CONFLICT)
    with pytest.raises(CommandError, match="--year"):
        call_command("import_plan", str(path), "--unit", "X", "--dry-run")
    call_command("import_plan", str(path), "--unit", "X", "--dry-run", "--year", "2026")


def test_cli_lists_left_out_rows(db, capsys):
    from pathlib import Path

    from django.core.management import call_command

    dirty = Path(__file__).parent / "fixtures" / "rencana_kerja_zi_bps_prov_aceh_2025_revisi_awal_kotor.csv"
    call_command("import_plan", str(dirty), "--unit", "X", "--dry-run")
    captured = capsys.readouterr()
    assert captured.err.count("tidak diimpor: baris") == 8
    assert "107 tertaut ke pertanyaan LKE, 8 baris tidak diimpor" in captured.out


def test_the_preview_lists_each_repeated_header_row_with_its_reason(client, cast, units):
    from zona.plans.tests.test_import_rows import HEADER, IKU_PLAN, as_csv

    client.force_login(cast["coordinator"])
    rows = [*IKU_PLAN[:4], HEADER, ["1", "2", "3", "4", "5", "6", "7"], *IKU_PLAN[4:]]
    page = upload(client, as_csv(rows), "rencana.csv", units["SUMSEL"]).content.decode()
    listed = page[page.index('id="repeats-skipped"') :].split("</div>", 1)[0]
    assert "2 baris bukan data dan dilewati" in listed
    assert "baris 5: judul kolom berulang, bukan data" in listed
    assert "baris 6: baris penomoran kolom (1, 2, 3, …), bukan data" in listed
