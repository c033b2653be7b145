"""Reminders are sent once; the Lembar Monev is made in the background and opens."""

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from zona.evidence.models import ExportJob
from zona.monev.services import cycle_close, cycle_open, finding_create, step_report
from zona.notifications.models import Notification
from zona.plans.models import ActionStep


@pytest.fixture
def assigned(seed_plan, cast):
    cast["pic"].email = "pic@kpu.example"
    cast["pic"].save()
    steps = ActionStep.objects.filter(indicator__component__area__plan=seed_plan)
    overdue = steps.filter(indicator__target_text="Januari 2023").first()  # ends 2023-01-31
    due = steps.filter(indicator__target_text="Maret- April 2023").first()  # ends 2023-04-30
    later = steps.filter(indicator__target_text="Januari – Desember 2023").first()
    for step in (overdue, due, later):
        step.pic = cast["pic"]
        step.save()
    return {"overdue": overdue, "due": due, "later": later}


def test_reminders_run_twice_send_once(assigned, seed_plan, cast):
    finding = finding_create(
        plan=seed_plan,
        title="Banner WBS belum dipasang",
        owner=cast["pic"],
        due_date=date(2023, 4, 10),
        by=cast["reviewer"],
    )
    call_command("send_reminders", "--date", "2023-04-25")
    keys = set(Notification.objects.filter(user=cast["pic"]).values_list("key", flat=True))
    assert keys == {
        f"step-{assigned['overdue'].pk}-overdue",
        f"step-{assigned['due'].pk}-due",
        f"finding-{finding.pk}-overdue",
    }
    assert len(mail.outbox) == 3 and mail.outbox[0].to == ["pic@kpu.example"]
    assert any("Terlambat sejak 31-01-2023" in m.body for m in mail.outbox)
    call_command("send_reminders", "--date", "2023-04-25")
    call_command("send_reminders", "--date", "2023-04-26")
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    # once the due date passes, the same step is reminded again, as overdue
    call_command("send_reminders", "--date", "2023-05-02")
    assert Notification.objects.filter(key=f"step-{assigned['due'].pk}-overdue").exists()
    assert len(mail.outbox) == 4


def test_done_steps_and_people_without_steps_get_nothing(assigned, cast):
    from django.utils import timezone

    ActionStep.objects.filter(pk=assigned["overdue"].pk).update(done_at=timezone.now())
    call_command("send_reminders", "--date", "2023-04-25")
    assert list(Notification.objects.values_list("key", flat=True)) == [f"step-{assigned['due'].pk}-due"]


def test_notifications_page(client, assigned, cast):
    call_command("send_reminders", "--date", "2023-04-25")
    client.force_login(cast["pic"])
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Jatuh tempo 30-04-2023" in page
    assert 'text-bg-warning">2<' in page  # unread count in the menu
    client.post(reverse("notifications:list"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_lembar_monev_export_runs_in_the_background_and_opens(
    client, seed_plan, cast, assigned, fmt, django_capture_on_commit_callbacks
):
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    step_report(
        cycle=cycle, step=assigned["due"], status="berjalan", progress=50, note="draf SK", by=cast["pic"]
    )
    finding_create(
        plan=seed_plan,
        title="SOP belum direviu",
        owner=cast["pic"],
        due_date=date(2023, 5, 1),
        by=cast["reviewer"],
        cycle=cycle,
    )
    cycle_close(cycle=cycle, by=cast["coordinator"])
    client.force_login(cast["viewer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monev:export_start", args=[cycle.pk, fmt]))
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("evidence_exports:status", args=[job.pk])
    assert (job.status, job.progress) == ("done", 100)
    page = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "export-download" in page and "hx-trigger" not in page
    content = b"".join(client.get(reverse("evidence_exports:download", args=[job.pk])).streaming_content)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        assert "LEMBAR MONITORING DAN EVALUASI ZONA INTEGRITAS TRIWULAN 1 TAHUN 2023" in values
        assert "draf SK" in values and "SOP belum direviu" in values and "Berjalan" in values
    else:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(content)) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        assert "LEMBAR MONITORING DAN EVALUASI" in text and "SOP belum direviu" in text
    client.force_login(cast["coordinator"])  # another person's export is not theirs to fetch
    assert client.get(reverse("evidence_exports:download", args=[job.pk])).status_code == 404
