"""Risk registers for tests: a register with risks and control actions, a cycle of the plan."""

from __future__ import annotations

from zona.monev.services import cycle_open
from zona.risks import services

RISK = {
    "objective": "Pelayanan informasi publik tepat waktu",
    "process": "Layanan PPID",
    "statement": "Permohonan informasi dijawab melewati 10 hari kerja",
    "cause": "Petugas PPID merangkap tugas",
    "source": "internal",
    "consequence": "Keberatan dan sengketa informasi",
    "category": "Operasional",
    "likelihood": 4,
    "impact": 3,
    "controls": "SOP layanan informasi",
    "controls_adequate": False,
}


def make_register(unit, by, year: int = 2023, risks: int = 2):
    register = services.register_open(unit=unit, year=year, by=by)
    made = []
    for n in range(1, risks + 1):
        risk = services.risk_save(register=register, values={**RISK, "code": f"R{n:02d}"}, by=by)
        services.action_add(
            risk=risk,
            values={"response": "kurangi", "activity": f"Piket PPID harian {n}", "target_text": "Maret 2023"},
            by=by,
            owner=by,
        )
        made.append(risk)
    return register, made


def open_cycle(plan, quarter: int, by):
    return cycle_open(plan=plan, quarter=quarter, by=by)
