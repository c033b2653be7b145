"""Every write goes through a service that records who did it (portal settings, the DIP, reading
notifications, export requests), the decree's links survive the import, a garbage import lists
the first problems with a count, and a download is named by the type found in its content."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.evidence.services import evidence_create_file
from zona.lib.errors import RuleError
from zona.lib.feedback import problems_listed
from zona.monev.services import cycle_open
from zona.notifications.models import Notification
from zona.plans.models import Plan, PlanStatus
from zona.plans.services import plan_set_status
from zona.portal.models import PortalSettings

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_portal_settings_are_saved_through_an_audited_service(client, cast, units):
    client.force_login(cast["admin"])
    client.post(reverse("portal:settings", args=["sumsel"]), {"whatsapp": "0811", "address": "Jl. A"})
    client.post(reverse("portal:settings", args=["sumsel"]), {"whatsapp": "0822", "address": "Jl. A"})
    assert PortalSettings.objects.get(unit=units["SUMSEL"]).whatsapp == "0822"
    event = AuditEvent.objects.filter(action="portal.settings_changed").first()
    assert event.actor == cast["admin"] and event.changes == {"whatsapp": ["0811", "0822"]}


def test_a_dip_entry_and_reading_notifications_and_an_export_are_audited(client, cast, units, seed_plan):
    from zona.orgs.models import Role
    from zona.orgs.services import role_grant

    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.PPID_OFFICER)
    client.force_login(cast["pic"])
    client.post(
        reverse("ppid:dip", args=["sumsel"]),
        {"title": "Laporan keuangan 2023", "category": "berkala", "updated_on": "2024-01-10"},
    )
    assert AuditEvent.objects.filter(action="ppid.dip_item_created", actor=cast["pic"]).exists()
    Notification.objects.create(user=cast["pic"], key="k", text="Ingat")
    client.post(reverse("notifications:list"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="notifications.read", actor=cast["pic"]).get().changes == {
        "count": 1
    }
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    client.force_login(cast["coordinator"])
    client.post(reverse("monev:export_start", args=[cycle.pk, "xlsx"]))
    assert AuditEvent.objects.filter(action="exports.requested", actor=cast["coordinator"]).exists()


def test_the_decrees_web_addresses_are_kept_and_linked_on_the_public_page(client, cast, seed_plan):
    area = seed_plan.areas.get(code="V")
    joined = " ".join(area.priorities)
    assert "https://sumselppid.kpu.go.id/" in joined and "https://sumsel.kpu.go.id/" in joined
    assert "https://bit.ly/appjdihkpusumsel" in " ".join(
        a for p in seed_plan.areas.all() for a in p.priorities
    )
    plan_set_status(plan=seed_plan, status=PlanStatus.ESTABLISHED, by=cast["coordinator"])
    page = client.get(reverse("portal:plan", args=["sumsel", 2023])).content.decode()
    assert 'href="https://sumselppid.kpu.go.id/"' in page


def test_a_garbage_import_is_asked_about_once_never_blamed_row_by_row(client, cast, units):
    """500 rows no layout can place: the user is asked which column holds what (the candidates
    with their scores), in one sentence — not 500 problems — and nothing is saved."""
    rows = ["NO,KOMPONEN,INDIKATOR,LANGKAH AKSI"] + ["x,,,langkah tanpa indikator"] * 500
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("plans:import"),
        {"unit": units["SUMSEL"].pk, "file": SimpleUploadedFile("sampah.csv", "\n".join(rows).encode())},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("plans:import_mapping")
    assert "skor" in page and page.count("langkah tanpa indikator") <= 10
    assert not Plan.objects.filter(unit=units["SUMSEL"]).exists()


def test_a_refusal_of_many_problems_lists_the_first_hundred_and_a_count():
    listed = problems_listed(RuleError("x", [f"baris {n}: tidak terbaca" for n in range(2, 502)]))
    assert len(listed["problems"]) == 100 and listed["problems"][0] == "baris 2: tidak terbaca"
    assert (listed["problems_total"], listed["problems_more"]) == (500, 400)


def test_a_download_is_named_by_the_type_found_in_its_content(client, cast, units):
    item = evidence_create_file(
        unit=units["SUMSEL"],
        title="SK",
        upload=SimpleUploadedFile("surat-keputusan.exe", PDF),
        by=cast["coordinator"],
        effective_date=date(2024, 1, 2),
    )
    client.force_login(cast["viewer"])
    response = client.get(reverse("evidence:download", args=[item.versions.get().pk]))
    assert 'filename="surat-keputusan.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
