"""The proposal package: what it holds, where each evidence file goes, and `zona package verify`
against its manifest (a changed byte, a removed file and an added file each named)."""

import io
import json
import shutil
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import make_user
from zona.cli import main as zona_main
from zona.evidence.models import RESTRICTIONS, EvidenceVersion
from zona.lke.models import Level
from zona.lke.services import answer_save
from zona.orgs.models import Level as UnitLevel
from zona.orgs.models import Role
from zona.orgs.services import unit_create
from zona.proposal.package import MANIFEST, Package, package_build, safe_segment
from zona.proposal.services import proposal_details_save
from zona.proposal.verify import package_verify

from .factories import evidence, filed_assessment

AREA = "Bukti dukung/1. Manajemen Perubahan/1.a Penyusunan Tim Kerja/"


@pytest.fixture
def assessment(units, cast):
    return filed_assessment(units, cast)


def built(assessment, person, tmp_path) -> Path:
    path = tmp_path / "paket.zip"
    with package_build(assessment, person) as handle, open(path, "wb") as target:
        shutil.copyfileobj(handle, target)
    return path


@pytest.fixture(scope="module")
def package_file(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """One package of the standard assessment, built once for the tests that only read it (or a
    copy of it): its data is rolled back at once, the ZIP stays."""
    folder = tmp_path_factory.mktemp("package")
    with django_db_blocker.unblock(), transaction.atomic():
        ri = unit_create(code="RI", name="KPU RI", level=UnitLevel.NATIONAL)
        sumsel = unit_create(
            code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=UnitLevel.PROVINCE, parent=ri
        )
        cast = {
            "coordinator": make_user("koordinator", sumsel, Role.COORDINATOR),
            "reviewer": make_user("tpi", sumsel, Role.REVIEWER, descendants=True),
        }
        path = built(filed_assessment({"RI": ri, "SUMSEL": sumsel}, cast), cast["coordinator"], folder)
        transaction.set_rollback(True)
    return path


@pytest.fixture
def package_copy(package_file, tmp_path) -> Path:
    """A copy of the shared package that a test may change."""
    return Path(shutil.copy(package_file, tmp_path / package_file.name))


# A test of the shared package is marked as a database test although it reads none: pytest-django
# creates the test database only for a run that holds such a test, and the package is built there.
shared_package = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_package_holds_the_lke_the_report_the_letters_and_the_evidence_by_lke_code(
    assessment, cast, tmp_path
):
    proposal_details_save(
        assessment=assessment,
        by=cast["coordinator"],
        head_name="Dra. Siti Aminah, M.Si.",
        head_nip="197001011995032001",
        head_position="Ketua KPU Provinsi Sumatera Selatan",
        address="Jl. Kapten A. Rivai No. 1, Palembang",
        city="Palembang",
        letter_number="123/PL.01-SD/16/2023",
    )
    path = built(assessment, cast["coordinator"], tmp_path)
    archive = zipfile.ZipFile(path)
    names = archive.namelist()
    assert names[-1] == MANIFEST
    manifest = json.loads(archive.read(MANIFEST))
    assert [f["path"] for f in manifest["files"]] == names[:-1]
    assert (manifest["unit"]["code"], manifest["year"], manifest["predicate"]) == ("SUMSEL", 2023, "WBK")
    # the evidence: one folder per area and sub-area (Pemenuhan, Reform, Hasil), named by LKE code
    assert f"{AREA}A.I.1.i.a SK Tim.pdf" in names and f"{AREA}A.I.1.i.a SK Tim (2).pdf" in names
    assert (
        "Bukti dukung/1. Manajemen Perubahan/Reform 1.a Komitmen dalam Perubahan/A.II.1.i.a komitmen.pdf"
        in names
    )
    assert any(
        n.startswith("Bukti dukung/B. Komponen Hasil/B.1.a Nilai Survei Persepsi Korupsi") for n in names
    )
    for row in (f for f in manifest["files"] if f["kind"] == "evidence"):
        version = EvidenceVersion.objects.get(item_id=row["evidence"])
        assert (row["sha256"], row["size"]) == (version.sha256, version.size), row["path"]
        assert archive.read(row["path"]) == version.file.open("rb").read()
    # the LKE in its spreadsheet layout, with the TPI's answers
    book = load_workbook(io.BytesIO(archive.read("LKE SUMSEL 2023.xlsx")))
    assert any(r[0] == "A.I.1.i.b" and r[6] == "B" for r in book["LKE"].iter_rows(values_only=True))
    # the LHE drafted from the TPI's notes, as DOCX and PDF
    report = docx_text(archive.read("LHE TPI SUMSEL 2023.docx"))
    assert "SK lengkap, ditandatangani." in report and "Hanya sebagian anggota." in report
    assert "LAPORAN HASIL EVALUASI" in report
    assert archive.read("LHE TPI SUMSEL 2023.pdf").startswith(b"%PDF")
    # the letters drafted from the unit's data
    letter = docx_text(archive.read("Surat usulan SUMSEL 2023.docx"))
    for text in (
        "123/PL.01-SD/16/2023",
        "Jl. Kapten A. Rivai No. 1, Palembang",
        "Dra. Siti Aminah, M.Si.",
        "WBK",
    ):
        assert text in letter, text
    score = f"{assessment.scores['mandiri']['total']:.2f}".replace(".", ",")  # the TPI's review is incomplete
    assert "Tahun 2023" in letter and f"nilai {score} (hasil penilaian mandiri; evaluasi" in letter
    statement = docx_text(archive.read("SPTJM SUMSEL 2023.docx"))
    assert "SURAT PERNYATAAN TANGGUNG JAWAB MUTLAK" in statement and "197001011995032001" in statement
    assert package_verify(path).ok
    # no entry climbs out of the package's folder (one evidence file was named "../../etc/SK Tim.pdf")
    for name in names:
        parts = name.split("/")
        assert not name.startswith("/") and "\\" not in name
        assert all(part and not part.startswith(".") for part in parts), name


def test_a_file_gone_from_storage_refuses_the_build_naming_the_evidence(assessment, cast):
    from zona.evidence.exports import ExportRefused

    version = EvidenceVersion.objects.get(item__title="Komitmen")
    version.file.storage.delete(version.file.name)
    with pytest.raises(ExportRefused, match="“Komitmen” \\(A.II.1.i.a\\)"):
        package_build(assessment, cast["coordinator"])


def test_letters_without_the_units_data_say_what_is_missing(assessment, cast, tmp_path):
    archive = zipfile.ZipFile(built(assessment, cast["viewer"], tmp_path))
    letter = docx_text(archive.read("Surat usulan SUMSEL 2023.docx"))
    assert "Nomor: …………………………" in letter and "KPU Provinsi Sumatera Selatan" in letter


def test_restricted_evidence_is_packed_only_for_who_may_read_it(assessment, units, cast, tmp_path):
    secret = evidence(units["SUMSEL"], cast["coordinator"], "Dokumen dikecualikan", "rahasia.pdf")
    secret.restricted_to = RESTRICTIONS[0]
    secret.save()
    answer = assessment.answers.get(level=Level.SELF, ref="A.I.1.i.a")
    answer.evidence.add(secret)
    manifest = json.loads(zipfile.ZipFile(built(assessment, cast["viewer"], tmp_path)).read(MANIFEST))
    assert not any("rahasia" in f["path"] for f in manifest["files"])
    assert manifest["withheld_restricted"] == 1


def test_links_are_listed_in_the_manifest(assessment, units, cast, tmp_path):
    from zona.evidence.services import evidence_create_link

    link = evidence_create_link(
        unit=units["SUMSEL"], title="Laman ZI", url="https://zi.example.go.id/", by=cast["coordinator"]
    )
    assessment.answers.get(level=Level.SELF, ref="A.I.1.i.a").evidence.add(link)
    manifest = json.loads(zipfile.ZipFile(built(assessment, cast["viewer"], tmp_path)).read(MANIFEST))
    assert manifest["links"] == [
        {"ref": "A.I.1.i.a", "title": "Laman ZI", "url": "https://zi.example.go.id/"}
    ]


def rewritten(source: Path, target: Path, change) -> Path:
    """A copy of the package with its members passed through `change(name, data)` (None drops one),
    plus whatever `change` returns for the name "+" (an added member)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
        extra = change("+", b"")
        if extra:
            new.writestr(*extra)
    return target


PDF_NAME = f"{AREA}A.I.1.i.a SK Tim.pdf"


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (lambda n, d: (d[:-2] + bytes([d[-2] ^ 1]) + d[-1:]) if n == PDF_NAME else d, f"berubah: {PDF_NAME}"),
        (lambda n, d: None if n == PDF_NAME else d, f"hilang: {PDF_NAME}"),
        (
            lambda n, d: ("Bukti dukung/tambahan.pdf", b"%PDF-1.4") if n == "+" else d,
            "tambahan: Bukti dukung/tambahan.pdf",
        ),
        (lambda n, d: None if n == MANIFEST else d, "manifest.json"),
    ],
    ids=["changed byte", "removed file", "added file", "no manifest"],
)
@shared_package
def test_verify_names_every_changed_missing_or_extra_file(package_file, tmp_path, change, line):
    path = package_file
    call_command("package", "verify", str(path))
    broken = rewritten(path, tmp_path / "rusak.zip", change)
    with pytest.raises(CommandError) as failure:
        call_command("package", "verify", str(broken))
    assert line in str(failure.value)
    assert str(failure.value).count("\n") == 0  # only that file is named


@shared_package
def test_verify_finds_a_byte_changed_inside_the_zip_itself(package_copy):
    """A flipped byte in the stored file (the archive's own check fails on reading it)."""
    path = package_copy
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(PDF_NAME)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF
    path.write_bytes(bytes(data))
    verdict = package_verify(path)
    assert verdict.changed == [PDF_NAME] and not verdict.missing and not verdict.extra


def zona(*args: str) -> tuple[int, str, str]:
    """`zona ARGS` as the console script runs it (zona.cli.main, the exit status from SystemExit),
    in this process: its exit status, standard output and standard error. Django's setup, which the
    command repeats, leaves this process's logging as it was (not pointed at the captured streams)."""
    out, err = io.StringIO(), io.StringIO()
    keep_logging = mock.patch("django.utils.log.configure_logging")
    with keep_logging, redirect_stdout(out), redirect_stderr(err):
        try:
            status = zona_main(["zona", *args])
        except SystemExit as exit:
            status = exit.code
    return status, out.getvalue(), err.getvalue()


@shared_package
def test_the_zona_command_exits_0_with_the_count_and_1_naming_the_file(package_file, tmp_path):
    path = package_file
    ok = zona("package", "verify", str(path))
    count = len(zipfile.ZipFile(path).namelist()) - 1
    assert (ok[0], ok[1].strip()) == (0, f"OK, {count} berkas")
    broken = rewritten(path, tmp_path / "rusak.zip", lambda n, d: None if n in ("+", PDF_NAME) else d)
    status, _out, err = zona("package", "verify", str(broken))
    assert status == 1 and f"hilang: {PDF_NAME}" in err
    junk = tmp_path / "bukan.zip"
    junk.write_bytes(b"bukan zip")
    status, _out, err = zona("package", "verify", str(junk))
    assert status == 1 and "ZIP" in err


@given(st.text(max_size=200))
def test_a_path_segment_never_leaves_its_folder(text):
    segment = safe_segment(text)
    assert segment and len(segment) <= 80
    assert not {"/", "\\", "\x00", ":"} & set(segment)
    assert not segment.startswith((".", " ")) and not segment.endswith((".", " "))
    assert segment.split(".")[0].upper() not in {"CON", "NUL", "AUX", "PRN"}


@given(st.lists(st.sampled_from(["a.pdf", "A.pdf", "a (2).pdf", "b", "manifest.json"]), max_size=12))
def test_names_in_a_folder_are_unique_whatever_the_case(names):
    package = Package(io.BytesIO())
    folder = [package.unique("", name) for name in names]
    assert len({n.lower() for n in folder}) == len(folder) and MANIFEST not in folder


def test_an_unreadable_answer_scores_nothing_in_the_report(assessment, cast):
    from zona.proposal.sources import lhe_rows

    answer_save(
        assessment=assessment, level=Level.TPI, ref="A.I.1.ii.a", raw="Ya", note="", by=cast["reviewer"]
    )
    assessment.answers.filter(level=Level.TPI, ref="A.I.1.ii.a").update(value="??")
    rows = {row.ref: row for row in lhe_rows(assessment, cast["reviewer"])}
    assert rows["A.I.1.ii.a"].score is None and rows["A.I.1.i.b"].note == "Hanya sebagian anggota."


def test_a_report_past_the_pdf_page_limit_refuses_the_build_with_its_pages(assessment, cast):
    from zona.evidence.exports import ExportRefused

    long = "Bukti dukung belum lengkap untuk seluruh bidang. " * 90  # a note of 4,410 characters
    assessment.answers.filter(level=Level.TPI).update(note=long)  # the report: 4 pages
    with pytest.raises(
        ExportRefused, match="Laporan TPI akan berisi [0-9]+ halaman sebagai PDF; batasnya 1 halaman"
    ):
        package_build(assessment, cast["coordinator"], max_pages=1)


def test_a_manifest_too_big_to_be_one_is_not_read(tmp_path):
    path = tmp_path / "besar.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, b" " * (51 * 1024 * 1024))  # 51 MB of spaces, 50 KB packed
    verdict = package_verify(path)
    assert not verdict.ok and "manifest.json > 50 MB" in verdict.problem


def test_every_sub_component_of_the_lke_has_a_folder_of_its_own_under_its_area():
    from zona.lke.instrument import LIBRARIES, load
    from zona.proposal.package import evidence_folder

    instrument = load(next(LIBRARIES.glob("*.yaml")))
    folders = {group.ref: evidence_folder(instrument, group) for group in instrument.groups()}
    assert len(set(folders.values())) == len(folders) == 45
    assert (
        folders["A.I.6.v"] == "6. Peningkatan Kualitas Pelayanan Publik/6.e Pemanfaatan Teknologi Informasi"
    )
    assert (
        folders["A.II.3.iii"]
        == "3. Penataan Sistem Manajemen SDM Aparatur/Reform 3.c Pelanggaran Disiplin Pegawai"
    )
    assert folders["B.2.a"].startswith("B. Komponen Hasil/B.2.a Nilai Persepsi Kualitas Pelayanan")
    assert all("x " not in folder.split("/")[1][:4] for folder in folders.values())
