"""`zona demo` loads a working world: the KPU units, a person for every role, the seed plan with
a closed and an open quarter, and the public channels. Safe to run twice."""

import pytest
from django.core.management import call_command

from zona.accounts.models import User
from zona.orgs.models import Unit
from zona.plans.models import Plan


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
