"""A disciplinary register year declared "nihil" (no violation in year N, who declared it, when,
an optional file), distinct from no data: LKE A.II.3.iii.a (PermenPAN-RB 90/2021) compares the
violations of two years, so a year with neither entries nor a declaration stays no data, a
declared year counts 0, and 0 → 0 follows the unit's zero_violations choice. A declaration is
refused for a year with entries, and an entry for a declared year is refused."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zona.audit.models import AuditEvent
from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.registers import reform, services
from zona.registers.models import Entry, NilDeclaration
from zona.registers.nil import nil_declare, nil_withdraw

from .test_reform import by_ref, violation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_declaration_records_who_when_and_its_file(units, cast):
    unit = units["SUMSEL"]
    declaration = nil_declare(
        unit=unit, kind="disiplin", year=2026, by=cast["coordinator"], upload=SimpleUploadedFile("n.pdf", PDF)
    )
    assert declaration.declared_by == cast["coordinator"] and declaration.declared_at
    assert declaration.evidence.unit == unit and "2026" in declaration.evidence.title
    assert AuditEvent.objects.filter(action="register.nil_declared").exists()
    with pytest.raises(services.RegisterError, match="sudah dinyatakan nihil"):
        nil_declare(unit=unit, kind="disiplin", year=2026, by=cast["coordinator"])
    with pytest.raises(services.RegisterError):
        nil_declare(unit=unit, kind="pelatihan", year=2026, by=cast["coordinator"])  # not a nihil register


def test_a_year_with_entries_cannot_be_declared_nihil_nor_a_declared_year_given_entries(units):
    unit = units["SUMSEL"]
    violation(unit, "2025-03-10")
    with pytest.raises(services.RegisterError, match="memiliki entri untuk tahun 2025"):
        nil_declare(unit=unit, kind="disiplin", year=2025, by=None)
    assert not NilDeclaration.objects.exists()
    declaration = nil_declare(unit=unit, kind="disiplin", year=2026, by=None)
    with pytest.raises(services.RegisterError, match="2026 dinyatakan nihil"):
        violation(unit, "2026-04-01")
    csv = b"Tanggal pelanggaran,Pelanggaran\n2026-05-02,Terlambat\n"
    with pytest.raises(services.RegisterError, match="2026 dinyatakan nihil"):
        services.entries_import(unit=unit, kind="disiplin", data=csv, by=None)
    assert not Entry.objects.filter(year=2026).exists()
    nil_withdraw(declaration=declaration, by=None)
    violation(unit, "2026-04-01")  # withdrawn: the year takes entries again
    assert Entry.objects.filter(year=2026).count() == 1


@pytest.mark.parametrize(("last", "percent"), [(3, 100), (1, 100)])
def test_a_nihil_year_after_violations_derives_the_decrease(units, last, percent):
    """3 violations → 0 (declared nihil) is a 100% decrease, now derivable."""
    unit = units["SUMSEL"]
    for n in range(last):
        violation(unit, f"2025-0{n + 1}-10")
    assert reform.discipline(unit, 2026) is None  # 2026: no data yet, never zero
    nil_declare(unit=unit, kind="disiplin", year=2026, by=None)
    found = reform.discipline(unit, 2026)
    assert (found.last_year, found.this_year, found.nil_years) == (last, 0, (2026,))
    assert by_ref(unit, 2026)["A.II.3.iii.a"].value == Fraction(percent, 100)
    suggestion = suggest(Assessment(unit=unit, year=2026))["A.II.3.iii.a"]
    assert suggestion.answer == f"{last};0;0" and "nihil" in suggestion.source


def test_both_years_nihil_follow_the_zero_violations_choice(units):
    unit = units["SUMSEL"]
    nil_declare(unit=unit, kind="disiplin", year=2025, by=None)
    assert "A.II.3.iii.a" not in suggest(Assessment(unit=unit, year=2026))  # one year no data
    nil_declare(unit=unit, kind="disiplin", year=2026, by=None)
    found = reform.discipline(unit, 2026)
    assert (found.last_year, found.this_year) == (0, 0)
    suggestion = suggest(Assessment(unit=unit, year=2026))["A.II.3.iii.a"]
    assert suggestion.answer == "0;0;0" and "2025, 2026" in suggestion.source


def test_violations_in_a_year_after_a_nihil_year_are_never_a_decrease(units):
    """Honesty: a nihil year before violations gives no decrease (0 → n)."""
    unit = units["SUMSEL"]
    nil_declare(unit=unit, kind="disiplin", year=2025, by=None)
    violation(unit, "2026-02-02")
    assert by_ref(unit, 2026)["A.II.3.iii.a"].value == 0


def test_the_register_page_declares_and_refuses(client, cast, units):
    unit = units["SUMSEL"]
    violation(unit, "2025-03-10")
    client.force_login(cast["coordinator"])
    page = reverse("registers:register", args=[unit.slug, "disiplin"])
    assert "bukan nol pelanggaran" in client.get(f"{page}?tahun=2026").content.decode()  # no data
    client.post(reverse("registers:nil", args=[unit.slug, "disiplin", 2025]), {})
    assert not NilDeclaration.objects.exists()  # 2025 has entries: refused
    assert "tidak dapat dinyatakan nihil" in client.get(f"{page}?tahun=2025").content.decode()
    client.post(
        reverse("registers:nil", args=[unit.slug, "disiplin", 2026]),
        {"evidence": SimpleUploadedFile("n.pdf", PDF)},
    )
    declaration = NilDeclaration.objects.get(year=2026)
    assert declaration.declared_by == cast["coordinator"] and declaration.evidence_id
    assert "2026: dinyatakan nihil" in client.get(f"{page}?tahun=2026").content.decode()
    client.force_login(cast["pic"])  # reads, does not manage: cannot withdraw
    assert (
        client.post(
            reverse("registers:nil", args=[unit.slug, "disiplin", 2026]), {"withdraw": "1"}
        ).status_code
        == 403
    )
    assert NilDeclaration.objects.filter(year=2026).exists()
