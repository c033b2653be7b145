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


def test_channels_are_configured_by_the_unit_admin_and_shown(client, cast, units):
    url = reverse("portal:settings", args=["sumsel"])
    client.force_login(cast["coordinator"])
    assert client.get(url).status_code == 403
    client.force_login(cast["admin"])
    response = client.post(
        url,
        {
            "address": "Jl. Kapten A. Rivai 1, Palembang",
            "whatsapp": "08877849857",
            "links": "e-PPID | https://sumselppid.kpu.go.id/\nJDIH | javascript:alert(1)",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("portal:unit", args=["sumsel"])).content.decode()
    assert "08877849857" in page and "https://sumselppid.kpu.go.id/" in page and "javascript:" not in page
    assert "Sampaikan pengaduan" in page and "Mohon informasi publik" in page
