"""The cycle's pages and API: the national page per province in constant queries, a unit's year
shown only to those who see the unit, stage results and the TPN's figures changed only by the
roles that may, the predicate's history on the public page, the API of the stages."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import body, make_user
from zona.api.tokens import token_create
from zona.cases.incidents import integrity_incident_mark
from zona.cycle.models import Entry, IncidentTask, Revocation, TaskState, TpnFigures
from zona.cycle.predicates import predicate_award, predicate_revoke
from zona.cycle.services import cycle_open
from zona.orgs.models import Level, Role
from zona.orgs.services import unit_create

from .conftest import pdf, walk


def national_queries(client, user) -> tuple[int, bytes]:
    client.force_login(user)
    client.get(reverse("cycle:national"), {"tahun": 2026})  # the session and roles read once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cycle:national"), {"tahun": 2026})
    return len(queries), response.content


def test_the_national_page_counts_stages_per_province_in_constant_queries(client, units, apip):
    cycle_open(year=2026, under=units["RI"], by=apip)
    small, page = national_queries(client, apip)
    assert b"KPU Provinsi Sumatera Selatan" in page and b"KPU Provinsi Jambi" in page
    for n in range(30):
        parent = units["JAMBI"] if n % 2 else units["SUMSEL"]
        unit_create(code=f"U{n}", name=f"KPU Kabupaten {n}", level=Level.REGENCY, parent=parent)
    unit_create(code="SUMBAR", name="KPU Provinsi Sumatera Barat", level=Level.PROVINCE, parent=units["RI"])
    cycle_open(year=2026, under=units["RI"], by=apip)
    large, page = national_queries(client, apip)
    assert large == small
    html = page.decode()
    sumsel = html.split("KPU Provinsi Sumatera Selatan")[1].split("</tr>")[0]
    assert sumsel.count(">18<") == 2  # SUMSEL, its 2 regencies and 15 new ones: all at the first stage
    assert "KPU Provinsi Sumatera Barat" in html


def test_the_national_page_counts_only_the_units_the_person_sees(client, units, cast, apip):
    cycle_open(year=2026, under=units["RI"], by=apip)
    client.force_login(cast["outsider"])  # JAMBI's coordinator
    html = client.get(reverse("cycle:national"), {"tahun": 2026}).content.decode()
    assert "KPU Provinsi Jambi" in html and "Sumatera Selatan" not in html and "Palembang" not in html


def test_a_units_year_is_shown_only_to_those_who_see_the_unit(client, opened, cast):
    url = reverse("cycle:entry", args=[opened["SUMSEL"].pk])
    for who, shown in (
        ("coordinator", True),
        ("reviewer", True),
        ("national", True),
        ("outsider", False),
        ("child", False),
    ):
        client.force_login(cast[who])
        response = client.get(url)
        assert (response.status_code, b"Penilaian mandiri" in body(response)) == (
            (200, True) if shown else (404, False)
        ), who


def test_stage_results_and_tpn_figures_change_only_by_the_roles_that_may(client, opened, cast, apip):
    entry = opened["SUMSEL"]
    stage_url, figures_url = (
        reverse("cycle:stage", args=[entry.pk]),
        reverse("cycle:figures", args=[entry.pk]),
    )
    tpi = {"stage": "evaluasi_tpi", "outcome": "", "on": "2026-05-01", "note": ""}
    for who in ("coordinator", "viewer", "outsider"):
        client.force_login(cast[who])
        client.post(stage_url, tpi)
        assert not entry.records.filter(stage="evaluasi_tpi").exists(), who
    client.force_login(cast["reviewer"])
    client.post(stage_url, tpi)
    assert entry.records.filter(stage="evaluasi_tpi").exists()
    figures = {"ipak": "3.70", "ipkp": "3.50", "source": "Surat TPN"}
    for who in ("coordinator", "admin", "reviewer"):
        client.force_login(cast[who])
        response = client.post(figures_url, figures, follow=True)
        assert not TpnFigures.objects.exists(), who
    assert "Peran Anda tidak boleh" in response.content.decode()


def test_the_public_page_shows_the_predicates_year_by_year(client, opened, apip):
    unit = opened["SUMSEL"].unit
    wbk = predicate_award(
        unit=unit,
        year=2022,
        kind="WBK",
        decree_number="SK 12/2022",
        decree_date=date(2022, 12, 9),
        upload=pdf(),
        by=apip,
    )
    predicate_award(
        unit=unit,
        year=2024,
        kind="WBBM",
        decree_number="SK 7/2024",
        decree_date=date(2024, 12, 9),
        upload=pdf(),
        by=apip,
    )
    html = client.get(reverse("portal:unit", args=[unit.slug])).content.decode()
    history = html.split('id="predicates"')[1].split("</section>")[0]
    assert (
        history.index("2024") < history.index("2022") and "SK 7/2024" in history and "SK 12/2022" in history
    )
    assert "Nomor SK: SK 7/2024" in history and "SK SK" not in history  # never "SK" twice
    predicate_revoke(
        predicate=wbk, on=date(2025, 2, 1), reason="Kasus suap", basis="Pengumuman 1/2025", by=apip
    )
    html = client.get(reverse("portal:unit", args=[unit.slug])).content.decode()
    assert "dicabut pada" in html and "Pengumuman 1/2025" in html
    other = client.get(reverse("portal:unit", args=["jambi"])).content.decode()
    assert "SK 7/2024" not in other


def test_the_api_offers_the_stages_of_the_units_the_token_sees(client, opened, cast, apip):
    walk(opened["SUMSEL"], cast["reviewer"], until="-", tpn=apip)

    def entries(user) -> list[dict]:
        _token, plain = token_create(user=user, name="test", days=30)
        return client.get("/api/cycle/entries?year=2026", HTTP_AUTHORIZATION=f"Bearer {plain}").json()[
            "items"
        ]

    found = {e["unit"]: e for e in entries(cast["coordinator"])}
    assert set(found) == {"SUMSEL"}  # the coordinator's role is on SUMSEL itself
    assert [s["stage"] for s in found["SUMSEL"]["stages"]] == [
        "penilaian_mandiri",
        "evaluasi_tpi",
        "usulan",
        "seleksi_administrasi",
    ]
    assert (
        found["SUMSEL"]["stage"] == "seleksi_administrasi"
        and found["SUMSEL"]["stages"][2]["outcome"] == "diusulkan_wbk"
    )
    assert entries(cast["outsider"]) == []
    assert {e["unit"] for e in entries(cast["reviewer"])} == {"SUMSEL", "SUMSEL-PALEMBANG", "SUMSEL-LAHAT"}


def test_the_year_is_opened_from_the_page_only_by_those_who_may(client, units, cast, apip):
    jambi_admin = make_user("admin_jambi", units["JAMBI"], Role.ADMIN)
    client.force_login(cast["coordinator"])
    assert client.get(reverse("cycle:open")).status_code == 403
    client.force_login(jambi_admin)
    refused = client.post(reverse("cycle:open"), {"year": 2026, "under": "SUMSEL", "teams": ""})
    assert "Tidak ada unit dengan kode ini" in refused.content.decode() and not Entry.objects.exists()
    client.force_login(apip)
    bad = client.post(reverse("cycle:open"), {"year": 2026, "under": "SUMSEL", "teams": "Tim=siapa"})
    assert "tidak dikenal: siapa" in bad.content.decode() and not Entry.objects.exists()
    done = client.post(reverse("cycle:open"), {"year": 2026, "under": "SUMSEL", "teams": "Tim 1=tpi"})
    assert "3 unit dibuka" in done.content.decode()
    assert Entry.objects.filter(year=2026, tpi_team__name="Tim 1").count() == 3


def test_a_revocation_is_recorded_from_the_page_only_by_the_inspectorate(client, opened, cast, apip):
    unit, decreed = opened["SUMSEL"].unit, date(2026, 12, 1)
    wbk = predicate_award(
        unit=unit, year=2026, kind="WBK", decree_number="SK 1", decree_date=decreed, upload=pdf(), by=apip
    )
    data = {"on": "2026-12-05", "reason": "Kasus suap", "basis": "Pengumuman 9/2026"}
    for who in ("coordinator", "reviewer", "outsider"):
        client.force_login(cast[who])
        client.post(reverse("cycle:revoke", args=[wbk.pk]), data)
        assert not Revocation.objects.exists(), who
    client.force_login(apip)
    client.post(reverse("cycle:revoke", args=[wbk.pk]), data)
    assert Revocation.objects.get().reason == "Kasus suap"


def test_the_tpi_decides_a_task_from_its_page(client, opened, cast, apip):
    integrity_incident_mark(unit=opened["SUMSEL"].unit, source="wbs", source_id=7, by=apip)
    task = IncidentTask.objects.get()
    data = {"confirmed": "1", "note": "Terkonfirmasi oleh APIP"}
    client.force_login(cast["outsider"])
    assert client.post(reverse("cycle:decide", args=[task.pk]), data).status_code == 404
    client.force_login(cast["reviewer"])
    client.post(reverse("cycle:decide", args=[task.pk]), data)
    task.refresh_from_db()
    assert task.state == TaskState.CONFIRMED and task.note == "Terkonfirmasi oleh APIP"
