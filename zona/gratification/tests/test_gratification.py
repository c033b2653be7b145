"""Gratification: the limits of each regulation at, below and above each threshold; deadlines
across holidays, never past KPK's; the UPG's course (verify with a finding, forward, KPK's
request and its lapse, KPK's decision); late reports and what they entail; the sub-UPG step;
reports made straight to KPK; recaps with nihil; who sees what; the LKE's A.I.5.i."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_user
from zona.audit.models import AuditEvent
from zona.gratification import deadlines, limits, recaps, services
from zona.gratification.models import GratificationReport, Recap
from zona.gratification.selectors import get_report_for_user
from zona.lib.files import FileRejected
from zona.notifications.models import Notification
from zona.orgs.holders import units_granted
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
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 1))
    report = services.report_create(unit=units["SUMSEL"], reporter=cast["pic"], fields=fields())
    assert report.kpk_due == date(2026, 5, 7) and report.state_due == date(2026, 4, 16)
    assert report.late_to_upg is False and report.must_report is True
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 9))
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
    with pytest.raises(services.GratificationError, match="temuan UPG"):
        services.report_step(report=report, action="verify", by=upg)
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    with pytest.raises(services.GratificationError, match="dicatat saja"):
        services.report_step(report=report, action="record", reason="Tidak perlu", by=upg)
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


def test_the_upg_asking_for_completion_never_lapses_a_report(cast, units, upg, monkeypatch):
    """Lapsing for incompleteness is KPK's rule after its own request: the UPG's request only
    waits for the reporter, and the UPG still has to forward by its deadline (never past KPK's)."""
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 1))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 3, 17))
    )
    report = services.report_step(report=report, action="ask", by=upg, reason="Lampirkan foto")
    assert report.expires_on is None and report.state_due == date(2026, 4, 16)
    services.gratification_daily(today=date(2026, 12, 31))
    report = GratificationReport.objects.get(pk=report.pk)
    assert report.state == "perlu_dilengkapi" and report.closed_on is None
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-1", forwarded_on=date(2026, 4, 1)
    )
    assert report.state == "diteruskan_kpk" and report.reportable  # forwarded incomplete: KPK decides


@pytest.mark.parametrize(
    ("asked", "expires"),
    [
        (date(2026, 1, 13), date(2026, 2, 27)),  # Peraturan KPK 2/2019 on the day asked: 30 working days
        (date(2026, 1, 14), date(2026, 2, 12)),  # 1/2026 in force that day: 20 (16 Feb cuti bersama)
    ],
)
def test_kpk_drops_an_incomplete_report_by_the_regulation_of_the_day_it_asked(
    cast, units, upg, monkeypatch, asked, expires
):
    """The gift was received under 2/2019 in both cases: the day of KPK's request decides."""
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 1, 12))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2025, 12, 22))
    )
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-9", forwarded_on=date(2026, 1, 12)
    )
    monkeypatch.setattr(services, "local_today", lambda: asked)
    report = services.report_step(
        report=report, action="kpk_ask", by=upg, reason="Foto barang", asked_on=asked
    )
    assert report.expires_on == expires and report.state_due == expires
    services.report_complete(
        report=report, by=cast["pic"], note="Foto terlampir", uploads=[SimpleUploadedFile("f.pdf", PDF)]
    )
    assert Notification.objects.filter(
        user=upg, key__startswith=f"gratification:{report.pk}:for-kpk"
    ).exists()
    services.gratification_daily(today=expires)
    assert GratificationReport.objects.get(pk=report.pk).state == "kpk_minta_lengkap"
    services.gratification_daily(today=date.fromordinal(expires.toordinal() + 1))
    report = GratificationReport.objects.get(pk=report.pk)
    assert report.state == "gugur_kpk" and report.closed_on


def test_a_report_found_not_reportable_is_recorded_with_a_reason(cast, units, upg):
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    assert report.must_report  # Rp2,000,000 at a wedding: above the limit
    with pytest.raises(services.GratificationError, match="alasan UPG"):
        services.report_step(report=report, action="verify", reportable="tidak", by=upg)
    report = services.report_step(
        report=report, action="verify", reportable="tidak", reason="Dari keluarga, tanpa benturan", by=upg
    )
    report = services.report_step(report=report, action="record", reason="Pemberian keluarga", by=upg)
    assert report.state == "dicatat" and report.reportable is False


