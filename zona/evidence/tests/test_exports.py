"""Heavy exports go through one job mechanism in the worker: the same export of the same data is
one job (or the file already built), each person and API token has a cap on jobs waiting or
running, a read-only viewer included, and each export a budget of rows and PDF pages checked
before it is rendered. The person's page lists what they queued."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import body
from zona.api.tokens import token_create
from zona.evidence import exports
from zona.evidence.exports import ExportRefused, TooManyJobs, export_request
from zona.evidence.models import ExportJob, ExportStatus
from zona.monev.services import cycle_open
from zona.plans.models import ActionStep


def _ask(obj, fmt, user, kind="plans.plan", **kwargs):
    return export_request(kind=kind, obj=obj, fmt=fmt, by=user, **kwargs)


def test_the_same_export_asked_again_is_one_job(seed_plan, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = _ask(seed_plan, "pdf", cast["viewer"])
        again = _ask(seed_plan, "pdf", cast["viewer"])
        other = _ask(seed_plan, "xlsx", cast["viewer"])
    assert first.pk == again.pk != other.pk and ExportJob.objects.count() == 2 and len(queued) == 2
    calls = []
    monkey = dataclasses.replace(exports.KINDS["plans.plan"], measure=lambda *a: calls.append(a))
    exports.KINDS["plans.plan"], real = monkey, exports.KINDS["plans.plan"]
    try:  # asked again while waiting: answered without measuring the data
        assert _ask(seed_plan, "pdf", cast["viewer"]).pk == first.pk and calls == []
    finally:
        exports.KINDS["plans.plan"] = real


def test_a_file_of_changed_data_is_made_again(seed_plan, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = _ask(seed_plan, "xlsx", cast["viewer"])
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    ActionStep.objects.filter(pk=step.pk).update(text="Langkah yang diubah")  # the data changed
    with django_capture_on_commit_callbacks() as queued:
        changed = _ask(seed_plan, "xlsx", cast["viewer"])
    assert changed.pk != built.pk and changed.status == ExportStatus.PENDING and len(queued) == 1


def test_a_file_already_built_is_given_not_made_again(seed_plan, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        built = _ask(seed_plan, "xlsx", cast["viewer"])
    built.refresh_from_db()
    assert built.status == ExportStatus.DONE and built.file.name
    with django_capture_on_commit_callbacks(execute=True) as queued:
        mine = _ask(seed_plan, "xlsx", cast["viewer"])
        theirs = _ask(seed_plan, "xlsx", cast["reviewer"])
    assert queued == [] and mine.pk == built.pk
    assert theirs.requested_by == cast["reviewer"] and theirs.status == ExportStatus.DONE
    assert theirs.file.name == built.file.name  # the reviewer gets the same file, made once


def test_the_fourth_export_of_a_read_only_viewer_is_refused_and_nothing_queued(
    seed_plan, cast, django_capture_on_commit_callbacks
):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    viewer = cast["viewer"]
    with django_capture_on_commit_callbacks() as queued:
        _ask(seed_plan, "xlsx", viewer)
        _ask(seed_plan, "pdf", viewer)
        _ask(cycle, "xlsx", viewer, kind="monev.lembar")
        with translation.override("id"), pytest.raises(TooManyJobs) as refused:
            _ask(cycle, "pdf", viewer, kind="monev.lembar")
    assert "3" in str(refused.value) and "batas" in str(refused.value)  # the cap, in Indonesian
    assert ExportJob.objects.filter(requested_by=viewer).count() == 3 and len(queued) == 3
    _ask(cycle, "pdf", cast["coordinator"], kind="monev.lembar")  # another person has their own cap
    ExportJob.objects.filter(requested_by=viewer, fmt="xlsx", kind="plans.plan").update(status="done")
    assert _ask(cycle, "pdf", viewer, kind="monev.lembar").status == ExportStatus.PENDING  # one freed


@override_settings(ZONA_EXPORT_MAX_QUEUED=10, ZONA_EXPORT_MAX_QUEUED_PER_TOKEN=1)
def test_each_api_token_has_its_own_cap(seed_plan, cast):
    token, _plain = token_create(user=cast["viewer"], name="dasbor", days=30)
    _ask(seed_plan, "xlsx", cast["viewer"], token_id=token.pk)
    with pytest.raises(TooManyJobs):
        _ask(seed_plan, "pdf", cast["viewer"], token_id=token.pk)
    assert (
        _ask(seed_plan, "pdf", cast["viewer"]).status == ExportStatus.PENDING
    )  # the pages: the person's cap


@override_settings(ZONA_EXPORT_MAX_ROWS=10)
def test_an_export_past_its_rows_is_refused_with_the_figure(seed_plan, cast):
    rows = exports.KINDS["plans.plan"].measure(seed_plan, {}, None).rows
    with translation.override("id"), pytest.raises(ExportRefused) as refused:
        _ask(seed_plan, "xlsx", cast["viewer"])
    assert f"{rows} baris" in str(refused.value) and "10 baris" in str(refused.value)
    assert not ExportJob.objects.exists()


@override_settings(ZONA_EXPORT_MAX_PDF_PAGES=1)
def test_a_pdf_whose_rows_cannot_fit_its_pages_is_refused_before_rendering(seed_plan, cast, monkeypatch):
    kind = exports.KINDS["plans.plan"]
    rows = kind.measure(seed_plan, {}, None).rows
    assert rows > 40  # the seed plan cannot fit on one page of 40 rows

    def never(*args):
        raise AssertionError("rendered")

    monkeypatch.setitem(exports.KINDS, "plans.plan", dataclasses.replace(kind, render=never))
    with translation.override("id"), pytest.raises(ExportRefused) as refused:
        _ask(seed_plan, "pdf", cast["viewer"])
    assert "1 halaman" in str(refused.value) and not ExportJob.objects.exists()
    assert _ask(seed_plan, "xlsx", cast["viewer"]).status == ExportStatus.PENDING  # the XLSX is not paged


def test_a_pdf_past_its_pages_after_layout_fails_with_the_figure(
    seed_plan, cast, django_capture_on_commit_callbacks, monkeypatch, settings
):
    # a reckoning that lets every plan through: the check before rendering passes, the layout counts
    real = exports.KINDS["plans.plan"]

    def rows_only(*args):
        return dataclasses.replace(real.measure(*args), pages=0)

    monkeypatch.setitem(
        exports.KINDS, "plans.plan", dataclasses.replace(real, rows_per_page=10**6, measure=rows_only)
    )
    settings.ZONA_EXPORT_MAX_PDF_PAGES = 1
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        job = _ask(seed_plan, "pdf", cast["viewer"])
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and not job.file
    assert "halaman" in job.error and "batasnya 1 halaman" in job.error


def test_the_person_sees_their_exports_and_nobody_elses(
    client, seed_plan, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        done = _ask(seed_plan, "xlsx", cast["viewer"])
    waiting = _ask(seed_plan, "pdf", cast["viewer"])
    client.force_login(cast["viewer"])
    page = client.get(reverse("evidence_exports:mine")).content.decode()
    assert f'href="{reverse("evidence_exports:status", args=[done.pk])}"' in page
    assert reverse("evidence_exports:download", args=[done.pk]) in page
    assert reverse("evidence_exports:status", args=[waiting.pk]) in page
    assert reverse("evidence_exports:download", args=[waiting.pk]) not in page  # not ready: no link
    assert body(client.get(reverse("evidence_exports:download", args=[done.pk]))).startswith(b"PK")
    for other in ("coordinator", "outsider"):
        client.force_login(cast[other])
        assert (
            reverse("evidence_exports:status", args=[done.pk])
            not in client.get(reverse("evidence_exports:mine")).content.decode()
        )
        assert client.get(reverse("evidence_exports:download", args=[done.pk])).status_code == 404
        assert client.get(reverse("evidence_exports:status", args=[done.pk])).status_code == 404


def test_the_plan_page_queues_an_export_or_says_why_not(client, seed_plan, cast, settings):
    client.force_login(cast["outsider"])
    assert client.post(reverse("plans:export", args=[seed_plan.pk, "pdf"])).status_code == 404
    assert not ExportJob.objects.exists()  # another unit's plan: nothing queued
    client.force_login(cast["viewer"])
    response = client.post(reverse("plans:export", args=[seed_plan.pk, "xlsx"]))
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("evidence_exports:status", args=[job.pk])
    settings.ZONA_EXPORT_MAX_QUEUED = 1
    response = client.post(reverse("plans:export", args=[seed_plan.pk, "pdf"]), follow=True)
    assert ExportJob.objects.count() == 1 and "batas" in response.content.decode()


def test_the_api_answers_429_past_the_cap_and_queues_nothing(client, seed_plan, cast, settings):
    _token, plain = token_create(user=cast["viewer"], name="dasbor", days=30)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}
    settings.ZONA_EXPORT_MAX_QUEUED_PER_TOKEN = 1
    first = client.post(f"/api/plans/{seed_plan.pk}/export?format=xlsx", **headers)
    assert first.status_code == 202 and first.json()["status"] == "pending"
    again = client.post(f"/api/plans/{seed_plan.pk}/export?format=xlsx", **headers)
    assert again.json()["id"] == first.json()["id"]  # the same export: the same job
    refused = client.post(f"/api/plans/{seed_plan.pk}/export?format=pdf", **headers)
    assert refused.status_code == 429 and "1" in refused.json()["detail"]
    assert ExportJob.objects.count() == 1
    settings.ZONA_EXPORT_MAX_ROWS = 5
    settings.ZONA_EXPORT_MAX_QUEUED_PER_TOKEN = 3
    too_big = client.post(f"/api/plans/{seed_plan.pk}/export?format=pdf", **headers)
    assert too_big.status_code == 422 and "5" in too_big.json()["detail"]


def test_a_register_recap_is_made_in_the_worker_within_its_rows(
    units, cast, django_capture_on_commit_callbacks, settings
):
    from zona.registers.services import entry_save

    for name in ("Pegawai A", "Pegawai B"):
        raw = {"pegawai": name, "kegiatan": "Diklat", "tanggal": "2026-02-01", "jp": "8"}
        entry_save(unit=units["SUMSEL"], kind="pelatihan", by=None, raw=raw)
    recap = {"kind": "pelatihan", "period": "2026"}
    with django_capture_on_commit_callbacks(execute=True):
        job = _ask(units["SUMSEL"], "pdf", cast["viewer"], kind="registers.recap", params=recap)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.file.read().startswith(b"%PDF")
    settings.ZONA_EXPORT_MAX_ROWS = 1
    with translation.override("id"), pytest.raises(ExportRefused, match="2 baris"):
        _ask(units["SUMSEL"], "xlsx", cast["viewer"], kind="registers.recap", params=recap)


@hypothesis_settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a loaded machine
@given(
    rows=st.integers(0, 10**6),
    per_page=st.integers(1, 100),
    max_rows=st.integers(0, 10**6),
    max_pages=st.integers(0, 10**4),
    fmt=st.sampled_from(["xlsx", "pdf"]),
)
def test_the_budget_refuses_exactly_what_passes_it(rows, per_page, max_rows, max_pages, fmt):
    """Refused iff past the rows, or for a PDF, iff its rows cannot fit in the pages allowed at the
    most rows a page holds: a PDF that could fit is never refused before its layout."""
    kind = dataclasses.replace(exports.KINDS["plans.plan"], rows_per_page=per_page)
    with override_settings(ZONA_EXPORT_MAX_ROWS=max_rows, ZONA_EXPORT_MAX_PDF_PAGES=max_pages):
        try:
            exports.check_budget(kind=kind, fmt=fmt, measure=exports.Measure(rows=rows, version=""))
            refused = False
        except ExportRefused:
            refused = True
    expected = rows > max_rows or (fmt == "pdf" and rows > max_pages * per_page)
    assert refused is expected


def test_the_fewest_pages_reckoned_for_a_plan_never_exceed_the_pages_laid_out(seed_plan):
    """The reckoning refuses a PDF before its layout, so it must never count more pages than the
    layout makes: on the seed plan, and on the same plan with every step ten times as long."""
    import pdfplumber

    from zona.plans.export_kinds import least_pages
    from zona.plans.exporters import plan_pdf, plan_rows

    for _round in range(2):
        least = least_pages(plan_rows(seed_plan))
        with pdfplumber.open(io.BytesIO(plan_pdf(seed_plan))) as pdf:
            laid_out = len(pdf.pages)
        assert 1 <= least <= laid_out
        assert least * 4 >= laid_out  # and not far below it
        for step in ActionStep.objects.filter(indicator__component__area__plan=seed_plan):
            ActionStep.objects.filter(pk=step.pk).update(text=step.text * 10)
