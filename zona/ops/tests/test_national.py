"""`zona national-dataset` builds the national data set (here scaled down) and refuses a
database that already holds plans."""

import pytest
from django.core.management import CommandError, call_command

from zona.cases.models import Case
from zona.lke.models import Assessment
from zona.monev.models import MonevCycle
from zona.plans.models import Plan
from zona.surveys.models import Response


@pytest.mark.django_db
def test_a_scaled_down_national_data_set(capsys):
    call_command("national_dataset", units=70, evidence=500, cases=300, responses=400)
    assert Plan.objects.count() == 70 and MonevCycle.objects.count() == 280
    assert Assessment.objects.count() == 70 and Assessment.objects.exclude(scores={}).count() == 70
    assert Case.objects.count() == 300 and Case.objects.filter(unit__code="SUMSEL").count() == 300
    assert Response.objects.count() == 400
    assert "done" in capsys.readouterr().out
    with pytest.raises(CommandError, match="empty"):
        call_command("national_dataset", units=70)
