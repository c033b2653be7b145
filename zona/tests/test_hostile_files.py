"""The hostile-file corpus: every bomb and malformed file found probing Zona, and more, sent
through every entry point that reads an uploaded or imported file — the five import pages and
the five `zona` commands (the JSON API accepts no file). Each is answered with a clear
Indonesian message and nothing saved, never a server error; the parse, where one runs, stays
under 300 MB (the child's peak) and the configured time.

Files are generated once per session (zona/lib/tests/hostile.py) at a tenth of the size that
bench/hostile.py measures, with the limits they break lowered tenfold for these tests (LIMITS):
each file still breaks its limit by the same factor and meets the same check in the same place
(bombs of 30 MB against 10 MB unpacked instead of 1 GB against 100 MB, 10,000 runs of one
character against 3,000 characters a cell, 200 pages against 30, a 5 MB line against 2 MB)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from zona.lib.readers import isolate
from zona.lib.tests import hostile
from zona.lke.models import Answer
from zona.lke.services import assessment_create
from zona.orgs.models import Unit
from zona.plans.models import Plan
from zona.registers.models import Entry
from zona.risks.models import Risk
from zona.risks.services import register_open
from zona.surveys.models import Response
from zona.surveys.tests.factories import make_survey

PEAK_MB = 300
HANG_SECONDS = 20  # far above the refusals measured by bench/hostile.py (all under 5 s)
SPREADSHEETS = {".csv", ".xlsx", ".xls", ".ods"}
# The limits these tests read (settings), each a tenth of its default, and the corpus's sizes
# scaled with them (the builders' argument: megabytes, runs, pages).
LIMITS = {
    "ZONA_MAX_UPLOAD_MB": 2,
    "ZONA_READ_MAX_UNPACKED_MB": 10,
    "ZONA_READ_MAX_CELL_CHARS": 3_000,
    "ZONA_READ_MAX_PAGES": 30,
}
SMALLER = {
    "docx-zip-bomb": 30,
    "docx-100000-runs": 10_000,
    "pdf-2000-pages": 200,
    "pdf-flate-bomb": 30,
    "csv-50mb-line": 5,
    "csv-5mb-cell": 1,
    "csv-5mb-wide-line": 1,
    "ods-zip-bomb": 30,
}
# The words of the refusal, for the entry points that read the file's type (the bombs and the
# oversized file are refused before the type matters). None: the file is read by its data (a
# declared grid is not materialised) and the importer answers with its own message.
EXPECTED = {
    "xlsx-declared-grid": None,
    "xlsx-declared-200-columns": None,
    "xlsx-far-corner": "berisi data di baris 1.048.576; batasnya 100.000 baris",
    "xlsx-nested-xml": "bersarang lebih dari 256 tingkat",
    "docx-zip-bomb": "30 MB; batasnya 10 MB",
    "docx-100000-runs": "10.000 karakter; batasnya 3.000 karakter",
    "docx-nested-xml": "bersarang lebih dari 256 tingkat",
    "pdf-2000-pages": "200 halaman; batasnya 30 halaman",
    "pdf-flate-bomb": "lebih dari 10 MB (bom kompresi)",
    "pdf-without-mediabox": "tanpa ukuran, MediaBox",
    "csv-50mb-line": "5,0 MB; batasnya 2 MB",
    "csv-5mb-cell": "karakter lebih dari batas 3.000",
    "csv-5mb-wide-line": "berisi data di kolom ke-524.288; batasnya 500 kolom",
    "xls-declared-rows": None,
    "ods-zip-bomb": "30 MB; batasnya 10 MB",
    "ods-repeated": "berisi data di kolom ke-16.384; batasnya 500 kolom",
}
BEFORE_TYPE = {"docx-zip-bomb", "ods-zip-bomb", "csv-50mb-line"}


@pytest.fixture(autouse=True)
def lowered_limits(settings):
    for name, value in LIMITS.items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def corpus() -> dict[str, tuple[str, bytes]]:
    files = {}
    for name, build in hostile.CORPUS.items():
        files[name] = build(SMALLER[name]) if name in SMALLER else build()
    assert set(files) == set(EXPECTED)
    return files


def expected(name: str, filename: str, accepts: set[str] | None) -> str | None:
    if name in BEFORE_TYPE or accepts is None or Path(filename).suffix in accepts:
        return EXPECTED[name]
    return None


def through(send, corpus, accepts: set[str] | None, saved) -> None:
    """Each file through one entry point: `send(filename, data)` returns the text shown."""
    failures = []
    for name, (filename, data) in corpus.items():
        isolate.last.run = isolate.Run()
        started = time.monotonic()
        shown = send(filename, data)
        elapsed = time.monotonic() - started
        want = expected(name, filename, accepts)
        if want is not None and want not in shown:
            failures.append(f"{name}: {want!r} not in {shown[:300]!r}")
        if "Traceback" in shown or "Server Error" in shown or not shown.strip():
            failures.append(f"{name}: no clear message: {shown[:300]!r}")
        if elapsed > HANG_SECONDS or isolate.last.run.peak_mb > PEAK_MB:
            failures.append(f"{name}: {elapsed:.1f} s, {isolate.last.run.peak_mb:.0f} MB")
        if saved():
            failures.append(f"{name}: something was saved")
    assert failures == []


def _page(response) -> str:
    assert response.status_code < 500
    return response.content.decode()


def test_the_plan_import_page(client, cast, units, corpus):
    client.force_login(cast["coordinator"])

    def send(filename, data):
        form = {"file": SimpleUploadedFile(filename, data), "unit": units["SUMSEL"].pk}
        page = _page(client.post(reverse("plans:import"), form))
        assert "Simpan rencana ini" not in page
        return page

    through(send, corpus, None, lambda: Plan.objects.exists())


def test_the_lke_sheet_page(client, cast, units, corpus):
    assessment = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    client.force_login(cast["coordinator"])

    def send(filename, data):
        url = reverse("lke:sheet", args=[assessment.pk])
        return _page(client.post(url, {"file": SimpleUploadedFile(filename, data)}))

    through(send, corpus, SPREADSHEETS, lambda: Answer.objects.exists())


def test_the_register_import_page(client, cast, units, corpus):
    client.force_login(cast["coordinator"])
    url = reverse("registers:import", args=[units["SUMSEL"].slug, "pelatihan"])

    def send(filename, data):
        return _page(client.post(url, {"file": SimpleUploadedFile(filename, data)}, follow=True))

    through(send, corpus, SPREADSHEETS, lambda: Entry.objects.exists())


def test_the_risk_import_page(client, cast, units, corpus):
    register_open(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    url = reverse("risks:import", args=[units["SUMSEL"].slug, 2023])

    def send(filename, data):
        return _page(client.post(url, {"file": SimpleUploadedFile(filename, data)}, follow=True))

    through(send, corpus, SPREADSHEETS, lambda: Risk.objects.exists())


def test_the_survey_upload_page(client, cast, units, corpus):
    survey = make_survey(units["SUMSEL"], cast["coordinator"])
    client.force_login(cast["coordinator"])
    url = reverse("surveys:upload", args=[survey.pk])

    def send(filename, data):
        return _page(client.post(url, {"file": SimpleUploadedFile(filename, data)}, follow=True))

    through(send, corpus, SPREADSHEETS, lambda: Response.objects.exists())


def _command(tmp_path, *args):
    def send(filename, data):
        path = tmp_path / filename
        path.write_bytes(data)
        try:
            call_command(*args[:1], *[str(path) if a == "FILE" else a for a in args[1:]])
        except CommandError as exc:
            return str(exc)
        finally:
            path.unlink()
        return ""

    return send


@pytest.mark.parametrize(
    ("args", "accepts"),
    [
        (("import_plan", "FILE", "--unit", "SUMSEL", "--year", "2023"), None),
        (("lke", "import", "FILE", "--unit", "SUMSEL", "--year", "2023"), SPREADSHEETS),
        (("lke", "score", "FILE"), SPREADSHEETS),
        (("load_units", "FILE"), SPREADSHEETS),
        (("ikm", "FILE"), SPREADSHEETS),
    ],
    ids=["import-plan", "lke-import", "lke-score", "load-units", "ikm"],
)
def test_the_zona_commands(args, accepts, units, corpus, tmp_path):
    units_before = Unit.objects.count()
    through(
        _command(tmp_path, *args),
        corpus,
        accepts,
        lambda: Plan.objects.exists() or Answer.objects.exists() or Unit.objects.count() != units_before,
    )
