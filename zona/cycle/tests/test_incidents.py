"""An integrity incident: the APIP marks a complaint through the case engine's one action; the
unit's TPI gets a confirmation task due in 5 working days (data/cycle.yaml, zona.workdays) on its
/beranda/, naming the unit and the channel only, never the case's content."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from zona.cases.incidents import case_mark_incident, integrity_incident_mark
from zona.cases.services import CaseError
from zona.complaints.models import Category
from zona.complaints.services import complaint_submit
from zona.cycle.incidents import incident_task_decide
from zona.cycle.models import IncidentTask, TaskState
from zona.cycle.services import CycleError
from zona.notifications.models import Notification
from zona.orgs.models import Role
from zona.workdays.services import add_working_days

SECRET = "Pungutan liar oleh petugas loket"


@pytest.fixture
def complaint(units):
    case, _code = complaint_submit(
        unit=units["SUMSEL"],
        subject=SECRET,
        description="Rincian kejadian yang rahasia",
        category=Category.INTEGRITY,
        reporter_contact="warga@example.invalid",
    )
    return case


@pytest.fixture
def unit_apip(units):
    return make_user("apip_sumsel", units["SUMSEL"], Role.APIP)


def test_the_apip_marks_a_complaint_and_the_tpi_is_asked_within_five_working_days(
    client, complaint, unit_apip, cast
):
    client.force_login(unit_apip)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert 'id="incident-form"' in page
    client.post(reverse("complaints:incident", args=[complaint.pk]))
    task = IncidentTask.objects.get()
    assert (task.unit_id, task.source, task.source_id) == (complaint.unit_id, "complaint", complaint.pk)
    assert task.due_on == add_working_days(task.marked_on, 5)
    assert not complaint.events.get(action="integrity_incident").public  # not on the citizen's page
    told = Notification.objects.get(user=cast["reviewer"])  # the TPI over SUMSEL, once
    assert "KPU Provinsi Sumatera Selatan" in told.text and SECRET not in told.text
    assert not Notification.objects.filter(user__in=[cast["outsider"], cast["coordinator"]]).exists()
    again = client.post(reverse("complaints:incident", args=[complaint.pk]), follow=True)
    assert "sudah ditandai" in again.content.decode() and IncidentTask.objects.count() == 1
    client.force_login(cast["reviewer"])
    home = client.get(reverse("start:home")).content.decode()
    assert "Insiden integritas yang perlu dikonfirmasi" in home and "KPU Provinsi Sumatera Selatan" in home
    tasks = client.get(reverse("cycle:tasks")).content.decode()
    assert SECRET not in home and SECRET not in tasks and "Rincian" not in tasks
    assert (
        client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    )  # still the APIP's


def test_nobody_else_marks_and_nobody_else_sees_the_task(client, complaint, unit_apip, cast):
    officer = make_user("petugas", complaint.unit, Role.COMPLAINT_OFFICER)
    with pytest.raises(CaseError, match="Hanya APIP"):
        case_mark_incident(case=complaint, by=officer)
    assert not IncidentTask.objects.exists()
    case_mark_incident(case=complaint, by=unit_apip)
    for who in ("outsider", "coordinator", "pic"):
        client.force_login(cast[who])
        assert "Insiden integritas" not in client.get(reverse("start:home")).content.decode(), who
        assert "Sumatera Selatan" not in client.get(reverse("cycle:tasks")).content.decode(), who


def test_the_tpi_confirms_or_dismisses_with_a_note(complaint, unit_apip, cast):
    integrity_incident_mark(unit=complaint.unit, source="wbs", source_id=99, by=unit_apip)
    task = IncidentTask.objects.get()
    with pytest.raises(CycleError, match="Hanya TPI"):
        incident_task_decide(task=task, confirmed=True, note="ok", by=cast["outsider"])
    with pytest.raises(CycleError, match="catatan TPI"):
        incident_task_decide(task=task, confirmed=True, note=" ", by=cast["reviewer"])
    incident_task_decide(task=task, confirmed=False, note="Tidak terbukti", by=cast["reviewer"])
    task.refresh_from_db()
    assert task.state == TaskState.DISMISSED and task.decided_by == cast["reviewer"]
    with pytest.raises(CycleError, match="sudah diputuskan"):
        incident_task_decide(task=task, confirmed=True, note="x", by=cast["reviewer"])


def test_a_team_member_of_the_unit_sees_its_task(units, apip, unit_apip, client):
    from zona.cycle.services import cycle_open, teams_parse

    member = make_user("anggota_tim")
    cycle_open(
        year=date.today().year,
        under=units["SUMSEL"],
        teams=teams_parse(["Tim 1=anggota_tim"], year=date.today().year, by=apip),
        by=apip,
    )
    integrity_incident_mark(unit=units["PALEMBANG"], source="complaint", source_id=1, by=apip)
    client.force_login(member)
    assert "KPU Kota Palembang" in client.get(reverse("cycle:tasks")).content.decode()
    assert Notification.objects.filter(user=member, text__contains="KPU Kota Palembang").count() == 1