def test_the_upg_deadline_never_runs_past_kpk(cast, units, upg, monkeypatch):
    """Received 20 February 2026, reported to the UPG on 1 April (late): 10 working days from then
    would be 16 April, but KPK's 30 working days from receipt end on 13 April."""
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 1))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 2, 20))
    )
    assert report.late_to_upg and report.kpk_due == date(2026, 4, 13)
    assert report.state_due == report.kpk_due
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    assert report.state_due == report.kpk_due


@pytest.mark.parametrize(
    ("received", "forwarded", "consequences"),
    [
        (date(2025, 10, 1), date(2026, 1, 5), 1),  # late under 2/2019: Pasal 12C only
        (date(2026, 2, 2), date(2026, 4, 30), 2),  # late under 1/2026: also milik negara
        (date(2026, 3, 17), date(2026, 5, 7), 0),  # on the last day: not late
    ],
)
def test_forwarding_after_the_kpk_deadline_is_flagged_with_its_consequence(
    client, cast, units, upg, monkeypatch, received, forwarded, consequences
):
    monkeypatch.setattr(services, "local_today", lambda: forwarded)
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=received)
    )
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-7", forwarded_on=forwarded
    )
    assert report.late_to_kpk is bool(consequences)
    assert len(deadlines.late_consequences(report, forwarded)) == consequences
    client.force_login(upg)
    page = client.get(reverse("gratification:detail", args=[report.pk])).content.decode()
    assert ('id="late"' in page) is bool(consequences)
    assert ("KPK dapat menetapkan gratifikasi yang terlambat" in page) is (consequences == 2)
    event = report.events.get(action="forward")
    assert ("12C" in event.note) is bool(consequences)


def test_an_unforwarded_report_past_the_deadline_shows_what_it_risks(client, cast, units, upg, monkeypatch):
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 3, 20))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 3, 17))
    )
    assert not deadlines.overdue_to_kpk(report, date(2026, 5, 7))
    assert deadlines.overdue_to_kpk(report, date(2026, 5, 8))
    assert len(deadlines.late_consequences(report, date(2026, 5, 8))) == 2


def test_a_sub_upg_passes_the_report_up_within_7_working_days(client, cast, units, upg, monkeypatch):
    """Palembang's own UPG sits under Sumatera Selatan's: 7 working days to pass it on, then the
    UPG above has 10 from its receipt (never past KPK's), sees it and works it."""
    sub = make_user("upg_plg", units["PALEMBANG"], Role.UPG_OFFICER)
    reporter = make_user("pegawai_plg", units["PALEMBANG"], Role.PIC)
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 1))
    report = services.report_create(
        unit=units["PALEMBANG"], reporter=reporter, fields=fields(received_on=date(2026, 3, 30))
    )
    assert deadlines.upg_level(report) == "sub" and report.state_due == date(2026, 4, 13)  # 3 April off
    client.force_login(upg)  # the UPG above holds no role over Palembang: not yet its report
    assert client.get(reverse("gratification:detail", args=[report.pk])).status_code == 404
    main = services.report_create(unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(giver_name="B"))
    with pytest.raises(services.GratificationError, match="UPG utama"):
        services.report_step(report=main, action="pass_up", by=upg)  # nothing above Sumatera Selatan
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 4, 6))
    report = services.report_step(report=report, action="pass_up", by=sub)
    assert report.upg_unit == units["SUMSEL"] and report.upg_received_on == date(2026, 4, 6)
    assert report.state_due == date(2026, 4, 20) and deadlines.upg_level(report) == "utama"
    assert Notification.objects.filter(user=upg, key=f"gratification:{report.pk}:passed").exists()
    page = client.get(reverse("gratification:detail", args=[report.pk])).content.decode()
    assert report.description in page and 'id="passed-up"' in page
    client.post(reverse("gratification:step", args=[report.pk]), {"action": "verify", "reportable": "ya"})
    assert GratificationReport.objects.get(pk=report.pk).state == "diverifikasi"
    assert report.number in client.get(reverse("gratification:unit", args=["sumsel"])).content.decode()


def test_a_report_made_straight_to_kpk_is_recorded(cast, units, upg, monkeypatch):
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 6, 20))
    gift = {"unit": units["SUMSEL"], "reporter": cast["pic"], "fields": fields(received_on=date(2026, 6, 1))}
    with pytest.raises(services.GratificationError, match="nomor laporan KPK"):
        services.report_create(**gift, channel="gol")
    with pytest.raises(services.GratificationError, match="antara"):
        services.report_create(**gift, channel="gol", kpk_reference="GOL-3", sent_to_kpk_on=date(2026, 5, 1))
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 6, 1)),
        channel="email", kpk_reference="EM-2026-77", sent_to_kpk_on=date(2026, 6, 3),
    )  # fmt: skip
    assert report.state == "diteruskan_kpk" and report.forwarded_on == date(2026, 6, 3)
    assert not report.late_to_kpk and not report.late_to_upg and report.state_due is None
    assert report.events.get().action == "reported_direct"
    assert Notification.objects.filter(user=upg, key=f"gratification:{report.pk}:new").exists()
    rows = recaps.recap_rows(units["SUMSEL"], date(2026, 4, 1), date(2026, 6, 30))
    assert report in rows


