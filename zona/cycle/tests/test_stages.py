"""The national cycle's rules: opening many units at once, the stages' order and outcomes, the
objection's window (data/cycle.yaml), who records what (zona/orgs/permissions.py), the TPN's
survey figures replacing the unit's stand-in in the LKE's score and gates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from zona.cycle.models import Entry, StageRecord, TpiTeam, TpnFigures
from zona.cycle.rules import rules
from zona.cycle.services import CycleError, cycle_open, stage_record, teams_parse, tpn_figures_enter
from zona.lke.models import Assessment
from zona.lke.services import assessment_create, level_answers, level_score
from zona.workdays.services import add_working_days

from .conftest import walk


def test_opening_gives_every_unit_below_its_self_assessment_and_place(units, cast, apip):
    kept = assessment_create(unit=units["PALEMBANG"], year=2026, by=cast["child"])
    team = teams_parse(["Tim A=tpi", "Tim B=pemantau"], year=2026, by=apip)
    opened = cycle_open(year=2026, under=units["SUMSEL"], teams=team, by=apip)
    assert (opened.entries, opened.assessments, opened.skipped) == (3, 2, 0)
    entries = {e.unit.code: e for e in Entry.objects.select_related("unit", "tpi_team")}
    assert set(entries) == {"SUMSEL", "SUMSEL-LAHAT", "SUMSEL-PALEMBANG"}  # not JAMBI nor RI
    assert entries["SUMSEL-PALEMBANG"].assessment_id == kept.pk  # the unit's own LKE is kept
    assert {e.tpi_team.name for e in entries.values()} == {"Tim A", "Tim B"}
    assert {e.stage for e in entries.values()} == {rules().order[0]}
    assert StageRecord.objects.count() == 3
    again = cycle_open(year=2026, under=units["SUMSEL"], by=apip)
    assert (again.entries, again.skipped) == (0, 3)
    assert Assessment.objects.filter(year=2026).count() == 3


def test_only_the_inspectorate_or_the_national_office_opens(units, cast):
    with pytest.raises(CycleError, match="tidak boleh membuka"):
        cycle_open(year=2026, under=units["SUMSEL"], by=cast["reviewer"])
    assert not Entry.objects.exists() and not Assessment.objects.exists()


def test_opening_reaches_only_the_units_the_opener_holds_the_right_over(units):
    from conftest import make_user
    from zona.orgs.models import Role

    province_only = make_user("apip_sumsel", units["SUMSEL"], Role.APIP)  # not over descendants
    with pytest.raises(CycleError, match="2 dari 3 unit"):
        cycle_open(year=2026, under=units["SUMSEL"], by=province_only)
    assert not Entry.objects.exists() and not Assessment.objects.exists()
    regency = make_user("apip_plg", units["PALEMBANG"], Role.APIP)
    assert cycle_open(year=2026, under=units["PALEMBANG"], by=regency).entries == 1


def test_a_team_names_existing_accounts_and_tiers(apip):
    with pytest.raises(CycleError, match="tidak_ada"):
        teams_parse(["Tim A=tpi,tidak_ada"], year=2026, by=apip)
    with pytest.raises(CycleError, match="lurah"):
        teams_parse(["Tim A=tpi:lurah"], year=2026, by=apip)
    assert not TpiTeam.objects.exists()


def test_a_teams_members_are_seated_in_their_tiers_of_each_units_evaluation(units, apip):
    from conftest import make_user
    from zona.evaluation.models import TeamMember
    from zona.orgs.models import Role, roles_on

    ani, budi = make_user("ani"), make_user("budi")
    teams = teams_parse(["Tim A=ani:anggota,budi:ketua"], year=2026, by=apip)
    cycle_open(year=2026, under=units["SUMSEL"], teams=teams, by=apip)
    seats = set(TeamMember.objects.values_list("assessment__unit__code", "user__username", "tier"))
    assert seats == {
        (code, who, tier)
        for code in ("SUMSEL", "SUMSEL-PALEMBANG", "SUMSEL-LAHAT")
        for who, tier in (("ani", "anggota"), ("budi", "ketua"))
    }
    assert Role.REVIEWER in roles_on(ani, units["LAHAT"]) and not roles_on(budi, units["JAMBI"])


def test_the_command_opens_the_year(units, cast, apip, capsys):
    call_command(
        "cycle",
        "open",
        "--year",
        "2026",
        "--under",
        "SUMSEL",
        "--tpi-team",
        "Tim A=tpi",
        "--by",
        "inspektorat",
        "--format",
        "json",
    )
    assert '"entries": 3' in capsys.readouterr().out
    assert Entry.objects.filter(tpi_team__name="Tim A").count() == 3
    with pytest.raises(CommandError, match="tidak boleh membuka"):
        call_command("cycle", "open", "--year", "2026", "--under", "JAMBI", "--by", "tpi")
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("cycle", "open", "--year", "2026", "--under", "NOWHERE", "--by", "inspektorat")
    assert not Entry.objects.filter(unit__code="JAMBI").exists()


def test_stages_come_in_their_order(opened, cast, apip):
    entry = opened["SUMSEL"]
    with pytest.raises(CycleError, match="Evaluasi TPI"):
        stage_record(
            entry=entry, stage="usulan", outcome="diusulkan_wbk", on=date(2026, 5, 20), by=cast["reviewer"]
        )
    walk(entry, cast["reviewer"], until="seleksi_administrasi")
    with pytest.raises(CycleError, match="catatan"):
        stage_record(
            entry=entry, stage="seleksi_administrasi", outcome="lulus_catatan", on=date(2026, 6, 10), by=apip
        )
    stage_record(
        entry=entry,
        stage="seleksi_administrasi",
        outcome="lulus_catatan",
        on=date(2026, 6, 10),
        note="SPTJM belum ditandatangani",
        by=apip,
    )
    entry.refresh_from_db()
    assert (entry.stage, entry.stage_on) == ("seleksi_administrasi", date(2026, 6, 10))


def test_the_tpi_records_its_stages_and_the_tpn_outcomes_are_the_inspectorates(opened, cast, apip):
    entry = opened["SUMSEL"]
    with pytest.raises(CycleError, match="Peran"):
        stage_record(entry=entry, stage="evaluasi_tpi", on=date(2026, 5, 1), by=cast["coordinator"])
    walk(entry, cast["reviewer"], until="seleksi_administrasi")
    with pytest.raises(CycleError, match="Peran"):
        stage_record(
            entry=entry,
            stage="seleksi_administrasi",
            outcome="lulus",
            on=date(2026, 6, 1),
            by=cast["reviewer"],
        )
    assert not entry.records.filter(stage="seleksi_administrasi").exists()


def test_not_passed_ends_the_year_unless_an_objection_in_its_window_is_granted(opened, cast, apip):
    entry = opened["SUMSEL"]
    walk(entry, cast["reviewer"], until="seleksi_administrasi")
    today = timezone.localdate()
    stage_record(
        entry=entry,
        stage="seleksi_administrasi",
        outcome="tidak_lulus",
        on=today,
        note="SPTJM tidak ada",
        by=apip,
    )
    with pytest.raises(CycleError, match="berhenti"):
        stage_record(entry=entry, stage="evaluasi_desk", on=today, by=apip)
    with pytest.raises(CycleError, match="diajukan"):
        stage_record(entry=entry, stage="sanggahan", outcome="diterima", on=today, by=apip)
    stage_record(
        entry=entry, stage="sanggahan", outcome="diajukan", note="SPTJM terlampir", by=cast["coordinator"]
    )
    stage_record(entry=entry, stage="sanggahan", outcome="diterima", on=today, by=apip)
    stage_record(entry=entry, stage="evaluasi_desk", on=today, by=apip)  # resumed


def test_an_objection_after_its_window_is_refused(opened, cast, apip):
    entry = opened["SUMSEL"]
    walk(entry, cast["reviewer"], until="seleksi_administrasi", on=date(2025, 5, 20))
    selected = date(2025, 6, 2)
    stage_record(
        entry=entry, stage="seleksi_administrasi", outcome="tidak_lulus", on=selected, note="x", by=apip
    )
    last = add_working_days(selected, rules().stages["sanggahan"].window.working_days)
    with pytest.raises(CycleError, match=last.strftime("%d-%m-%Y")):
        stage_record(
            entry=entry, stage="sanggahan", outcome="diajukan", note="keberatan", by=cast["coordinator"]
        )
    assert not entry.records.filter(stage="sanggahan").exists()


def test_the_tpns_figures_replace_the_units_stand_in_in_the_score_and_gates(opened, cast, apip):
    entry = opened["SUMSEL"]

    def ipak():
        criteria = level_score(entry.assessment, "mandiri").predicates["WBK"].criteria
        return next(c for c in criteria if c.name == "IPAK")

    assert not ipak().passed and "B.1.a" not in level_answers(entry.assessment, "mandiri")
    walk(entry, cast["reviewer"], until="-", tpn=apip)
    stage_record(entry=entry, stage="evaluasi_desk", on=date(2026, 7, 1), by=apip)
    with pytest.raises(CycleError, match="Peran"):
        tpn_figures_enter(entry=entry, ipak=Decimal("3.70"), ipkp=Decimal("3.40"), by=cast["reviewer"])
    with pytest.raises(CycleError, match="0 sampai 4"):
        tpn_figures_enter(entry=entry, ipak=Decimal("4.70"), ipkp=Decimal("3.40"), by=apip)
    assert not TpnFigures.objects.exists()
    tpn_figures_enter(
        entry=entry, ipak=Decimal("3.70"), ipkp=Decimal("3.40"), source="Surat TPN 1/2026", by=apip
    )
    assert level_answers(entry.assessment, "mandiri")["B.1.a"].as_text() == "3.7"
    assert ipak().passed and ipak().value == Decimal("3.70") / 4 * Decimal("17.5")
    entry.assessment.refresh_from_db()
    stored = {c["name"]: c for c in entry.assessment.scores["mandiri"]["wbk"]["criteria"]}
    assert stored["IPAK"]["passed"] is True
    assert entry.records.filter(stage="survei_eksternal").count() == 1
    with pytest.raises(CycleError, match="sudah dicatat"):  # by hand, after the figures recorded it
        stage_record(entry=entry, stage="survei_eksternal", on=date(2026, 7, 2), by=apip)
    tpn_figures_enter(entry=entry, ipak=Decimal("3.80"), ipkp=Decimal("3.40"), by=apip)  # corrected
    assert entry.records.filter(stage="survei_eksternal").count() == 1


def test_opening_carries_last_years_answers_as_a_unit_starting_its_own_lke(units, cast, apip):
    """The bulk carry-forward gives what one assessment's carry-forward gives (answers, notes,
    evidence; never a derived figure or a Hasil answer)."""
    from zona.evidence.services import evidence_create_file
    from zona.lke.models import Answer

    from .conftest import pdf

    item = evidence_create_file(unit=units["SUMSEL"], title="SK Tim", upload=pdf(), by=apip)
    rows = [
        ("A.I.1.i.b", "B", "tim lama"),
        ("A.I.1.iii.a", "C", ""),
        ("B.1.b", "A", ""),
        ("B.1.a", "3.9", ""),
    ]
    for code in ("SUMSEL", "SUMSEL-LAHAT"):
        old = Assessment.objects.create(
            unit=units[code.split("-")[-1]], year=2025, instrument_urn=entry_urn()
        )
        for ref, value, note in rows:
            answer = Answer.objects.create(
                assessment=old, level="mandiri", ref=ref, value=value, justification=note
            )
            answer.evidence.add(item)
    one = assessment_create(unit=units["LAHAT"], year=2026, by=cast["coordinator"])  # the unit's own way
    cycle_open(year=2026, under=units["SUMSEL"], by=apip)
    bulk = Entry.objects.get(unit=units["SUMSEL"], year=2026).assessment

    def carried(assessment):
        return sorted(
            (a.ref, a.value, a.justification, a.carried_over, tuple(a.evidence.values_list("pk", flat=True)))
            for a in assessment.answers.all()
        )

    assert (
        carried(bulk)
        == carried(one)
        == [
            ("A.I.1.i.b", "B", "tim lama", True, (item.pk,)),
            ("A.I.1.iii.a", "C", "", True, (item.pk,)),
        ]
    )


def entry_urn() -> str:
    from zona.lke.instrument import resolve

    return resolve(None).urn
