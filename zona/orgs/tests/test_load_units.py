"""Loading a real agency's hierarchy without the demo: `zona load-units FILE` (CSV/XLSX: code,
name, level, parent; Indonesian column names too) creates or updates units all or nothing, and
`zona createadmin` makes the first unit admin over the tree."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from zona.accounts.models import User
from zona.orgs.models import Role, RoleAssignment, Unit


def write(tmp_path, rows, name="units.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


@pytest.mark.django_db
def test_load_an_agency_tree_and_update_it(tmp_path, capsys):
    path = write(tmp_path, [
        ["Kode", "Nama", "Tingkat", "Induk"],
        ["BWS-KAB-A", "Kantor Kabupaten A", "kabupaten", "BWS-PROV"],  # child before its parent
        ["BWS", "Badan Contoh", "nasional", ""],
        ["BWS-PROV", "Kantor Wilayah", "provinsi", "BWS"],
    ])  # fmt: skip
    call_command("load_units", str(path))
    assert "3 unit dibuat" in capsys.readouterr().out  # in Indonesian, the default language
    assert Unit.objects.get(code="BWS-KAB-A").path == "/BWS/BWS-PROV/BWS-KAB-A/"
    path = write(
        tmp_path,
        [["code", "name", "level", "parent"], ["BWS-KAB-A", "Kantor Kab. A (baru)", "regency", "BWS"]],
    )
    call_command("load_units", str(path))
    moved = Unit.objects.get(code="BWS-KAB-A")
    assert (moved.name, moved.path) == ("Kantor Kab. A (baru)", "/BWS/BWS-KAB-A/")


@pytest.mark.django_db
def test_a_broken_file_loads_nothing(tmp_path):
    csv = tmp_path / "units.csv"
    csv.write_text(
        "code,name,level,parent\nX1,Satu,national,\nX2,Dua,kecamatan,X1\n"
        "X3,Tiga,regency,NOPE\nX 4,Empat,regency,X1\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_units", str(csv))
    text = str(refused.value)
    assert "kecamatan" in text  # the level is named
    assert not Unit.objects.exists()
    csv.write_text("code,name,level,parent\nX1,Satu,national,\nX3,Tiga,regency,NOPE\nX 4,Empat,regency,X1\n")
    with pytest.raises(CommandError) as refused:
        call_command("load_units", str(csv))
    assert "NOPE" in str(refused.value) and "X 4" in str(refused.value)
    csv.write_text("code,name,level,parent\nA,A,province,B\nB,B,province,A\n")
    with pytest.raises(CommandError):
        call_command("load_units", str(csv))
    assert not Unit.objects.exists()
    csv.write_text("code,name,level,parent,warna\nX1,Satu,national,,merah\n")
    with pytest.raises(CommandError, match="warna"):
        call_command("load_units", str(csv))


@pytest.mark.django_db
def test_dry_run_and_the_kpu_tree(tmp_path, capsys):
    csv = tmp_path / "units.csv"
    csv.write_text("code,name,level,parent\nX1,Satu,national,\n")
    call_command("load_units", str(csv), "--dry-run")
    assert "tidak ada yang disimpan" in capsys.readouterr().out and not Unit.objects.exists()
    call_command("load_units", "--kpu")
    assert Unit.objects.filter(level="province").count() == 38 and not User.objects.exists()


@pytest.mark.django_db
def test_createadmin(monkeypatch, capsys):
    call_command("load_units", "--kpu")
    monkeypatch.setenv("ZONA_ADMIN_PASSWORD", "a-long-enough-passphrase-1")
    call_command("createadmin", "admin.ri", "--unit", "RI", "--email", "admin@kpu.go.id")
    user = User.objects.get(username="admin.ri")
    assert user.check_password("a-long-enough-passphrase-1")
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.unit.code, assignment.role, assignment.include_descendants) == ("RI", Role.ADMIN, True)
    with pytest.raises(CommandError, match="exists"):
        call_command("createadmin", "admin.ri", "--unit", "RI")
    with pytest.raises(CommandError, match="no unit"):
        call_command("createadmin", "other", "--unit", "NOPE")
    monkeypatch.setenv("ZONA_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createadmin", "weak", "--unit", "RI")
    assert not User.objects.filter(username="weak").exists()
