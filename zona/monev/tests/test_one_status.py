"""One status per step: the plan step holds the status and progress; a monev report starts from
it, moving a finished step back needs a confirmation and a reason (both kept), evidence attached
in a report belongs to the step, and the plan page's changes reach the open cycle's report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.monev.models import StepReport
from zona.monev.services import ReopenNeedsReason, cycle_open, step_report
from zona.plans.models import ActionStep, StepStatus
from zona.plans.services import step_set_done

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(seed_plan, cast):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk").first()
    step.pic = cast["pic"]
    step.save()
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    return {"step": step, "cycle": cycle}


def url(world) -> str:
    return reverse("monev:step_report", args=[world["cycle"].pk, world["step"].pk])


def test_the_plan_page_sets_the_step_and_the_open_cycles_report_follows(world, cast):
    step, cycle = world["step"], world["cycle"]
    step_report(cycle=cycle, step=step, status="berjalan", progress=40, note="", by=cast["pic"])
    step_set_done(step=step, done=True, by=cast["coordinator"])
    step.refresh_from_db()
    report = StepReport.objects.get(cycle=cycle, step=step)
    assert (step.status, step.progress, step.is_done) == (StepStatus.DONE, 100, True)
    assert (report.status, report.progress) == (StepStatus.DONE, 100)


def test_the_report_form_starts_from_the_steps_state(client, world, cast):
    step_set_done(step=world["step"], done=True, by=cast["coordinator"])
    client.force_login(cast["pic"])
    page = client.get(url(world)).content.decode()
    assert '<option value="selesai" selected>' in page
    assert 'name="progress" value="100"' in page
    assert "Langkah ini sudah selesai" in page  # the confirmation is asked for


def test_moving_a_finished_step_back_asks_a_confirmation_and_a_reason(client, world, cast):
    step = world["step"]
    step_set_done(step=step, done=True, by=cast["coordinator"])
    client.force_login(cast["pic"])
    response = client.post(url(world), {"status": "berjalan", "progress": "50", "note": "revisi"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "centang kotak untuk menegaskan" in page.lower()
    assert "Tuliskan mengapa langkah yang sudah selesai kembali" in page
    step.refresh_from_db()
    assert step.is_done and step.status == StepStatus.DONE and step.progress == 100
    assert not StepReport.objects.filter(step=step).exists()

    response = client.post(
        url(world),
        {
            "status": "berjalan",
            "progress": "50",
            "note": "revisi",
            "reopen_confirm": "on",
            "reopen_reason": "SK harus direvisi",
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert not step.is_done and (step.status, step.progress) == (StepStatus.RUNNING, 50)
    report = StepReport.objects.get(step=step)
    assert report.reopen_reason == "SK harus direvisi"
    reopened = AuditEvent.objects.get(action="step.reopened", object_id=str(step.pk))
    assert reopened.changes["reason"] == "SK harus direvisi"
    assert reopened.changes["status"] == ["selesai", "berjalan"]
    reported = AuditEvent.objects.get(action="monev.step_reported")
    assert reported.changes["reopened"] == "SK harus direvisi"


def test_the_service_refuses_a_reopening_without_reason(world, cast):
    step = world["step"]
    step_set_done(step=step, done=True, by=cast["coordinator"])
    with pytest.raises(ReopenNeedsReason):
        step_report(
            cycle=world["cycle"], step=step, status="terkendala", progress=10, note="", by=cast["pic"]
        )
    step.refresh_from_db()
    assert step.is_done


def test_a_report_on_a_finished_step_that_keeps_it_finished_needs_no_reason(client, world, cast):
    step_set_done(step=world["step"], done=True, by=cast["coordinator"])
    client.force_login(cast["pic"])
    response = client.post(url(world), {"status": "selesai", "progress": "100", "note": "arsip"})
    assert response.status_code == 302
    assert StepReport.objects.get(step=world["step"]).note == "arsip"


def test_evidence_in_a_report_belongs_to_the_step_and_shows_in_the_plan(client, world, cast):
    step = world["step"]
    client.force_login(cast["pic"])
    client.post(
        url(world),
        {"status": "berjalan", "progress": "30", "file": SimpleUploadedFile("notulen.pdf", PDF)},
    )
    report = StepReport.objects.get(step=step)
    item = report.evidence.get()
    assert list(step.evidence.all()) == [item]
    assert item in step.indicator.evidence.all()  # counts where the plan's evidence counts
    page = client.get(reverse("plans:indicator", args=[step.indicator_id])).content.decode()
    assert f'href="#evidence-{item.pk}"' in page and "Bukti langkah ini" in page


def test_the_plan_page_reopens_a_finished_step_only_with_a_reason(client, world, cast):
    """The plan page's "Buka kembali" is held to the monev report's rule: without a reason the
    step stays finished and the page says why; with one it reopens and the reason is audited."""
    step = world["step"]
    step_set_done(step=step, done=True, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    toggle = reverse("plans:step_toggle", args=[step.pk])
    page = client.post(toggle, {"done": "0", "reason": "  "}, follow=True).content.decode()
    assert "untuk mengembalikannya" in page or "tuliskan alasannya" in page.lower()
    step.refresh_from_db()
    assert step.is_done and step.status == StepStatus.DONE
    client.post(toggle, {"done": "0", "reason": "SK direvisi"})
    step.refresh_from_db()
    assert not step.is_done and step.status == StepStatus.RUNNING
    event = AuditEvent.objects.filter(action="step.reopened", object_id=str(step.pk)).latest("pk")
    assert event.changes["reason"] == "SK direvisi"


def test_the_reason_a_step_went_back_is_shown_only_while_it_is_back(client, world, cast):
    """Moved back with a reason, the cycle says why; finished again on the plan page, the cycle no
    longer says it was moved back (the reason stays in the step's audit trail)."""
    step, cycle = world["step"], world["cycle"]
    step_set_done(step=step, done=True, by=cast["coordinator"])
    step_report(
        cycle=cycle, step=step, status="berjalan", progress=40, note="", by=cast["pic"], reason="SK diganti"
    )
    client.force_login(cast["coordinator"])
    page = client.get(reverse("monev:cycle", args=[cycle.pk])).content.decode()
    assert "SK diganti" in page
    step.refresh_from_db()
    step_set_done(step=step, done=True, by=cast["coordinator"])
    page = client.get(reverse("monev:cycle", args=[cycle.pk])).content.decode()
    assert "SK diganti" not in page
    assert AuditEvent.objects.filter(action="step.reopened", object_id=str(step.pk)).exists()
