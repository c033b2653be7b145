from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.plans.models import ActionStep, PlanStatus
from zona.plans.services import plan_set_status, step_assign, step_set_done


def test_plan_and_step_changes_are_audited_and_shown_to_admins(client, cast, seed_plan):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    step_assign(step=step, pic=cast["pic"], by=cast["coordinator"])
    step_set_done(step=step, done=True, by=cast["pic"])
    plan_set_status(plan=seed_plan, status=PlanStatus.ESTABLISHED, by=cast["coordinator"])
    events = list(AuditEvent.objects.filter(unit=seed_plan.unit).values_list("action", "actor__username"))
    assert ("step.assigned", "koordinator") in events
    assert ("step.done", "pic") in events
    assert ("plan.established", "koordinator") in events
    assigned = AuditEvent.objects.get(action="step.assigned")
    assert assigned.changes == {"pic": [None, "Pic"]}
    client.force_login(cast["admin"])
    page = client.get(reverse("audit:unit_log", args=["sumsel"])).content.decode()
    assert "plan.established" in page and "step.done" in page
