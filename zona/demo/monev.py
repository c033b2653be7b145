"""The demo's monev: a closed first quarter (reports, a TPI finding, the meeting, the change
agents) and an open second one, so the dashboard has a trend."""

from __future__ import annotations

from datetime import date

from zona.monev.models import Team, TeamKind
from zona.monev.services import (
    agent_change_record,
    cycle_close,
    cycle_open,
    finding_create,
    meeting_create,
    step_report,
    team_member_add,
    team_save,
)
from zona.plans.models import ActionStep


def load(plan, people) -> None:
    """A closed first quarter and an open second one, so the dashboard has a trend."""
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=plan).order_by("pk")[:8])
    q1 = cycle_open(plan=plan, quarter=1, by=people["koordinator"])
    for index, step in enumerate(steps[:5]):
        status = "selesai" if index < 2 else "berjalan"
        step_report(cycle=q1, step=step, status=status, progress=50, note="", by=people["pic"])
    finding_create(
        plan=plan,
        title="SOP pelayanan belum direviu bersama pemangku kepentingan",
        owner=people["pic"],
        due_date=date(2023, 6, 30),
        by=people["tpi"],
        cycle=q1,
    )
    meeting_create(
        plan=plan,
        cycle=q1,
        date=date(2023, 3, 28),
        title="Rapat monev pembangunan ZI triwulan I",
        agenda="Capaian langkah aksi triwulan I; temuan TPI",
        leader_present=True,
        leader_name="Ketua KPU Provinsi Sumatera Selatan",
        attendees=[people["koordinator"], people["pic"], people["tpi"]],
        by=people["koordinator"],
    )
    cycle_close(cycle=q1, by=people["koordinator"], summary="Tim ZI terbentuk; SOP perlu direviu.")
    agents = team_save(
        team=Team(
            unit=plan.unit,
            kind=TeamKind.CHANGE_AGENTS,
            decree_number="SK Agen Perubahan 2023",
            period_start=date(2023, 1, 1),
            period_end=date(2023, 12, 31),
        ),
        by=people["koordinator"],
    )
    for name, change, integration in (
        (
            "Rina (Subbag Umum)",
            "Antrean layanan informasi dengan nomor urut daring",
            "SOP Layanan Informasi",
        ),
        ("Dedi (Subbag Hukum)", "Papan jadwal tahapan di ruang tunggu", ""),
    ):
        member = team_member_add(team=agents, name=name, team_role="Agen perubahan", by=people["koordinator"])
        agent_change_record(
            member=member,
            title=change,
            made_on=date(2023, 3, 15),
            integrated=bool(integration),
            integration=integration,
            by=people["koordinator"],
        )
    q2 = cycle_open(plan=plan, quarter=2, by=people["koordinator"])
    for step in steps[2:4]:
        step_report(cycle=q2, step=step, status="selesai", progress=100, note="", by=people["pic"])
