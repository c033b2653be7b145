"""The public page per unit publishes the plan once it is ditetapkan, and nothing else."""

from django.urls import reverse

from zona.plans.models import PlanStatus
from zona.plans.services import plan_set_status


def test_draft_is_not_public_established_is(client, seed_plan, cast):
    url = reverse("portal:plan", args=["sumsel", 2023])
    assert client.get(url).status_code == 404
    assert "Belum ada rencana" in client.get(reverse("portal:unit", args=["sumsel"])).content.decode()
    plan_set_status(plan=seed_plan, status=PlanStatus.ESTABLISHED, by=cast["coordinator"])
    page = client.get(url).content.decode()
    assert "Tim Kerja" in page and "LANGKAH AKSI" in page and "Menetapkan dokumen rencana kerja" in page
    assert cast["coordinator"].username not in page
    assert (
        reverse("portal:plan", args=["sumsel", 2023])
        in client.get(reverse("portal:unit", args=["sumsel"])).content.decode()
    )


def test_unknown_unit_is_404(client, db):
    assert client.get(reverse("portal:unit", args=["nope"])).status_code == 404
