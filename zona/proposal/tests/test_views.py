"""The package page and its action: whoever may see the assessment builds and downloads its
package (nobody else, and nobody downloads another person's); the letters' details are kept by
the unit's managers; bad input loses nothing."""

import io
import zipfile

import pytest
from django.urls import reverse

from conftest import body
from zona.audit.models import AuditEvent
from zona.evidence.models import ExportJob
from zona.proposal.models import ProposalDetails
from zona.proposal.verify import package_verify

from .factories import filed_assessment

MAY_SEE = {"coordinator", "admin", "pic", "area_coordinator", "reviewer", "viewer", "national"}
MAY_EDIT = {"coordinator", "admin"}
ROLES = sorted(MAY_SEE | {"child", "outsider", "no_role"})
DETAILS = {
    "head_name": "Dra. Siti Aminah",
    "head_nip": "197001011995032001",
    "head_position": "Ketua",
    "address": "Jl. Kapten A. Rivai No. 1",
    "city": "Palembang",
    "letter_number": "123/PL.01/2023",
}


@pytest.fixture
def assessment(units, cast):
    return filed_assessment(units, cast)


@pytest.mark.parametrize("role", ROLES)
def test_only_who_sees_the_assessment_builds_and_downloads_its_package(
    client, cast, assessment, role, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(cast[role])
    page = client.get(reverse("proposal:package", args=[assessment.pk]))
    assert page.status_code == (200 if role in MAY_SEE else 404)
    assert (assessment.unit.name in page.content.decode()) is (role in MAY_SEE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("proposal:build", args=[assessment.pk]))
    jobs = ExportJob.objects.filter(kind="proposal.package", requested_by=cast[role])
    if role not in MAY_SEE:
        assert response.status_code == 404 and not jobs.exists()
        return
    job = jobs.get()  # built by the worker (immediate in tests) once the request committed
    assert response["Location"] == reverse("evidence_exports:status", args=[job.pk])
    assert (job.status, job.progress, job.fmt) == ("done", 100, "zip")
    content = body(client.get(reverse("evidence_exports:download", args=[job.pk])))
    path = tmp_path / "paket.zip"
    path.write_bytes(content)
    assert package_verify(path).ok
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert "LKE SUMSEL 2023.xlsx" in names
    # nobody else downloads it, not even someone who sees the unit
    other = cast["viewer" if role != "viewer" else "reviewer"]
    client.force_login(other)
    assert client.get(reverse("evidence_exports:download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_letters_details_are_kept_by_the_units_managers(client, cast, assessment, role):
    client.force_login(cast[role])
    response = client.post(reverse("proposal:details", args=[assessment.pk]), DETAILS)
    saved = ProposalDetails.objects.filter(assessment=assessment, head_name="Dra. Siti Aminah").exists()
    assert saved is (role in MAY_EDIT), role
    assert response.status_code == (302 if role in MAY_EDIT else 403 if role in MAY_SEE else 404)


def test_a_bad_form_keeps_what_was_typed_and_says_why(client, cast, assessment):
    client.force_login(cast["coordinator"])
    typed = {**DETAILS, "head_name": ""}
    response = client.post(reverse("proposal:details", args=[assessment.pk]), typed)
    page = response.content.decode()
    assert response.status_code == 200 and not ProposalDetails.objects.exists()
    assert "Jl. Kapten A. Rivai No. 1" in page and "123/PL.01/2023" in page
    assert "tidak boleh kosong" in page


def test_a_new_year_starts_from_the_units_last_details(client, cast, units, assessment):
    from zona.lke.services import assessment_create

    client.force_login(cast["coordinator"])
    client.post(reverse("proposal:details", args=[assessment.pk]), DETAILS)
    event = AuditEvent.objects.get(action="proposal.details_saved")
    assert event.actor == cast["coordinator"] and event.changes["head_name"] == ["", "Dra. Siti Aminah"]
    following = assessment_create(unit=units["SUMSEL"], year=2024, by=cast["coordinator"])
    page = client.get(reverse("proposal:package", args=[following.pk])).content.decode()
    assert "Dra. Siti Aminah" in page and "123/PL.01/2023" not in page


def test_the_lke_page_links_to_its_package(client, cast, assessment):
    client.force_login(cast["viewer"])
    page = client.get(reverse("lke:detail", args=[assessment.pk])).content.decode()
    assert reverse("proposal:package", args=[assessment.pk]) in page
    assert f'action="{reverse("proposal:build", args=[assessment.pk])}"' in page  # one action builds it
