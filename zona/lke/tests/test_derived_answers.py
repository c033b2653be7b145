"""Answers derived from the PPID, complaint, SAKIP and HR registers, golden cases against the
LKE's criteria (PermenPAN-RB 90/2021, "Kriteria Nilai" of each question), and for each rule a
bad record (out of date, late, unsynced, unreported, untraced, not followed by an update) that
never raises the suggested answer. Every suggestion carries its provenance: a link and figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from zona.complaints.services import complaint_lapor_record, complaint_submit
from zona.lke.instrument import resolve
from zona.lke.models import Assessment
from zona.lke.scoring import answer_value, parse_answer
from zona.lke.suggestions import suggest
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.performance import services as performance
from zona.performance.models import Level, Target
from zona.ppid.models import AnnualReportText, InformationItem
from zona.registers import services as registers

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def english():
    """The sources and figure labels are compared in English (the code's language)."""
    with translation.override("en"):
        yield


def worth(ref: str, answer: str):
    question = resolve(None).questions[ref]
    return answer_value(question, parse_answer(question, answer), {})


def suggested(unit, year: int, ref: str):
    found = suggest(Assessment(unit=unit, year=year)).get(ref)
    if found is not None:  # provenance on every derived answer
        assert found.source and found.link and found.figures
    return found


def never_raised(before, after, ref: str) -> None:
    assert after is not None and worth(ref, after.answer) <= worth(ref, before.answer)


# -- public information: A.I.2.iii -------------------------------------------------------------
def dip(unit, category: str, updated_on: date, title: str = "Informasi"):
    extra = (
        {"consequence_test": "uji", "exemption_basis": "Ps 17 huruf a"} if category == "dikecualikan" else {}
    )
    return InformationItem.objects.create(
        unit=unit, title=title, category=category, updated_on=updated_on, **extra
    )


def test_a_i_2_iii_a_a_complete_and_up_to_date_dip_is_a_and_an_out_of_date_item_drops_it(units):
    unit = units["SUMSEL"]
    assert suggested(unit, 2025, "A.I.2.iii.a") is None  # nothing recorded: no data, not "no PPID"
    for category in ("berkala", "serta_merta", "setiap_saat"):  # UU 14/2008 Pasal 9–11
        dip(unit, category, date(2025, 10, 1))
    best = suggested(unit, 2025, "A.I.2.iii.a")
    assert best.answer == "A" and best.link.endswith("/dip/?tahun=2025")
    dip(unit, "berkala", date(2025, 3, 1), "LRA semester I")  # not updated within 6 months (Ps 9(4))
    worse = suggested(unit, 2025, "A.I.2.iii.a")
    assert worse.answer == "B" and dict(worse.figures)["periodic items out of date"] == 1
    never_raised(best, worse, "A.I.2.iii.a")


def test_a_i_2_iii_a_a_dip_missing_a_category_is_not_complete(units):
    dip(units["SUMSEL"], "berkala", date(2025, 10, 1))
    assert suggested(units["SUMSEL"], 2025, "A.I.2.iii.a").answer == "B"


def test_a_i_2_iii_a_requests_without_a_published_dip_are_c(units):
    from zona.ppid.tests.factories import submit

    submit(units["SUMSEL"], received_on=date(2024, 4, 1))
    found = suggested(units["SUMSEL"], 2024, "A.I.2.iii.a")
    assert found.answer == "C" and dict(found.figures)["information requests"] == 1


def test_a_i_2_iii_b_the_annual_report_sent_is_monitoring_without_seen_follow_up(units):
    unit = units["SUMSEL"]
    dip(unit, "berkala", date(2025, 10, 1))
    assert suggested(unit, 2025, "A.I.2.iii.b").answer == "C"  # no report sent in the year
    AnnualReportText.objects.create(unit=unit, year=2024, submitted_on=date(2025, 3, 20))
    found = suggested(unit, 2025, "A.I.2.iii.b")
    assert found.answer == "B" and "attach" in found.source  # A needs the follow-up Zona can't see


# -- complaints: A.I.5.iii.a/b, A.I.6.iii.a ---------------------------------------------------
def complaint(unit, received_on: date, channel: str = "web", lapor_id: str = ""):
    return complaint_submit(
        unit=unit, subject="Layanan", description="Lama", category="pelayanan", channel=channel,
        reporter_name="Budi", reporter_contact="0812", received_on=received_on, lapor_id=lapor_id,
    )[0]  # fmt: skip


def test_a_i_5_iii_a_is_b_only_when_every_complaint_is_handled_never_a_without_the_innovation(units):
    """LKE A.I.5.iii.a, B: "telah mengimplementasikan seluruh kebijakan pengaduan masyarakat sesuai
    dengan yang ditetapkan organisasi"; C: "belum mengimplementasikan kebijakan pengaduan
    masyarakat". Complaints past their deadline, not completed, do not show the whole policy
    implemented: C, with the figures as they are, never "handled under the unit's procedure"."""
    unit, today = units["SUMSEL"], timezone.localdate()
    assert suggested(unit, today.year, "A.I.5.iii.a") is None
    complaint(unit, today)  # within its deadline
    found = suggested(unit, today.year, "A.I.5.iii.a")
    assert found.answer == "B" and "innovation" in found.source
    for day in (2, 3, 4):  # three left open past their deadline: the reviewer's case
        complaint(unit, date(today.year, 1, day))
    late = suggested(unit, today.year, "A.I.5.iii.a")
    assert late.answer == "C" and "handled under" not in late.source
    assert "4 complaints received" in late.source and "0 completed, 3 past their deadline" in late.source
    assert suggested(unit, today.year, "A.I.5.iii.b").answer == "Tidak"  # the two answers agree
    never_raised(found, late, "A.I.5.iii.a")


def test_a_i_5_iii_a_a_complaint_completed_after_its_deadline_is_not_the_procedure_followed(units):
    """A completion 200 days after a 14-working-day deadline is completed, not handled as the
    procedure says: A.I.5.iii.a drops to C and names it; A.I.5.iii.b (followed up) stays Ya."""
    from zona.cases.models import Case
    from zona.complaints.models import Complaint

    unit, today = units["SUMSEL"], timezone.localdate()
    received = date(today.year - 1, 1, 5)
    case = complaint(unit, received)
    Case.objects.filter(pk=case.pk).update(state="selesai")
    Complaint.objects.filter(case=case).update(
        complaint_type="tidak_berkadar_pengawasan", completed_on=received + timedelta(days=10)
    )
    on_time = suggested(unit, received.year, "A.I.5.iii.a")
    assert on_time.answer == "B"
    Complaint.objects.filter(case=case).update(completed_on=received + timedelta(days=200))
    late = suggested(unit, received.year, "A.I.5.iii.a")
    assert late.answer == "C" and dict(late.figures)["completed after the deadline"] == 1
    assert "1 of the completed were completed after their deadline" in late.source
    assert suggested(unit, received.year, "A.I.5.iii.b").answer == "Ya"
    never_raised(on_time, late, "A.I.5.iii.a")


def test_a_i_5_iii_b_followed_up_unless_one_is_past_its_deadline(units):
    unit, today = units["SUMSEL"], timezone.localdate()
    complaint(unit, today)  # within its deadline
    best = suggested(unit, today.year, "A.I.5.iii.b")
    assert best.answer == "Ya"
    complaint(unit, date(today.year, 1, 2))  # a bad record: left open past its deadline
    worse = suggested(unit, today.year, "A.I.5.iii.b")
    assert worse.answer == "Tidak" and dict(worse.figures)["past the deadline"] == 1
    never_raised(best, worse, "A.I.5.iii.b")


def test_a_i_6_iii_a_channels_officer_and_the_sp4n_lapor_link(units, cast):
    unit = units["SUMSEL"]
    complaint(unit, date(2025, 5, 2), "langsung")
    assert suggested(unit, 2025, "A.I.6.iii.a").answer == "D"  # offline only
    complaint(unit, date(2025, 5, 3), "web")
    assert suggested(unit, 2025, "A.I.6.iii.a").answer == "C"  # both, no officer
    role_grant(user=cast["pic"], unit=unit, role=Role.COMPLAINT_OFFICER)
    assert suggested(unit, 2025, "A.I.6.iii.a").answer == "B"  # not integrated with SP4N-LAPOR!
    linked = complaint(unit, date(2025, 5, 4), "lapor", lapor_id="LAPOR-1")
    unsynced = suggested(unit, 2025, "A.I.6.iii.a")
    assert unsynced.answer == "B"  # a LAPOR! report without its status recorded is no link yet
    complaint_lapor_record(case=linked, status="proses", synced_on=date(2025, 5, 10), by=cast["pic"])
    best = suggested(unit, 2025, "A.I.6.iii.a")
    assert best.answer == "A" and dict(best.figures)["of them with the LAPOR! status recorded"] == 1
    complaint(unit, date(2025, 6, 1), "lapor", lapor_id="LAPOR-2")  # a bad record: not synced
    never_raised(best, suggested(unit, 2025, "A.I.6.iii.a"), "A.I.6.iii.a")


def test_a_i_6_iii_a_counts_an_officer_appointed_over_the_unit(units, cast):
    """An officer appointed at the province for its units handles the regency's complaints: the
    role holders over the unit count, one on a sibling or on the province alone does not."""
    unit = units["PALEMBANG"]
    complaint(unit, date(2025, 5, 2), "langsung")
    complaint(unit, date(2025, 5, 3), "web")
    role_grant(user=cast["pic"], unit=units["LAHAT"], role=Role.COMPLAINT_OFFICER, include_descendants=True)
    role_grant(user=cast["viewer"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    assert suggested(unit, 2025, "A.I.6.iii.a").answer == "C"  # nobody over Palembang
    officer = Role.COMPLAINT_OFFICER
    role_grant(user=cast["coordinator"], unit=units["SUMSEL"], role=officer, include_descendants=True)
    found = suggested(unit, 2025, "A.I.6.iii.a")
    assert found.answer == "B" and "1 complaint officers" in found.source


# -- SAKIP: A.I.4.i.b, A.I.4.ii.c/d/f/g, cascading A.II.4.iii.a --------------------------------
def agreement(unit, signed: bool = True):
    upload = SimpleUploadedFile("pk.pdf", PDF) if signed else None
    return performance.agreement_open(
        unit=unit, year=2025, by=None, signed_on=date(2025, 1, 31) if signed else None, upload=upload
    )


def indicator(target, formula: str = "jumlah ÷ target × 100"):
    values = {"name": "Persentase layanan", "measure": "%", "annual_target": "100", "formula": formula}
    return performance.indicator_add(target=target, values=values, by=None)


def test_a_i_4_i_b_a_signed_agreement_is_b_and_unsigned_c(units):
    unit = units["SUMSEL"]
    assert suggested(unit, 2025, "A.I.4.i.b") is None
    agreement(unit, signed=False)
    assert suggested(unit, 2025, "A.I.4.i.b").answer == "C"
    agreement(unit)
    found = suggested(unit, 2025, "A.I.4.i.b")
    assert found.answer == "B" and "minutes" in found.source  # A: every stage, not seen by Zona


def test_a_i_4_ii_iku_smart_report_and_information(units):
    unit = units["SUMSEL"]
    pk = agreement(unit)
    target = performance.target_add(agreement=pk, code="S1", text="Layanan prima", by=None)
    first = indicator(target)
    performance.realisation_record(indicator=first, quarter=4, value="100", note="", by=None)
    best = {
        ref: suggested(unit, 2025, ref) for ref in ("A.I.4.ii.c", "A.I.4.ii.d", "A.I.4.ii.f", "A.I.4.ii.g")
    }
    assert [best[r].answer for r in sorted(best)] == ["Ya", "A", "A", "Ya"]
    performance.target_add(agreement=pk, code="S2", text="Tanpa IKU", by=None)  # a sasaran without IKU
    indicator(target, formula="")  # an indicator without a formula, never reported
    worse = {ref: suggested(unit, 2025, ref) for ref in best}
    assert worse["A.I.4.ii.c"].answer == "Tidak"
    assert worse["A.I.4.ii.d"].answer == "C"  # 1 of 2 is not "most" (more than half)
    assert worse["A.I.4.ii.f"].answer == "B"
    for ref in best:
        never_raised(best[ref], worse[ref], ref)


def test_a_ii_4_iii_a_cascading_to_every_employee(units):
    unit = units["SUMSEL"]
    pk = agreement(unit)
    top = performance.target_add(agreement=pk, code="S1", text="Layanan prima", by=None)
    assert suggested(unit, 2025, "A.II.4.iii.a").answer == "D"  # no cascade
    team = performance.target_add(
        agreement=pk, code="S1.1", text="Tim", by=None, parent=top, level="tim", holder="Tim A"
    )
    performance.target_add(
        agreement=pk, code="S1.1.1", text="Ani", by=None, parent=team, level="individu", holder="Ani"
    )
    registers.headcount_set(unit=unit, year=2025, employees=2, by=None)
    assert suggested(unit, 2025, "A.II.4.iii.a").answer == "B"  # 1 of 2 employees
    performance.target_add(
        agreement=pk, code="S1.1.2", text="Budi", by=None, parent=team, level="individu", holder="Budi"
    )
    best = suggested(unit, 2025, "A.II.4.iii.a")
    assert best.answer == "A"
    Target.objects.create(agreement=pk, code="X", text="Lepas", level=Level.PERSON, holder="Cici")  # untraced
    worse = suggested(unit, 2025, "A.II.4.iii.a")
    assert worse.answer == "C"
    never_raised(best, worse, "A.II.4.iii.a")


# -- HR: A.I.3.ii.a, A.I.3.iv.c, A.I.3.vi.a ----------------------------------------------------
def entry(unit, kind: str, **raw):
    return registers.entry_save(unit=unit, kind=kind, raw=raw, by=None)


def test_a_i_3_ii_a_a_transfer_between_positions(units):
    unit = units["SUMSEL"]
    assert suggested(unit, 2025, "A.I.3.ii.a") is None
    entry(
        unit, "mutasi", pegawai="Ani", jenis="Rotasi", dari="Staf Umum", ke="staf  umum", tanggal="2025-03-01"
    )
    assert suggested(unit, 2025, "A.I.3.ii.a").answer == "Tidak"  # the same position
    entry(
        unit,
        "mutasi",
        pegawai="Budi",
        jenis="Rotasi",
        dari="Staf Umum",
        ke="Staf Teknis",
        tanggal="2025-04-01",
    )
    assert suggested(unit, 2025, "A.I.3.ii.a").answer == "Ya"


def test_a_i_3_iv_c_the_period_every_employee_is_measured_in(units):
    unit = units["SUMSEL"]
    for month in (3, 6, 9, 12):
        entry(unit, "skp", pegawai="Ani", tanggal=f"2025-{month:02d}-20", predikat="Baik")
    best = suggested(unit, 2025, "A.I.3.iv.c")
    assert best.answer == "B"  # quarterly (the LKE's option B)
    for month in range(1, 13):
        entry(unit, "skp", pegawai="Budi", tanggal=f"2025-{month:02d}-20", predikat="Baik")
    assert suggested(unit, 2025, "A.I.3.iv.c").answer == "B"  # the lowest employee's period
    entry(unit, "skp", pegawai="Cici", tanggal="2025-12-20", predikat="Baik")  # yearly only
    worse = suggested(unit, 2025, "A.I.3.iv.c")
    assert worse.answer == "D"
    never_raised(best, worse, "A.I.3.iv.c")
    registers.headcount_set(unit=unit, year=2025, employees=4, by=None)  # someone never assessed
    assert suggested(unit, 2025, "A.I.3.iv.c").answer == "E"


def test_a_i_3_vi_a_updated_after_every_change(units):
    unit = units["SUMSEL"]
    entry(unit, "mutasi", pegawai="Ani", jenis="Rotasi", dari="A", ke="B", tanggal="2025-03-01")
    assert suggested(unit, 2025, "A.I.3.vi.a").answer == "C"  # a change, no update
    entry(unit, "pemutakhiran", pegawai="ani", tanggal="2025-03-05", data="Jabatan")
    best = suggested(unit, 2025, "A.I.3.vi.a")
    assert best.answer == "A"
    entry(
        unit, "mutasi", pegawai="Budi", jenis="Mutasi", dari="B", ke="C", tanggal="2025-06-01"
    )  # not followed
    worse = suggested(unit, 2025, "A.I.3.vi.a")
    assert worse.answer == "B"
    never_raised(best, worse, "A.I.3.vi.a")


# -- zona lke explain / zona reform-figures: every derived answer, its rule and its source -----
def test_explain_lists_each_derived_answer_with_its_rule_and_the_answers_typed_by_hand(units, capsys):
    import json

    from django.core.management import CommandError, call_command

    from zona.lke.models import Level
    from zona.lke.services import answer_save, assessment_create

    unit = units["SUMSEL"]
    entry(unit, "mutasi", pegawai="Ani", jenis="Rotasi", dari="A", ke="B", tanggal="2025-03-01")
    assessment = assessment_create(unit=unit, year=2025, by=None)
    answer_save(
        assessment=assessment, level=Level.SELF, ref="A.I.3.vi.a", raw="B", by=None, justification="SIASN"
    )
    answer_save(assessment=assessment, level=Level.SELF, ref="A.I.1.i.b", raw="A", by=None)
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2025", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    derived = {d["ref"]: d for d in data["derived"]}
    transfer = derived["A.I.3.ii.a"]
    assert transfer["answer"] == "Ya" and transfer["status"] == "unanswered"
    assert (
        transfer["function"] == "zona.registers.lke_hr.transfers" and "rotation register" in transfer["rule"]
    )
    assert "PermenPAN-RB 90/2021" in transfer["source"] and "Rotation register" in transfer["records"]
    assert transfer["inputs"]["figure1"] == {"label": "transfers between positions", "value": 1}
    assert transfer["link"].endswith("/mutasi/?tahun=2025")
    updated = derived["A.I.3.vi.a"]
    assert (updated["answer"], updated["self_answer"], updated["status"]) == ("C", "B", "differs")
    assert data["typed"] == [{"ref": "A.I.1.i.b", "answer": "A", "justification": ""}]
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2025")
    text = capsys.readouterr().out
    assert "A.I.3.ii.a" in text and "zona.registers.lke_hr.transfers" in text and "A.I.1.i.b: A" in text
    call_command("reform_figures", "--unit", "SUMSEL", "--year", "2025")
    text = capsys.readouterr().out
    assert "rule: Ya when the rotation register" in text and "source: LKE ZI A.I.3.ii.a" in text
    assert "zona.registers" not in text  # the regulation, not a function name
    with pytest.raises(CommandError):
        call_command("lke", "explain", "--unit", "NOPE", "--year", "2025")


def test_every_rule_leads_to_its_records(units, seed_plan):
    """A rule that names no page gets its module's register (provenance on every answer)."""
    from zona.lke.lke_plans import plan_document_exists
    from zona.lke.provenance import records_page

    found = suggest(Assessment(unit=seed_plan.unit, year=seed_plan.year))["A.I.1.ii.a"]
    assert found.link == f"/rencana/{seed_plan.pk}/"
    assert records_page(plan_document_exists, Assessment(unit=units["JAMBI"], year=2025)) == ""


def test_the_derivation_thresholds_are_checked_on_load():
    from zona.lke.derivations import DerivationDataError, _check, derivations

    assert derivations()["skp_frequency"]["periods"] == {"A": 12, "B": 4, "C": 2, "D": 1}
    broken = {**derivations(), "skp_frequency": {"source": "x", "periods": {"A": 1, "B": 4, "C": 2, "D": 1}}}
    with pytest.raises(DerivationDataError):
        _check(broken)
    with pytest.raises(DerivationDataError):
        _check({**derivations(), "dip_categories": {"required": ["berkala"]}})  # no source


# -- the calculations, over any register ----------------------------------------------------
DAYS = st.sets(st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)), min_size=1, max_size=30)
LETTERS = "ABCDE"


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=5), DAYS, min_size=1, max_size=5), DAYS)
def test_an_employee_measured_less_often_never_raises_the_skp_frequency(people, days):
    from zona.registers.lke_hr import skp_letter

    before = skp_letter(people, None)
    after = skp_letter({**people, "\x00new": days}, None)
    assert LETTERS.index(after) >= LETTERS.index(before)
    assert skp_letter({}, None) == "E"  # nothing recorded never beats the lowest option
    assert skp_letter(people, len(people) + 1) == "E"  # someone in the headcount never assessed


@given(st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.sampled_from(range(4)))
def test_losing_a_channel_the_officer_or_the_lapor_link_never_raises_a_i_6_iii_a(
    online, offline, officer, lapor, drop
):
    from zona.complaints.lke_handling import _channel_answer

    facts = [online, offline, officer, lapor]
    worse = [value and index != drop for index, value in enumerate(facts)]
    assert LETTERS.index(_channel_answer(*worse)) >= LETTERS.index(_channel_answer(*facts))
    assert _channel_answer(True, True, True, True) == "A"
