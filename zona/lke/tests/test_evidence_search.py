"""An answer's evidence is found by searching the unit's files by name, by the plan indicator or
action step it proves, or by date, a page at a time; only the unit's managers search, and only
the unit's files that every role of the unit may read are found."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zona.evidence.models import RESTRICTIONS, EvidenceItem
from zona.evidence.services import evidence_create_file
from zona.lke.models import Level
from zona.lke.selectors import SEARCH_PAGE, evidence_search
from zona.lke.services import answer_save, assessment_create
from zona.plans.models import Indicator

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(unit, by, title, effective_date=None, restricted_to=""):
    return evidence_create_file(
        unit=unit,
        title=title,
        upload=SimpleUploadedFile("f.pdf", PDF),
        by=by,
        effective_date=effective_date,
        restricted_to=restricted_to,
    )


@pytest.fixture
def assessment(units, cast):
    return assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])


def titles(page) -> set[str]:
    return {item.title for item in page}


def test_search_by_name_indicator_step_and_date(assessment, units, cast, seed_plan):
    by = cast["coordinator"]
    decree = upload(units["SUMSEL"], by, "SK penetapan", date(2023, 1, 31))
    minutes = upload(units["SUMSEL"], by, "Notula rapat")
    photo = upload(units["SUMSEL"], by, "Foto kegiatan")
    upload(units["JAMBI"], by, "SK penetapan Jambi")  # another unit's file
    upload(units["SUMSEL"], by, "SK penetapan rahasia", restricted_to=RESTRICTIONS[0])  # readable by few
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).exclude(steps=None).first()
    indicator.evidence.add(minutes)
    step = indicator.steps.first()
    assert titles(evidence_search(assessment, "penetapan", 1, set())) == {"SK penetapan"}
    assert titles(evidence_search(assessment, indicator.text[:25], 1, set())) == {"Notula rapat"}
    assert titles(evidence_search(assessment, step.text[:25], 1, set())) == {"Notula rapat"}
    for typed in ("31/01/2023", "31-01-2023", "2023-01-31"):
        assert titles(evidence_search(assessment, typed, 1, set())) == {"SK penetapan"}, typed
    assert titles(evidence_search(assessment, "2023", 1, set())) == {"SK penetapan"}
    assert titles(evidence_search(assessment, "", 1, set())) == {
        "SK penetapan",
        "Notula rapat",
        "Foto kegiatan",
    }
    # a file already chosen for the answer is not offered again
    assert titles(evidence_search(assessment, "", 1, {decree.pk, photo.pk})) == {"Notula rapat"}


def test_results_are_paged(assessment, units, cast):
    for number in range(SEARCH_PAGE + 3):
        upload(units["SUMSEL"], cast["coordinator"], f"Bukti {number:02d}")
    first = evidence_search(assessment, "bukti", 1, set())
    second = evidence_search(assessment, "bukti", 2, set())
    assert len(first) == SEARCH_PAGE and len(second) == 3 and not titles(first) & titles(second)


def queries(client, assessment, n_files, units, cast) -> int:
    for number in range(n_files):
        upload(units["SUMSEL"], cast["coordinator"], f"Laporan {number}")
    url = reverse("lke:evidence_search", args=[assessment.pk])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"ref": "A.I.1.i.a", "q": "laporan"}).status_code == 200
    EvidenceItem.objects.filter(title__startswith="Laporan").delete()
    return len(captured)


def test_the_search_costs_the_same_for_one_file_or_ten(client, assessment, units, cast):
    client.force_login(cast["coordinator"])
    assert queries(client, assessment, 1, units, cast) == queries(client, assessment, 10, units, cast)


def test_the_endpoint_answers_only_the_units_managers(client, assessment, units, cast):
    item = upload(units["SUMSEL"], cast["coordinator"], "SK penetapan tim")
    url = reverse("lke:evidence_search", args=[assessment.pk])
    for role, status in (
        ("coordinator", 200),
        ("admin", 200),
        ("viewer", 403),
        ("reviewer", 403),
        ("outsider", 404),
        ("no_role", 404),
    ):
        client.force_login(cast[role])
        response = client.get(url, {"ref": "A.I.1.i.a", "q": "penetapan"})
        assert response.status_code == status, role
        assert ("SK penetapan tim" in response.content.decode()) is (status == 200), role
    client.force_login(cast["coordinator"])
    assert client.get(url, {"ref": "Z.9", "q": "x"}).status_code == 404
    answer_save(
        assessment=assessment,
        level=Level.SELF,
        ref="A.I.1.i.a",
        raw="Ya",
        evidence=[item],
        by=cast["coordinator"],
    )
    page = client.get(url, {"ref": "A.I.1.i.a", "q": "penetapan"}).content.decode()
    assert "SK penetapan tim" not in page and "Tidak ada berkas unit yang cocok" in page
