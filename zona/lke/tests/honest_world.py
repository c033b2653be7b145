"""Random registers for the honesty properties of the LKE suggestions (test_honest_suggestions):
a small world (the unit, a sibling unit with no records, a plan with one indicator, one evidence
item), and per source a random register drawn with Hypothesis and the "bad records" that may
be added to it. Records are written straight to the database (no audit trail, no files): what
is tested is the rule reading them, not the services writing them.

This module: the work plan, monev, the SOP register, the recap registers, conflicts of interest,
the WBS and the integrity evaluations. honest_cases.py: performance, risks, complaints,
gratification and surveys."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from hypothesis import strategies as st

from zona.coi.models import ConflictRisk, MainFunction
from zona.evidence.models import EvidenceItem
from zona.integrity.models import Evaluation, FollowUp, Socialisation
from zona.monev.models import AgentChange, CycleStatus, Meeting, MonevCycle, Team, TeamKind, TeamMember
from zona.orgs.models import Role
from zona.orgs.services import role_grant
from zona.plans.models import Component, Indicator, Plan, PlanArea, PlanStatus
from zona.registers.models import Entry, Headcount
from zona.sops.models import Review, Sop, Version
from zona.sops.services import add_years
from zona.wbs.models import RecipientKey, Report

YEAR = 2023
AREAS = ("I", "II", "III", "IV", "V", "VI")


@dataclass
class World:
    unit: object
    other: object  # a sibling unit without any record: what "no records" suggests
    by: object
    officer: object  # handles complaints (and, where a register says so, gratification)
    plan: Plan
    indicator: Indicator
    evidence: EvidenceItem
    year: int = YEAR
    seq: itertools.count = field(default_factory=itertools.count)

    def n(self) -> int:
        return next(self.seq)

    def day(self, draw, *, year: int | None = None) -> date:
        year = year or self.year
        return draw(st.dates(date(year, 1, 1), date(year, 12, 31)))


def world_make(units, cast) -> World:
    unit, by = units["SUMSEL"], cast["coordinator"]
    plan = Plan.objects.create(unit=unit, year=YEAR, title="Rencana kerja ZI", created_by=by)
    area = PlanArea.objects.create(plan=plan, code="I", name="Manajemen Perubahan")
    component = Component.objects.create(area=area, number=1, name="Tim kerja")
    indicator = Indicator.objects.create(component=component, text="Tindak lanjut survei")
    evidence = EvidenceItem.objects.create(unit=unit, title="Dokumen", kind="link", url="https://example.org")
    role_grant(user=cast["pic"], unit=unit, role=Role.COMPLAINT_OFFICER)
    return World(unit, units["JAMBI"], by, cast["pic"], plan, indicator, evidence)


# -- the work plan (A.I.1.ii) -------------------------------------------------------------------


def build_plan(w: World, draw) -> None:
    if draw(st.booleans()):
        Plan.objects.filter(pk=w.plan.pk).update(status=PlanStatus.ESTABLISHED, decree_number="SK-1")
    for code in draw(st.lists(st.sampled_from(AREAS[1:]), unique=True, max_size=5)):
        PlanArea.objects.create(
            plan=w.plan, code=code, name=code, priorities=["Target"] * draw(st.integers(0, 1))
        )
    if draw(st.booleans()):
        PlanArea.objects.filter(plan=w.plan, code="I").update(priorities=["Tim kerja dibentuk"])


def plan_of_another_year(w: World) -> None:
    Plan.objects.create(unit=w.unit, year=w.year - 1, status=PlanStatus.ESTABLISHED, decree_number="SK-0")


def area_without_priorities(w: World) -> None:
    taken = set(PlanArea.objects.filter(plan=w.plan).values_list("code", flat=True))
    free = [code for code in AREAS if code not in taken]
    if free:
        PlanArea.objects.create(plan=w.plan, code=free[0], name=free[0], priorities=[])


# -- monev: teams, change agents, cycles and meetings (A.I.1.i.a, A.I.1.iii.b, A.II.1.i) -----------


def _team(w: World, kind: str, start: int, end: int) -> Team:
    return Team.objects.create(
        unit=w.unit,
        kind=kind,
        decree_number=f"SK-{w.n()}",
        period_start=date(start, 1, 1),
        period_end=date(end, 12, 31),
    )


def _agent(w: World, team: Team) -> TeamMember:
    return TeamMember.objects.create(team=team, name=f"Agen {w.n()}", team_role="Anggota")


def _change(w: World, member: TeamMember, day: date, integrated: bool) -> AgentChange:
    return AgentChange.objects.create(
        member=member,
        title=f"Perubahan {w.n()}",
        made_on=day,
        integrated=integrated,
        integration="SOP" * integrated,
    )


def _agents_team(w: World) -> Team:
    team = Team.objects.filter(unit=w.unit, kind=TeamKind.CHANGE_AGENTS, period_end__year__gte=w.year).first()
    return team or _team(w, TeamKind.CHANGE_AGENTS, w.year, w.year)


def build_monev(w: World, draw) -> None:
    if draw(st.booleans()):
        _team(w, TeamKind.WORK_TEAM, w.year - draw(st.integers(0, 1)), w.year + draw(st.integers(0, 1)))
    if draw(st.booleans()):
        team = _agents_team(w)
        for _i in range(draw(st.integers(1, 3))):
            member = _agent(w, team)
            for _j in range(draw(st.integers(0, 2))):
                day = w.day(draw, year=draw(st.sampled_from([w.year, w.year, w.year - 1])))
                _change(w, member, day, draw(st.booleans()))
    for quarter in draw(st.lists(st.integers(1, 4), unique=True, max_size=4)):
        status = draw(st.sampled_from(CycleStatus.values))
        MonevCycle.objects.create(plan=w.plan, quarter=quarter, status=status)
    for _i in range(draw(st.integers(0, 2))):
        Meeting.objects.create(
            plan=w.plan, date=w.day(draw), title="Rapat monev", leader_present=draw(st.booleans())
        )


def work_team_of_an_earlier_term(w: World) -> None:
    _team(w, TeamKind.WORK_TEAM, w.year - 3, w.year - 1)


def work_team_without_its_decree(w: World) -> None:
    Team.objects.create(
        unit=w.unit, kind=TeamKind.WORK_TEAM, period_start=date(w.year, 1, 1), period_end=date(w.year, 12, 31)
    )


def cycle_left_open(w: World) -> None:
    taken = set(MonevCycle.objects.filter(plan=w.plan).values_list("quarter", flat=True))
    free = [q for q in (1, 2, 3, 4) if q not in taken]
    if free:
        MonevCycle.objects.create(plan=w.plan, quarter=free[0], status=CycleStatus.OPEN)


def meeting_without_the_leader(w: World) -> None:
    Meeting.objects.create(plan=w.plan, date=date(w.year, 6, 1), title="Rapat", leader_present=False)


def agent_without_a_change(w: World) -> None:
    _agent(w, _agents_team(w))


def change_of_another_year(w: World) -> None:
    _change(w, _agent(w, _agents_team(w)), date(w.year - 1, 6, 1), integrated=True)


def change_not_integrated(w: World) -> None:
    _change(w, _agent(w, _agents_team(w)), date(w.year, 6, 1), integrated=False)


# -- the SOP register (A.I.2.i) -------------------------------------------------------------------


def _sop(w: World, *, process: str, approved: date) -> Sop:
    sop = Sop.objects.create(unit=w.unit, title=f"SOP {w.n()}", process=process)
    Version.objects.create(
        sop=sop,
        number=1,
        code=f"SOP-{sop.pk}",
        approved_on=approved,
        signer="Ketua",
        document=w.evidence,
        review_due=add_years(approved, 3),  # 29 February → 28 February
    )
    return sop


def build_sops(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 4))):
        approved = w.day(draw, year=draw(st.integers(w.year - 4, w.year + 1)))
        sop = _sop(w, process=draw(st.sampled_from(["", "Layanan informasi"])), approved=approved)
        if draw(st.booleans()):
            Sop.objects.filter(pk=sop.pk).update(withdrawn_on=w.day(draw))
        for _j in range(draw(st.integers(0, 2))):
            Review.objects.create(
                sop=sop,
                version=sop.versions.get(),
                reviewed_on=w.day(draw, year=draw(st.integers(w.year - 4, w.year))),
                reviewers="Tim",
                result=draw(st.sampled_from(["tetap", "revisi"])),
            )


def sop_without_a_process(w: World) -> None:
    _sop(w, process="", approved=date(w.year - 1, 3, 1))


def sop_never_evaluated(w: World) -> None:
    _sop(w, process="Layanan", approved=date(w.year - 1, 3, 1))


def sop_evaluated_too_long_ago(w: World) -> None:
    sop = _sop(w, process="Layanan", approved=date(w.year - 6, 3, 1))
    Review.objects.create(
        sop=sop,
        version=sop.versions.get(),
        reviewed_on=date(w.year - 4, 3, 1),
        reviewers="Tim",
        result="tetap",
    )


# -- the recap registers (A.II.3.iii.a, A.II.5.iii, A.II.6.i.b, A.I.3.iii.d) ------------------------


def _entry(w: World, kind: str, year: int, **values) -> None:
    Entry.objects.create(unit=w.unit, kind=kind, year=year, values=values)


def build_registers(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 3))):
        _entry(w, "disiplin", draw(st.sampled_from([w.year - 1, w.year])), sanksi=draw(st.booleans()))
    for _i in range(draw(st.integers(0, 4))):
        reported = "2023-03-01" if draw(st.booleans()) else ""
        kind = draw(st.sampled_from(["LHKPN", "LHKASN"]))
        _entry(w, "lhkpn", w.year, jenis=kind, pegawai=f"P{draw(st.integers(0, 3))}", tanggal_lapor=reported)
    for _i in range(draw(st.integers(0, 3))):
        _entry(w, "layanan_dipermudah", w.year, layanan=f"L{w.n()}", dipermudah=draw(st.booleans()))
    if draw(st.booleans()):
        Headcount.objects.create(unit=w.unit, year=w.year, employees=draw(st.integers(0, 4)))
    for _i in range(draw(st.integers(0, 4))):
        _entry(w, "pelatihan", w.year, pegawai=f"P{draw(st.integers(0, 3))}", jp=draw(st.integers(0, 24)))


def violation_this_year(w: World) -> None:
    _entry(w, "disiplin", w.year, sanksi=True)


def violation_not_sanctioned(w: World) -> None:
    _entry(w, "disiplin", w.year, sanksi=False)


def lhkpn_not_reported(w: World) -> None:
    _entry(w, "lhkpn", w.year, jenis="LHKPN", pegawai=f"Baru {w.n()}", tanggal_lapor="")


def lhkasn_not_reported(w: World) -> None:
    _entry(w, "lhkpn", w.year, jenis="LHKASN", pegawai=f"Baru {w.n()}", tanggal_lapor="")


def service_not_simplified(w: World) -> None:
    _entry(w, "layanan_dipermudah", w.year, layanan=f"L{w.n()}", dipermudah=False)


def training_under_the_minimum(w: World) -> None:
    _entry(w, "pelatihan", w.year, pegawai=f"Baru {w.n()}", jp=19)


def training_of_another_year(w: World) -> None:
    _entry(w, "pelatihan", w.year - 1, pegawai=f"Baru {w.n()}", jp=40)


# -- conflicts of interest and the integrity topics (A.I.5.iv, A.I.5.v) ----------------------------


def _function(
    w: World, *, mapped: bool, socialised: date | None, applied: date | None, evidence: bool = True
) -> MainFunction:
    function = MainFunction.objects.create(
        unit=w.unit,
        name=f"Fungsi {w.n()}",
        socialised_on=socialised,
        applied_on=applied,
        applied_evidence=w.evidence if applied and evidence else None,
    )
    if mapped:
        ConflictRisk.objects.create(
            function=function,
            kind="gratifikasi",
            source="kewenangan",
            description="Situasi",
            control="Kendali",
        )
    return function


def _evaluation(w: World, topic: str, day: date, actions: list[bool]) -> None:
    evaluation = Evaluation.objects.create(unit=w.unit, topic=topic, held_on=day, summary="Temuan")
    for done in actions:
        FollowUp.objects.create(evaluation=evaluation, action="Tindak", done_on=day if done else None)


def build_integrity(w: World, draw, topic: str) -> None:
    for _i in range(draw(st.integers(0, 3))):
        year = draw(st.sampled_from([w.year, w.year, w.year - 1]))
        _evaluation(w, topic, w.day(draw, year=year), draw(st.lists(st.booleans(), max_size=2)))
    for _i in range(draw(st.integers(0, 2))):
        Socialisation.objects.create(
            unit=w.unit,
            topic=topic,
            held_on=w.day(draw, year=draw(st.sampled_from([w.year, w.year - 1]))),
            title="Sosialisasi",
            channel="laman",
        )


def build_coi(w: World, draw) -> None:
    days = st.one_of(st.none(), st.dates(date(w.year - 1, 1, 1), date(w.year + 1, 12, 31)))
    for _i in range(draw(st.integers(0, 3))):
        _function(w, mapped=draw(st.booleans()), socialised=draw(days), applied=draw(days))
    build_integrity(w, draw, "benturan_kepentingan")


def function_not_mapped(w: World) -> None:
    _function(w, mapped=False, socialised=date(w.year, 3, 1), applied=date(w.year, 3, 1))


def function_not_socialised_this_year(w: World) -> None:
    _function(w, mapped=True, socialised=date(w.year - 1, 3, 1), applied=date(w.year, 3, 1))


def function_applying_without_evidence(w: World) -> None:
    _function(w, mapped=True, socialised=date(w.year, 3, 1), applied=date(w.year, 3, 1), evidence=False)


def function_not_applying(w: World) -> None:
    _function(w, mapped=True, socialised=date(w.year, 3, 1), applied=date(w.year + 1, 2, 1))


def evaluation_of_another_year(topic: str):
    def add(w: World) -> None:
        _evaluation(w, topic, date(w.year - 1, 5, 1), [True])

    return add


def follow_up_not_done(topic: str):
    def add(w: World) -> None:
        _evaluation(w, topic, date(w.year, 5, 1), [False])

    return add


def socialisation_of_another_year(topic: str):
    def add(w: World) -> None:
        Socialisation.objects.create(
            unit=w.unit, topic=topic, held_on=date(w.year - 1, 5, 1), title="Lama", channel="laman"
        )

    return add


def _recipient(w: World, with_key: bool) -> None:
    user = type(w.by).objects.create_user(username=f"penerima{w.n()}", password="x-x-x-x-x-x")
    role_grant(user=user, unit=w.unit, role=Role.WBS_RECIPIENT)
    if with_key:
        RecipientKey.objects.create(user=user, public=b"k" * 32, wrapped=b"w", salt=b"s", ops=1, mem=1)


def build_wbs(w: World, draw) -> None:
    for _i in range(draw(st.integers(0, 2))):
        _recipient(w, draw(st.booleans()))
    for _i in range(draw(st.integers(0, 3))):
        day, n = w.day(draw), w.n()
        Report.objects.create(
            unit=w.unit,
            number=f"WBS-{n}",
            state="diterima",
            received_on=day,
            state_since=day,
            lookup=f"h{n}",
            reporter_key=b"k",
            content=b"c",
        )
    build_integrity(w, draw, "wbs")


def recipient_without_a_key(w: World) -> None:
    _recipient(w, with_key=False)
