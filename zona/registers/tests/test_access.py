"""Every recap-register view × every role: entries are seen by those whose role covers the unit
and changed by those who manage its registers; another unit's entry cannot be reached by a
forged id."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import check_access, may_by_role, shows
from zona.evidence.models import ExportJob
from zona.orgs.permissions import Action
from zona.registers.models import Entry, Headcount, NilDeclaration
from zona.registers.nil import nil_declare

from .test_registers import training

MAY = may_by_role(Action.MANAGE_REGISTERS)


@pytest.fixture
def world(seed_plan, units):
    return {
        "entry": training(units["SUMSEL"], "Pegawai Rahasia", "2026-02-01", 8),
        "indicator": seed_plan.areas.first().components.first().indicators.first(),
        "year": seed_plan.year,
        "nil": nil_declare(unit=units["SUMSEL"], kind="disiplin", year=2024, by=None),
    }


def requests(w):
    entry = w["entry"]
    slug = entry.unit.slug
    new = {"pegawai": "Pegawai Baru", "kegiatan": "Bimtek", "tanggal": "2026-03-03", "jp": "4"}
    csv = b"Pegawai,Kegiatan,Tanggal,JP\nImpor Satu,Bimtek,2026-03-04,2\n"
    register = reverse("registers:register", args=[slug, "pelatihan"])
    return [
        (
            "hub",
            "get",
            reverse("registers:hub", args=[slug]) + "?tahun=2026",
            None,
            Action.VIEW,
            shows(">1<"),
        ),
        ("register", "get", f"{register}?tahun=2026", None, Action.VIEW, shows("Pegawai Rahasia")),
        (
            "entry",
            "get",
            reverse("registers:entry", args=[slug, "pelatihan", entry.pk]),
            None,
            Action.VIEW,
            shows("Pegawai Rahasia"),
        ),
        (
            "xlsx",
            "post",
            reverse("registers:export", args=[slug, "pelatihan", "xlsx"]),
            {"periode": "2026"},
            Action.VIEW,
            lambda: ExportJob.objects.filter(kind="registers.recap", params__period="2026").count(),
        ),
        (
            "rollup",
            "get",
            reverse("registers:rollup", args=[slug]) + "?tahun=2026",
            None,
            Action.VIEW,
            shows("KPU Kota Palembang"),
        ),
        (
            "add",
            "post",
            reverse("registers:entry_new", args=[slug, "pelatihan"]),
            new,
            Action.MANAGE_REGISTERS,
            lambda: Entry.objects.filter(values__pegawai="Pegawai Baru").exists(),
        ),
        (
            "edit",
            "post",
            reverse("registers:entry", args=[slug, "pelatihan", entry.pk]),
            {**new, "pegawai": "Diubah"},
            Action.MANAGE_REGISTERS,
            lambda: Entry.objects.get(pk=entry.pk).values["pegawai"],
        ),
        (
            "import",
            "post",
            reverse("registers:import", args=[slug, "pelatihan"]),
            {"file": SimpleUploadedFile("p.csv", csv)},
            Action.MANAGE_REGISTERS,
            lambda: Entry.objects.filter(values__pegawai="Impor Satu").exists(),
        ),
        (
            "headcount",
            "post",
            reverse("registers:headcount", args=[slug]),
            {"year": 2026, "employees": 40},
            Action.MANAGE_REGISTERS,
            lambda: Headcount.objects.count(),
        ),
        (
            "attach",
            "post",
            reverse("registers:attach", args=[slug, "pelatihan"]),
            {"periode": str(w["year"]), "indicator": w["indicator"].pk},
            Action.MANAGE_REGISTERS,
            lambda: w["indicator"].evidence.count(),
        ),
        (
            "nil",
            "get",
            reverse("registers:register", args=[slug, "disiplin"]) + "?tahun=2024",
            None,
            Action.VIEW,
            shows("2024: dinyatakan nihil"),
        ),
        (
            "declare nil",
            "post",
            reverse("registers:nil", args=[slug, "disiplin", 2025]),
            {},
            Action.MANAGE_REGISTERS,
            lambda: NilDeclaration.objects.filter(year=2025).exists(),
        ),
        (
            "withdraw nil",
            "post",
            reverse("registers:nil", args=[slug, "disiplin", 2024]),
            {"withdraw": "1"},
            Action.MANAGE_REGISTERS,
            lambda: NilDeclaration.objects.filter(pk=w["nil"].pk).exists(),
        ),
    ]


@pytest.mark.parametrize("role", list(MAY))
def test_every_register_view_for_every_role(client, cast, world, role):
    check_access(client, cast[role], requests(world), MAY[role])


def test_the_anonymous_are_sent_to_sign_in(client, cast, world):
    check_access(client, None, requests(world), set())


def test_another_units_entry_is_not_found_through_ones_own_unit(client, cast, world, units):
    foreign = training(units["JAMBI"], "Pegawai Jambi", "2026-02-01", 8)
    client.force_login(cast["coordinator"])
    url = reverse("registers:entry", args=[units["SUMSEL"].slug, "pelatihan", foreign.pk])
    assert client.get(url).status_code == 404
    client.post(url, {"delete": "1"})
    assert Entry.objects.filter(pk=foreign.pk).exists()
    assert (
        client.get(reverse("registers:register", args=[units["SUMSEL"].slug, "nothing"])).status_code == 404
    )
