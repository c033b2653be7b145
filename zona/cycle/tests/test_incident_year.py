"""An integrity incident's confirmation task goes to the TPI team of the unit's evaluation year the
incident falls in (the year it is marked), never to the teams of the unit's past years: they are
not told, do not see the task on their start page or the tasks page, and may not decide it."""

from datetime import date

import pytest
from django.urls import reverse

from conftest import make_user
from zona.cases.incidents import integrity_incident_mark
from zona.cycle.incidents import incident_task_decide, incident_task_open
from zona.cycle.models import IncidentTask
from zona.cycle.services import CycleError, cycle_open, teams_parse
from zona.notifications.models import Notification

THIS_YEAR = date.today().year
PALEMBANG = "KPU Kota Palembang"


@pytest.fixture(params=["", ":anggota"], ids=["members", "seated in a tier"])
def two_years(request, units, apip):
    """SUMSEL's units opened last year with Tim Lama and this year with Tim Baru: their members
    named, or seated in a tier (which gives each the reviewer's role on the units, for good)."""
    tier = request.param
    people = {"old": make_user("anggota_lama"), "new": make_user("anggota_baru")}
    for year, line in (
        (THIS_YEAR - 1, f"Tim Lama=anggota_lama{tier}"),
        (THIS_YEAR, f"Tim Baru=anggota_baru{tier}"),
    ):
        cycle_open(year=year, under=units["SUMSEL"], teams=teams_parse([line], year=year, by=apip), by=apip)
    return people


def test_a_reviewer_on_no_team_of_the_unit_is_told_and_decides(client, units, apip, cast, two_years):
    """The unit's reviewers outside the team system (the TPI granted by an administrator) keep
    their part in every year's incidents."""
    integrity_incident_mark(unit=units["PALEMBANG"], source="complaint", source_id=9, by=apip)
    assert Notification.objects.filter(user=cast["reviewer"], text__contains=PALEMBANG).exists()
    assert _sees(client, cast["reviewer"])
    incident_task_decide(task=IncidentTask.objects.get(), confirmed=False, note="Bukan", by=cast["reviewer"])


def _sees(client, person) -> bool:
    client.force_login(person)
    tasks = PALEMBANG in client.get(reverse("cycle:tasks")).content.decode()
    home = client.get(reverse("start:home")).content.decode()
    assert tasks == (PALEMBANG in home and "Insiden integritas yang perlu dikonfirmasi" in home)
    return tasks


def test_the_task_goes_to_this_years_team_not_last_years(client, units, apip, two_years):
    integrity_incident_mark(unit=units["PALEMBANG"], source="complaint", source_id=7, by=apip)
    told = set(Notification.objects.filter(text__contains=PALEMBANG).values_list("user__username", flat=True))
    assert "anggota_baru" in told and "anggota_lama" not in told
    assert _sees(client, two_years["new"]) and not _sees(client, two_years["old"])
    task = IncidentTask.objects.get()
    with pytest.raises(CycleError, match="Hanya TPI"):
        incident_task_decide(task=task, confirmed=True, note="lama", by=two_years["old"])
    incident_task_decide(task=task, confirmed=True, note="Terbukti", by=two_years["new"])


def test_a_task_marked_last_year_stays_with_last_years_team(client, units, apip, two_years):
    incident_task_open(
        unit=units["PALEMBANG"], source="wbs", source_id=3, on=date(THIS_YEAR - 1, 11, 3), by=apip
    )
    assert Notification.objects.filter(user=two_years["old"], text__contains=PALEMBANG).count() == 1
    assert not Notification.objects.filter(user=two_years["new"]).exists()
    assert _sees(client, two_years["old"]) and not _sees(client, two_years["new"])


@pytest.mark.parametrize("tier", ["", ":anggota"], ids=["member", "seated in a tier"])
def test_a_year_not_opened_yet_tells_no_past_team(client, units, apip, tier):
    old = make_user("anggota_lama")
    year = THIS_YEAR - 1
    teams = teams_parse([f"Tim=anggota_lama{tier}"], year=year, by=apip)
    cycle_open(year=year, under=units["SUMSEL"], teams=teams, by=apip)
    integrity_incident_mark(unit=units["PALEMBANG"], source="complaint", source_id=8, by=apip)
    assert IncidentTask.objects.count() == 1
    assert not Notification.objects.filter(user=old).exists() and not _sees(client, old)
