"""The APIP (the report's recipient) marks a WBS report as an integrity incident through the case
engine: the TPI's task names the unit and the channel only; the report stays the recipients'."""

from django.urls import reverse

from conftest import make_user
from zona.cycle.models import IncidentTask
from zona.orgs.models import Role
from zona.wbs.models import ReportEvent

from .conftest import submit, unlock

WHAT = "Suap dalam pengadaan logistik"


def test_a_recipient_marks_a_report_and_the_tpi_learns_only_that(client, recipient, units, cast):
    report, _code = submit(units["SUMSEL"], what=WHAT)
    unlock(client, recipient)
    assert 'id="incident-form"' in client.get(reverse("wbs:report", args=[report.pk])).content.decode()
    client.post(reverse("wbs:incident", args=[report.pk]))
    task = IncidentTask.objects.get()
    assert (task.unit_id, task.source, task.source_id) == (units["SUMSEL"].pk, "wbs", report.pk)
    assert ReportEvent.objects.filter(report=report, action="integrity_incident").count() == 1
    client.post(reverse("wbs:incident", args=[report.pk]))
    assert IncidentTask.objects.count() == 1  # once
    client.force_login(cast["reviewer"])
    tasks = client.get(reverse("cycle:tasks")).content.decode()
    assert "WBS" in tasks and WHAT not in tasks and report.number not in tasks
    assert client.get(reverse("wbs:report", args=[report.pk])).status_code == 404


def test_outside_the_zone_nobody_marks_a_report(client, recipient, units):
    report, _code = submit(units["SUMSEL"], what=WHAT)
    apip = make_user("apip_luar", units["SUMSEL"], Role.APIP)
    client.force_login(apip)
    assert client.post(reverse("wbs:incident", args=[report.pk])).status_code == 404
    assert not IncidentTask.objects.exists()