def test_the_migration_reopens_reports_that_lapsed_at_the_upg(cast, units):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "zona.gratification.migrations.0002_report_channel_upg_levels_kpk_request"
    )
    lapsed = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    recorded = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today(), giver_name="Lain")
    )
    GratificationReport.objects.filter(pk=lapsed.pk).update(state="kedaluwarsa", closed_on=date.today())
    GratificationReport.objects.filter(pk=recorded.pk).update(state="dicatat", closed_on=date.today())
    migration.reports_under_the_new_course(apps, None)
    lapsed, recorded = (
        GratificationReport.objects.get(pk=lapsed.pk),
        GratificationReport.objects.get(pk=recorded.pk),
    )
    assert lapsed.state == "perlu_dilengkapi" and lapsed.closed_on is None
    assert recorded.reportable is False


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


@pytest.mark.parametrize("state", ["dilaporkan", "diverifikasi", "diteruskan_kpk", "ditetapkan", "gugur_kpk"])
def test_the_reporter_completes_only_what_was_asked_through_the_workflow_guard(cast, units, upg, state):
    """Outside the two states that wait for the reporter the step is refused with the workflow
    guard's message (zona.cases.workflow.transition_for), and nothing is attached or logged."""
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    GratificationReport.objects.filter(pk=report.pk).update(state=state)
    events = report.events.count()
    with pytest.raises(services.GratificationError, match="tidak dapat dilakukan pada status saat ini"):
        services.report_complete(
            report=report, by=cast["pic"], note="Foto", uploads=[SimpleUploadedFile("f.pdf", PDF)]
        )
    report = GratificationReport.objects.get(pk=report.pk)
    assert (report.state, report.attachments.count(), report.events.count()) == (state, 0, events)


def test_what_kpk_asked_for_is_handed_to_the_upg_while_the_report_waits_on_kpk(client, cast, units, upg):
    report = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date.today())
    )
    report = services.report_step(report=report, action="verify", reportable="ya", by=upg)
    report = services.report_step(
        report=report, action="forward", by=upg, kpk_reference="GOL-1", forwarded_on=date.today()
    )
    report = services.report_step(
        report=report, action="kpk_ask", by=upg, reason="Foto barang", asked_on=date.today()
    )
    expires = report.expires_on
    report = services.report_complete(report=report, by=cast["pic"], note="Foto terlampir")
    assert (report.state, report.state_due, report.expires_on) == ("kpk_minta_lengkap", expires, expires)
    assert report.events.filter(action="completed_for_kpk", actor=cast["pic"]).exists()
    client.force_login(upg)
    page = client.get(reverse("gratification:detail", args=[report.pk])).content.decode()
    assert 'value="kpk_completed"' in page and 'value="completed_for_kpk"' not in page  # the reporter's
    # the reporter's steps posted by hand: the UPG can't take them
    for action in ("completed_for_kpk", "completed"):
        client.post(reverse("gratification:step", args=[report.pk]), {"action": action, "reason": "x"})
    assert list(report.events.filter(actor=upg, action__startswith="completed")) == []


def test_bad_input_saves_nothing(cast, units):
    with pytest.raises(services.GratificationError, match="masa depan"):
        services.report_create(
            unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2999, 1, 1))
        )
    bad_file = SimpleUploadedFile("x.pdf", b"\x7fELF\x02" + b"\x00" * 50)
    with pytest.raises(FileRejected, match="tidak diterima"):
        services.report_create(
            unit=units["SUMSEL"],
            reporter=cast["pic"],
            fields=fields(received_on=date.today()),
            uploads=[bad_file],
        )
    assert not GratificationReport.objects.exists()


# -- recaps to the Inspektorat -----------------------------------------------------------------


