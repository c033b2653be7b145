"""A gratification deadline past the last year whose cuti bersama are confirmed (2027 in the pinned
holiday data, SKB 3 Menteri) is an estimate: the alert and the request to complete on the report's
page, and the reminder to the UPG, say "perkiraan"; a deadline inside the confirmed years does not."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from zona.gratification import services
from zona.gratification.tests.test_gratification import fields
from zona.notifications.models import Notification
from zona.orgs.models import Role

pytestmark = pytest.mark.django_db

LATE, EARLY = date(2027, 12, 20), date(2027, 3, 1)  # KPK's 30 working days end in 2028, in 2027


@pytest.fixture
def upg(units):
    return make_user("upg", units["SUMSEL"], Role.UPG_OFFICER)


def _report(units, cast, monkeypatch, received):
    monkeypatch.setattr(services, "local_today", lambda: received)
    return services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=received)
    )


@pytest.mark.parametrize(("received", "estimated"), [(LATE, True), (EARLY, False)])
def test_a_late_report_alert_marks_an_estimated_kpk_deadline(
    client, cast, units, upg, monkeypatch, received, estimated
):
    report = _report(units, cast, monkeypatch, received)
    assert (report.kpk_due.year == 2028) is estimated
    forwarded = date.fromordinal(report.kpk_due.toordinal() + 10)
    monkeypatch.setattr(services, "local_today", lambda: forwarded)
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-1", forwarded_on=forwarded
    )
    assert report.late_to_kpk
    client.force_login(upg)
    page = client.get(reverse("gratification:detail", args=[report.pk])).content.decode()
    alert = page.split('id="late"')[1].split("</section>")[0]
    assert ("perkiraan" in alert) is estimated


@pytest.mark.parametrize(("received", "estimated"), [(LATE, True), (EARLY, False)])
def test_the_request_to_complete_marks_an_estimated_deadline(
    client, cast, units, upg, monkeypatch, received, estimated
):
    report = _report(units, cast, monkeypatch, received)
    report = services.report_step(report=report, action="ask", by=upg, reason="Lampirkan foto")
    client.force_login(cast["pic"])
    page = client.get(reverse("gratification:detail", args=[report.pk])).content.decode()
    request = page.split('id="complete"')[1].split("</section>")[0]
    assert ("perkiraan" in request) is estimated


@pytest.mark.parametrize(("received", "estimated"), [(LATE, True), (EARLY, False)])
def test_the_reminder_to_the_upg_marks_an_estimated_deadline(
    cast, units, upg, monkeypatch, received, estimated
):
    report = _report(units, cast, monkeypatch, received)
    services.gratification_daily(today=date.fromordinal(report.kpk_due.toordinal() - 1))
    text = (
        Notification.objects.filter(user=upg, key__contains=f"gratification:{report.pk}:due")
        .latest("pk")
        .text
    )
    assert f"{report.kpk_due:%d-%m-%Y}" in text
    assert ("(perkiraan)" in text) is estimated
