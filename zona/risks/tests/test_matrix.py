"""The two risk-level matrices and the bands of SPIP risk assessment (PP 60/2008), every cell
checked against the tables as published by the apps that use them: the level is read from the
matrix, never computed as likelihood × impact."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.yamlfile import load_yaml
from zona.risks.matrix import DATA, MatrixError, parse, scheme

# Rows: likelihood 5 → 1; columns: impact 1 → 5 (the layout of the published tables).
APIP = [[9, 15, 18, 23, 25], [6, 12, 16, 19, 24], [4, 10, 14, 17, 22], [2, 7, 11, 13, 21], [1, 3, 5, 8, 20]]
BUMN = [[7, 12, 17, 22, 25], [4, 9, 14, 19, 24], [3, 8, 13, 18, 23], [2, 6, 11, 16, 21], [1, 5, 10, 15, 20]]
CELLS = [(lk, im) for lk in range(1, 6) for im in range(1, 6)]


@pytest.mark.parametrize(("likelihood", "impact"), CELLS)
def test_every_cell_of_the_apip_matrix(likelihood, impact):
    assert scheme().matrix("apip").level(likelihood, impact) == APIP[5 - likelihood][impact - 1]


@pytest.mark.parametrize(("likelihood", "impact"), CELLS)
def test_every_cell_of_the_bumn_matrix(likelihood, impact):
    assert scheme().matrix("bumn").level(likelihood, impact) == BUMN[5 - likelihood][impact - 1]


def test_the_apip_matrix_is_the_default_and_is_not_a_product():
    s = scheme()
    assert s.default.name == "apip" and s.matrix(None) is s.default
    assert s.default.level(5, 1) == 9 != 5 * 1
    assert set(s.matrices) == {"apip", "bumn"}


@pytest.mark.parametrize(
    ("level", "label"),
    [
        (1, "Sangat rendah"),
        (5, "Sangat rendah"),
        (6, "Rendah"),
        (10, "Rendah"),
        (11, "Sedang"),
        (15, "Sedang"),
        (16, "Tinggi"),
        (20, "Tinggi"),
        (21, "Sangat tinggi"),
        (25, "Sangat tinggi"),
    ],
)
def test_band_edges(level, label):
    assert scheme().band(level).label == label


@given(st.sampled_from(["apip", "bumn"]), st.integers(1, 5), st.integers(1, 4))
def test_the_level_never_falls_as_likelihood_or_impact_rises(name, a, b):
    m = scheme().matrix(name)
    assert m.level(a, b + 1) > m.level(a, b)
    assert m.level(b + 1, a) > m.level(b, a)


@pytest.mark.parametrize(("likelihood", "impact"), [(0, 3), (6, 1), (3, 0), (3, 6)])
def test_out_of_scale_is_refused(likelihood, impact):
    with pytest.raises(MatrixError):
        scheme().default.level(likelihood, impact)


def _broken(change):
    raw = load_yaml(DATA)
    change(raw)
    with pytest.raises(MatrixError):
        parse(raw)


def test_a_broken_data_file_is_refused():
    _broken(lambda raw: raw["matrices"][0]["levels"].__setitem__(5, [9, 15, 18, 23, 24]))  # 24 twice
    _broken(lambda raw: raw["matrices"][0]["levels"].__setitem__(1, [1, 3, 5, 20, 8]))  # falls
    _broken(lambda raw: raw["bands"][1].__setitem__("from", 7))  # a gap at 6
    _broken(lambda raw: raw["matrices"][1].__setitem__("default", True))  # two defaults
    _broken(lambda raw: raw["likelihood"].pop())  # criteria for 1–4 only


def test_cli_prints_the_level_and_band(capsys):
    call_command("risk_level", "5", "1", "--format", "json")
    assert json.loads(capsys.readouterr().out) == {"level": 9, "band": "Rendah", "matrix": "apip"}
    call_command("risk_level", "5", "1", "--matrix", "bumn", "--format", "json")
    assert json.loads(capsys.readouterr().out)["level"] == 7
    call_command("risk_level", "4", "4")
    assert capsys.readouterr().out.startswith("19 (Tinggi)")
    call_command("risk_level", "--list", "--format", "json")
    assert [m["name"] for m in json.loads(capsys.readouterr().out)] == ["apip", "bumn"]
    call_command("risk_level", "--list")
    assert "apip (default)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="unknown matrix"):
        call_command("risk_level", "1", "1", "--matrix", "iso")
    with pytest.raises(CommandError, match="1–5"):
        call_command("risk_level", "6", "1")
