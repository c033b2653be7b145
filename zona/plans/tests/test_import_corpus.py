"""A corpus of layouts: each real plan (the seed decree, BPS Provinsi Aceh's plan as published
and in its dirty revision, the two spelled-out plans, the regency's plan) is rewritten as other
units would have saved it (zona/tests/variants.py), and every variant imports to the same plan
as its original, in the CSV dialect or workbook drawn and as an old Excel (.xls) and an ODS
workbook too. Bounded examples, so the suite stays fast."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED
from zona.lib.text import fold
from zona.plans.importers import read_plan
from zona.plans.importers.fields import data, exact_field, field_of
from zona.plans.importers.read import _markdown_rows
from zona.plans.tests.regency import regency_rows
from zona.plans.tests.test_import_layouts import flat
from zona.tests.variants import DIALECTS, Table, variant_rows, written

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def synonyms(header: str) -> list[str]:
    """Other names of the header's column (fields.yaml), each read as the same field."""
    field = exact_field(header) or field_of(header)
    names = data()["fields"].get(field, []) if field else []
    return [n for n in names if n != fold(header) and exact_field(n) == field and field_of(n) == field]


def _csv(name: str) -> list[list[str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text), delimiter=";" if "kolom_label" in name else ","))


def _seed() -> list[list[str]]:
    """The decree's table rows, without the columns' numbering row (1 | 2 | …: printed in the
    columns' order, it is no row a shuffled table would keep)."""
    rows = [row.cells for row in _markdown_rows(SEED.read_text(encoding="utf-8"))]
    return [r for r in rows if [c for c in r if c] != [str(n) for n in range(1, len(r) + 1)]]


@cache
def tables() -> dict[str, Table]:
    decree = ("langkah aksi", "bukti fisik", "target waktu")
    return {
        "seed": Table("seed", _seed(), fixed=2, synonyms=synonyms, numbered=False, group=decree),
        "aceh": Table(
            "aceh",
            _csv("rencana_kerja_zi_bps_prov_aceh_2025.csv"),
            synonyms=synonyms,
            group=("rencana_aksi", "rencana_output_bukti"),
        ),
        "dirty": Table(
            "dirty", _csv("rencana_kerja_zi_bps_prov_aceh_2025_revisi_awal_kotor.csv"), synonyms=synonyms
        ),
        "spelled": Table("spelled", _csv("rencana_kerja_lke_terurai_2026.csv"), synonyms=synonyms),
        "labels": Table(
            "labels",
            _csv("rencana_kerja_lke_kolom_label_2026.csv"),
            synonyms=synonyms,
            group=("uraian", "output", "dokumen"),
        ),
        "regency": Table(
            "regency",
            regency_rows(),
            synonyms=synonyms,
            group=("output", "dokumen_bukti", "tim_kerja_terkait"),
        ),
    }


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def same(plan) -> list[tuple]:
    """The plan, its evidence items and persons in charge taken in any order: read from several
    columns, they come in the columns' order."""
    return [
        (*row[:5], sorted(row[5].split("\n")), row[6], sorted(row[7].split("; ")), *row[8:])
        for row in flat(plan)
    ]


@cache
def original(name: str) -> list[tuple]:
    plan = read_plan(as_csv(tables()[name].rows), f"{name}.csv", default_year=2026)
    assert plan.indicators()
    return same(plan)


@pytest.mark.parametrize("name", ["seed", "aceh", "dirty", "spelled", "labels", "regency"])
@EXAMPLES
@given(data=st.data())
def test_every_variant_imports_to_the_same_plan(name, data):
    rows, done = data.draw(variant_rows(tables()[name]))
    for dialect in dict.fromkeys((data.draw(st.sampled_from(DIALECTS)), "xls", "ods")):
        content, filename = written(rows, dialect)
        plan = read_plan(content, filename, default_year=2026)
        assert same(plan) == original(name), (dialect, done)
