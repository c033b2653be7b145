"""LKE A.I.5.ii.b (PermenPAN-RB 90/2021, "penilaian risiko atas seluruh pelaksanaan kebijakan"):
the unit's processes are its main functions and the targets of its performance agreement; one
without an analysed risk is a gap, named in the suggestion. A register full of rows about one
process never answers for the others."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zona.coi.models import MainFunction
from zona.coi.services import function_add
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.performance.risk_coverage import risk_coverage
from zona.performance.services import agreement_open, target_add
from zona.risks import services as risks
from zona.risks.models import Register
from zona.risks.tests.factories import RISK


def test_targets_of_the_agreement_are_processes_too(units, cast):
    unit, by = units["SUMSEL"], cast["coordinator"]
    register = risks.register_open(unit=unit, year=2026, by=by)
    agreement = agreement_open(unit=unit, year=2026, by=by)
    target_add(agreement=agreement, code="SS1", text="Informasi publik tersedia tepat waktu", by=by)
    target_add(agreement=agreement, code="SS2", text="Pengaduan selesai ditindaklanjuti", by=by)
    risks.risk_save(register=register, values={**RISK, "code": "R1", "objective": "SS1"}, by=by)
    found = suggest(Assessment(unit=unit, year=2026))["A.I.5.ii.b"]
    assert found.answer == "D" and "SS2" in found.source  # 1 of 2: some; the gap named
    risks.risk_save(
        register=register,
        values={**RISK, "code": "R2", "objective": "Pengaduan selesai ditindaklanjuti"},
        by=by,
    )
    assert suggest(Assessment(unit=unit, year=2026))["A.I.5.ii.b"].answer == "B"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.booleans(), min_size=1, max_size=6), st.integers(0, 5))
def test_more_rows_for_one_process_never_cover_another(units, cast, analysed, extra):
    """Adding risks about a process already covered never raises the share; the answer never
    exceeds what the processes show."""
    unit, by = units["LAHAT"], cast["coordinator"]
    Register.objects.filter(unit=unit).delete()
    MainFunction.objects.filter(unit=unit).delete()
    register = risks.register_open(unit=unit, year=2026, by=by)
    names = [f"Fungsi {n}" for n in range(len(analysed))]
    for name in names:
        function_add(unit=unit, name=name, by=by)
    for n, (name, done) in enumerate(zip(names, analysed, strict=True)):
        values = {**RISK, "code": f"R{n}", "process": name, **({} if done else {"cause": ""})}
        risks.risk_save(register=register, values=values, by=by)
    before = risk_coverage(unit, 2026)
    for n in range(extra):
        risks.risk_save(register=register, values={**RISK, "code": f"X{n}", "process": names[0]}, by=by)
    after = risk_coverage(unit, 2026)
    assert before.assessed == sum(analysed)
    assert after.assessed - before.assessed <= (0 if analysed[0] else 1)
    assert after.assessed <= after.processes == len(names)
