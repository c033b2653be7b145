"""Gratification: the limits of each regulation at, below and above each threshold; deadlines
across holidays; the UPG's course (verify, forward, KPK's decision, lapsing); recaps with nihil;
who sees what; the LKE's A.I.5.i."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_user
from zona.audit.models import AuditEvent
from zona.gratification import limits, services
from zona.gratification.models import GratificationReport, Recap
from zona.notifications.models import Notification
from zona.orgs.models import Role
from zona.workdays.services import add_working_days

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BEFORE, AFTER = date(2025, 6, 2), date(2026, 6, 1)  # under Peraturan KPK 2/2019, then under 1/2026


def decide(category, value, day, **kw):
    return limits.assess(category=category, value=Decimal(value), received_on=day, **kw)


# -- the limits ("batas wajar"), Peraturan KPK 2/2019 → 1/2026 ----------------------------------


@pytest.mark.parametrize(
    ("category", "day", "limit"),
    [
        ("ceremony", BEFORE, 1_000_000),
        ("ceremony", AFTER, 1_500_000),
        ("colleague", BEFORE, 200_000),
        ("colleague", AFTER, 500_000),
        ("colleague_occasion", BEFORE, 300_000),
        ("disaster", BEFORE, 1_000_000),
        ("disaster", AFTER, 1_000_000),
    ],
)
@pytest.mark.parametrize(("delta", "must"), [(-1, False), (0, False), (1, True)])
def test_each_limit_at_below_and_above(category, day, limit, delta, must):
    """At the limit no report is needed (the limit is inclusive); one rupiah above, it is."""
    assert decide(category, limit + delta, day).must_report is must


@pytest.mark.parametrize(("day", "yearly"), [(BEFORE, 1_000_000), (AFTER, 1_500_000)])
@pytest.mark.parametrize(("delta", "must"), [(-1, False), (0, False), (1, True)])
def test_the_yearly_limit_between_colleagues(day, yearly, delta, must):
    per_giver = 100_000
    earlier = Decimal(yearly - per_giver + delta)
    assert decide("colleague", per_giver, day, same_giver_this_year=earlier).must_report is must


def test_the_regulation_is_chosen_by_the_day_received():
    assert decide("ceremony", 1_200_000, date(2026, 1, 13)).must_report is True  # 2/2019: limit 1,000,000
    assert decide("ceremony", 1_200_000, date(2026, 1, 14)).must_report is False  # 1/2026: limit 1,500,000
    assert "2 Tahun 2019" in decide("other", 1, date(2026, 1, 13)).regulation
    assert "1 Tahun 2026" in decide("other", 1, date(2026, 1, 14)).regulation


def test_what_is_never_exempt_and_what_always_is():
    assert decide("colleague_occasion", 1, AFTER).must_report is True  # the 2/2019 exemption is gone
    assert decide("colleague", 1, AFTER, money=True).must_report is True  # money between colleagues
    assert decide("other", 0, AFTER).must_report is True
    assert decide("family", 900_000_000, AFTER).must_report is False
    contrary = decide("ceremony", 1, AFTER, contrary_to_duty=True)
    assert contrary.must_refuse and contrary.must_report


@settings(max_examples=80, deadline=None)
@given(
    category=st.sampled_from([c for c, _l in limits.categories()]),
    value=st.integers(min_value=0, max_value=10**10),
    more=st.integers(min_value=0, max_value=10**9),
    day=st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
)
def test_a_bigger_gift_never_needs_less(category, value, more, day):
    if decide(category, value, day).must_report:
        assert decide(category, value + more, day).must_report


def test_overlapping_regulations_are_refused(monkeypatch):
    raw = {
        "labels": {"other": "x"},
        "regulations": [
            {"code": "a", "name": "A", "valid_from": date(2019, 1, 1), "valid_until": date(2026, 2, 1),
             "incomplete_expiry_working_days": 30, "categories": {"other": {}}},
            {"code": "b", "name": "B", "valid_from": date(2026, 1, 14), "incomplete_expiry_working_days": 20,
             "categories": {"other": {}}},
        ],
    }  # fmt: skip
    monkeypatch.setattr(limits, "data", lambda: raw)
    limits.regulations.cache_clear()
    try:
        with pytest.raises(limits.LimitsError, match="overlaps"):
            limits.regulations()
    finally:
        limits.regulations.cache_clear()


# -- reports and deadlines -------------------------------------------------------------------


def fields(**over):
    base = {
        "kind": "diterima",
        "category": "ceremony",
        "form": "barang",
        "description": "Bingkisan pernikahan",
        "value": Decimal(2_000_000),
        "received_on": date(2026, 3, 17),
        "place": "Palembang",
        "giver_name": "PT Maju",
        "giver_relationship": "Rekanan",
        "occasion": "Pernikahan anak",
        "chronology": "Diantar ke rumah",
        "handed_over": True,
    }
    return {**base, **over}


@pytest.fixture
def upg(units):
    return make_user("upg", units["SUMSEL"], Role.UPG_OFFICER)


def test_deadlines_across_holidays(cast, units, upg, monkeypatch):
    """Received Tue 17 March 2026, before Nyepi and Idul Fitri (18–24 March off): to the UPG by
    8 April (10 working days), to KPK by 7 May (30); reported 1 April, the UPG forwards by 16 April."""
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    report = services.report_create(unit=units["SUMSEL"], reporter=cast["pic"], fields=fields())
    assert report.kpk_due == date(2026, 5, 7) and report.state_due == date(2026, 4, 16)
    assert report.late_to_upg is False and report.must_report is True
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 9))
    late = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(giver_name="Lain")
    )
    assert late.late_to_upg is True
    assert Notification.objects.filter(user=upg, key=f"gratification:{report.pk}:new").exists()


def test_the_upg_course_to_kpk_decision(cast, units, upg):
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    with pytest.raises(services.GratificationError):
        services.report_step(report=report, action="forward", by=upg)  # verify first
    report = services.report_step(report=report, action="verify", by=upg)
    with pytest.raises(services.GratificationError, match="nomor laporan KPK"):
        services.report_step(report=report, action="forward", by=upg)
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-2026-123", forwarded_on=date.today()
    )
    with pytest.raises(services.GratificationError, match="bukti serah terima"):
        services.report_step(
            report=report,
            action="decide",
            by=upg,
            decision="milik_negara",
            decision_number="SK-1",
            decided_on=date.today(),
        )
    proof = SimpleUploadedFile("serah.pdf", PDF)
    report = services.report_step(
        report=report,
        action="decide",
        by=upg,
        decision="milik_negara",
        decision_number="SK-1",
        decided_on=date.today(),
        proof=proof,
    )
    assert report.state == "ditetapkan" and report.closed_on and report.handover_proof_id
    actions = list(
        AuditEvent.objects.filter(
            object_id=str(report.pk), object_type="gratification.gratificationreport"
        ).values_list("action", flat=True)
    )
    assert {
        "gratification.reported",
        "gratification.verify",
        "gratification.forward",
        "gratification.decide",
    } <= set(actions)


@pytest.mark.parametrize(
    ("received", "days", "expires"),
    [(date(2025, 12, 1), 30, None), (date(2026, 3, 17), 20, date(2026, 4, 30))],
)
def test_an_incomplete_report_lapses_after_the_regulations_days(
    cast, units, upg, monkeypatch, received, days, expires
):
    """The regulation of the day received decides: 30 working days under 2/2019, 20 under 1/2026
    (asked on 1 April 2026: 20 working days later is 30 April)."""
    monkeypatch.setattr(services, "_today", lambda: date(2026, 4, 1))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=received)
    )
    report = services.report_step(report=report, action="ask", by=upg, reason="Lampirkan foto")
    assert report.expires_on == (expires or add_working_days(date(2026, 4, 1), days))
    services.gratification_daily(today=report.expires_on)
    assert GratificationReport.objects.get(pk=report.pk).state == "perlu_dilengkapi"
    services.gratification_daily(today=date.fromordinal(report.expires_on.toordinal() + 1))
    assert GratificationReport.objects.get(pk=report.pk).state == "kedaluwarsa"


def test_the_reporter_completes_in_time(cast, units, upg):
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    services.report_step(report=report, action="ask", by=upg, reason="Lampirkan foto")
    with pytest.raises(services.GratificationError):
        services.report_complete(report=report, by=cast["coordinator"], note="x")
    report = services.report_complete(
        report=report, by=cast["pic"], note="Foto terlampir", uploads=[SimpleUploadedFile("f.pdf", PDF)]
    )
    assert report.state == "dilaporkan" and report.expires_on is None and report.attachments.count() == 1


def test_bad_input_saves_nothing(cast, units):
    with pytest.raises(services.GratificationError, match="masa depan"):
        services.report_create(
            unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2999, 1, 1))
        )
    bad_file = SimpleUploadedFile("x.pdf", b"\x7fELF\x02" + b"\x00" * 50)
    with pytest.raises(services.GratificationError, match="tidak diterima"):
        services.report_create(
            unit=units["SUMSEL"],
            reporter=cast["pic"],
            fields=fields(received_on=date.today()),
            uploads=[bad_file],
        )
    assert not GratificationReport.objects.exists()


# -- recaps to the Inspektorat -----------------------------------------------------------------


def test_recaps_with_reports_and_nihil(cast, units, upg, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2026, 2, 10))
    services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 2, 2))
    )
    monkeypatch.setattr(services, "_today", lambda: date(2026, 7, 5))
    assert services.recaps_missing(units["SUMSEL"], 2026, date(2026, 7, 5)) == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
    ]
    first = services.recap_send(unit=units["SUMSEL"], start=date(2026, 1, 1), end=date(2026, 3, 31), by=upg)
    second = services.recap_send(unit=units["SUMSEL"], start=date(2026, 4, 1), end=date(2026, 6, 30), by=upg)
    assert (first.count, first.nihil) == (1, False) and (second.count, second.nihil) == (0, True)
    assert second.document.restricted_to == "handle_gratification"
    with pytest.raises(services.GratificationError, match="sudah dikirim"):
        services.recap_send(unit=units["SUMSEL"], start=date(2026, 4, 1), end=date(2026, 6, 30), by=upg)
    with pytest.raises(services.GratificationError, match="berakhir"):
        services.recap_send(unit=units["SUMSEL"], start=date(2026, 7, 1), end=date(2026, 9, 30), by=upg)
    from openpyxl import load_workbook

    from zona.evidence.models import EvidenceVersion

    version = EvidenceVersion.objects.filter(item=second.document).first()
    with version.file.open("rb") as handle:
        sheet = load_workbook(handle).active
    assert sheet["A5"].value == "NIHIL"


# -- who sees what ---------------------------------------------------------------------------


def test_only_the_reporter_and_the_upg_see_a_report(client, cast, units, upg):
    report = services.report_create(
        unit=units["SUMSEL"],
        reporter=cast["pic"],
        fields=fields(received_on=date.today()),
        uploads=[SimpleUploadedFile("f.pdf", PDF)],
    )
    url = reverse("gratification:detail", args=[report.pk])
    for who, sees in [
        ("pic", True),
        ("coordinator", False),
        ("admin", False),
        ("outsider", False),
        ("reviewer", False),
    ]:
        client.force_login(cast[who])
        page = client.get(url)
        assert (page.status_code == 200 and report.description in page.content.decode()) is sees, who
    client.force_login(upg)
    assert report.description in client.get(url).content.decode()
    other_upg = make_user("upg_jambi", units["JAMBI"], Role.UPG_OFFICER)
    client.force_login(other_upg)
    assert client.get(url).status_code == 404
    # the attachment is the UPG's to read, not the unit's
    attachment = report.attachments.get().evidence
    client.force_login(cast["coordinator"])
    assert client.get(reverse("evidence:download_current", args=[attachment.pk])).status_code == 404
    client.force_login(upg)
    assert client.get(reverse("evidence:download_current", args=[attachment.pk])).status_code == 200
    # a UPG step by someone else changes nothing
    client.force_login(cast["coordinator"])
    client.post(reverse("gratification:step", args=[report.pk]), {"action": "verify"})
    assert GratificationReport.objects.get(pk=report.pk).state == "dilaporkan"


def test_web_report_with_a_forged_unit_is_refused(client, cast, units):
    client.force_login(cast["pic"])
    data = {k: str(v) for k, v in fields(received_on=date.today()).items()}
    data["handed_over"] = "on"
    client.post(reverse("gratification:new"), {**data, "unit": units["JAMBI"].pk})
    assert not GratificationReport.objects.exists()
    response = client.post(reverse("gratification:new"), {**data, "unit": units["SUMSEL"].pk})
    report = GratificationReport.objects.get()
    assert response["Location"] == reverse("gratification:detail", args=[report.pk])
    check = client.post(
        reverse("gratification:check"),
        {"category": "ceremony", "value": "1500000", "received_on": "2026-06-01"},
    ).content.decode()
    assert "Tidak perlu dilaporkan" in check


# -- the LKE ---------------------------------------------------------------------------------


def test_lke_suggestions_for_gratification_control(cast, units, upg, monkeypatch):
    from zona.integrity.services import socialisation_record
    from zona.lke.services import assessment_create
    from zona.lke.suggestions import suggest

    assessment = assessment_create(unit=units["SUMSEL"], year=2026, by=cast["coordinator"])
    suggestions = suggest(assessment)
    assert suggestions["A.I.5.i.b"].answer == "C" and "A.I.5.i.a" not in suggestions
    socialisation_record(
        unit=units["SUMSEL"],
        topic="gratifikasi",
        held_on=date(2026, 2, 3),
        title="Kampanye",
        channel="spanduk",
        by=upg,
    )
    assert suggest(assessment)["A.I.5.i.a"].answer == "B"  # once: not yet regular
    socialisation_record(
        unit=units["SUMSEL"],
        topic="gratifikasi",
        held_on=date(2026, 8, 3),
        title="Kampanye 2",
        channel="laman",
        by=upg,
    )
    assert suggest(assessment)["A.I.5.i.a"].answer == "A"  # in both halves of the year
    monkeypatch.setattr(services, "_today", lambda: date(2027, 1, 5))
    for quarter in range(4):
        start = date(2026, 3 * quarter + 1, 1)
        services.recap_send(unit=units["SUMSEL"], start=start, end=services.period_of(start)[1], by=upg)
    assert suggest(assessment)["A.I.5.i.b"].answer == "A"
    assert Recap.objects.filter(unit=units["SUMSEL"], nihil=True).count() == 4