def test_recaps_with_reports_and_nihil(cast, units, upg, monkeypatch):
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 2, 10))
    services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 2, 2))
    )
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 7, 5))
    assert recaps.recaps_missing(units["SUMSEL"], 2026, date(2026, 7, 5)) == [
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 6, 30)),
    ]
    first = recaps.recap_send(unit=units["SUMSEL"], start=date(2026, 1, 1), end=date(2026, 3, 31), by=upg)
    second = recaps.recap_send(unit=units["SUMSEL"], start=date(2026, 4, 1), end=date(2026, 6, 30), by=upg)
    assert (first.count, first.nihil) == (1, False) and (second.count, second.nihil) == (0, True)
    assert second.document.restricted_to == "handle_gratification"
    with pytest.raises(services.GratificationError, match="sudah dikirim"):
        recaps.recap_send(unit=units["SUMSEL"], start=date(2026, 4, 1), end=date(2026, 6, 30), by=upg)
    with pytest.raises(services.GratificationError, match="berakhir"):
        recaps.recap_send(unit=units["SUMSEL"], start=date(2026, 7, 1), end=date(2026, 9, 30), by=upg)
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
    monkeypatch.setattr(services, "local_today", lambda: date(2027, 1, 5))
    for quarter in range(4):
        start = date(2026, 3 * quarter + 1, 1)
        recaps.recap_send(unit=units["SUMSEL"], start=start, end=recaps.period_of(start)[1], by=upg)
    assert suggest(assessment)["A.I.5.i.b"].answer == "A"
    assert Recap.objects.filter(unit=units["SUMSEL"], nihil=True).count() == 4
    # a report that reached KPK after its 30 working days is not "handled": A is out of reach
    monkeypatch.setattr(services, "local_today", lambda: date(2026, 12, 1))
    late = services.report_create(
        unit=units["SUMSEL"], reporter=cast["pic"], fields=fields(received_on=date(2026, 10, 1))
    )
    services.report_step(report=late, action="verify", reportable="ya", by=upg)
    services.report_step(
        report=late, action="forward", by=upg, kpk_reference="GOL-8", forwarded_on=date(2026, 12, 1)
    )
    found = suggest(assessment)["A.I.5.i.b"]
    assert found.answer == "B" and "0 dari 1 laporan ditangani" in found.source and "tidak A" in found.source


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    received=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)),
    late_by=st.integers(min_value=0, max_value=60),
    state=st.sampled_from(deadlines.UPG_STATES),
    sub=st.booleans(),
)
def test_the_upg_deadline_is_never_past_kpk(units, received, late_by, state, sub):
    """Property: whatever the day received, the day the UPG got it, the state and the UPG's
    level, the UPG's next step is due no later than the KPK deadline (UU 20/2001 Pasal 12C)."""
    reported = add_working_days(received, late_by)
    report = GratificationReport(
        unit=units["PALEMBANG"] if sub else units["SUMSEL"],
        received_on=received,
        reported_on=reported,
        upg_received_on=reported,
        kpk_due=add_working_days(received, 30),
    )
    due = deadlines.state_due(report, state, reported)
    assert due is not None and due <= report.kpk_due


def _asked_by(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_report_is_fetched_by_what_the_page_does_with_it(cast, units, upg):
    report = services.report_create(unit=units["SUMSEL"], reporter=cast["pic"], fields=fields())
    assert get_report_for_user(_asked_by(cast["pic"]), report.pk) == report  # the reporter sees it
    assert get_report_for_user(_asked_by(upg), report.pk, "handle") == report
    assert get_report_for_user(_asked_by(cast["pic"]), report.pk, "complete") == report
    with pytest.raises(PermissionDenied):  # the reporter does not work their own report
        get_report_for_user(_asked_by(cast["pic"]), report.pk, "handle")
    with pytest.raises(Http404):  # the UPG does not add to the reporter's completion
        get_report_for_user(_asked_by(upg), report.pk, "complete")
    stranger = make_user("upg_plg", units["PALEMBANG"], Role.UPG_OFFICER)
    with pytest.raises(Http404):  # a UPG below sees nothing of the unit above
        get_report_for_user(_asked_by(stranger), report.pk)


def test_a_upg_officer_who_left_makes_no_sub_upg(units, upg):
    sub = make_user("upg_plg", units["PALEMBANG"], Role.UPG_OFFICER)
    assert (
        deadlines.is_sub_upg(units["PALEMBANG"])
        and deadlines.upg_above(units["PALEMBANG"]) == units["SUMSEL"]
    )
    sub.is_active = False
    sub.save()
    assert not deadlines.is_sub_upg(units["PALEMBANG"])  # as role_holders: only active accounts hold a role
    assert units["PALEMBANG"] not in units_granted([Role.UPG_OFFICER])
