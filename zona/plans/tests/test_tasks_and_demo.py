from datetime import date

import pytest
from django.urls import reverse

from zona.plans.models import ActionStep


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
