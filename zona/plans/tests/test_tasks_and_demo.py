from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from zona.accounts.models import User
from zona.orgs.models import Unit
from zona.plans.models import ActionStep, Plan


@pytest.mark.django_db
def test_my_tasks_lists_overdue_and_due_steps_of_the_user_only(client, cast, seed_plan, settings):
    steps = ActionStep.objects.filter(indicator__component__area__plan=seed_plan)
    mine_overdue = steps.filter(indicator__target_text="Januari 2023").first()
    mine_done = steps.filter(indicator__target_text="Februari 2023").first()
    someone_else = steps.filter(indicator__target_text="Maret- April 2023").first()
    undated = steps.filter(indicator__target_text="10 hari kerja").first()
    for step, pic in (
        (mine_overdue, cast["pic"]),
        (mine_done, cast["pic"]),
        (someone_else, cast["viewer"]),
        (undated, cast["pic"]),
    ):
        step.pic = pic
        step.save()
    mine_done.done_at = "2023-02-01T00:00:00Z"
    mine_done.save()
    client.force_login(cast["pic"])
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert mine_overdue.text in page
    assert mine_done.text not in page and someone_else.text not in page
    assert "Terlambat" in page
    assert mine_overdue.indicator.target_end < date.today()


@pytest.mark.django_db
def test_demo_loads_units_people_and_the_seed_plan(capsys):
    call_command("demo", "--password", "demo-pass-123")
    assert Unit.objects.filter(level="province").count() == 38
    assert Unit.objects.get(code="SUMSEL").children.count() == 17
    assert Unit.objects.get(code="SUMSEL-PALEMBANG").path == "/RI/SUMSEL/SUMSEL-PALEMBANG/"
    plan = Plan.objects.get(unit__code="SUMSEL", year=2023)
    assert plan.is_established
    assert User.objects.get(username="koordinator").check_password("demo-pass-123")
    out = capsys.readouterr().out
    assert "demo-pass-123" in out and "koordinator" in out
    from zona.monev.models import MonevCycle

    assert sorted(MonevCycle.objects.filter(plan=plan).values_list("quarter", "status")) == [
        (1, "closed"),
        (2, "open"),
    ]
    assert Plan.objects.filter(unit__code="SUMSEL-PALEMBANG").exists()
    call_command("demo", "--password", "again")  # idempotent
    assert Plan.objects.count() == 2 and Unit.objects.count() == 56 and MonevCycle.objects.count() == 2
