"""`zona lke validate` and `zona lke score`: contracts other tools rely on."""

import json
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from zona.lke.instrument import LIBRARIES

LIBRARY = next(LIBRARIES.glob("*.yaml"))
FIXTURES = Path(__file__).parent / "fixtures"


def test_validate_accepts_the_library(capsys):
    call_command("lke", "validate", str(LIBRARY))
    assert "113 pertanyaan, 45 subkomponen" in capsys.readouterr().out


def broken(tmp_path, change) -> Path:
    data = yaml.safe_load(LIBRARY.read_text("utf-8"))
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    if not (tmp_path / "guidance").exists():
        shutil.copytree(LIBRARIES / "guidance", tmp_path / "guidance")
    return path


def first_group(data):
    return data["tree"][0]["children"][0]["children"][0]["children"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: first_group(d).update(weight=0.75), "A.I.1: bobot anak-anaknya 4.25, bukan 4"),
        (
            lambda d: first_group(d)["questions"][1]["options"].pop("C"),
            "A.I.1.i.b: pilihan A, B tidak sesuai jenis abc",
        ),
        (lambda d: first_group(d)["questions"][0].update(type="maybe"), "jenis jawaban maybe tidak dikenal"),
        (
            lambda d: d["predicates"]["WBK"]["criteria"][1].update(node="A.IX"),
            "simpul A.IX yang tidak dikenal",
        ),
        (lambda d: d["options"]["per_area_minimum"].update(default="both"), "nilai bawaan bukan salah satu"),
        (lambda d: d["answer_types"]["abc"].update(B="1.5"), "nilai harus antara 0 dan 1"),
        (lambda d: d.pop("urn"), "kunci tidak ada: urn"),
        (lambda d: d["tree"][1].update(weight=41), "bobot puncak pohon 101"),
    ],
)
def test_validate_refuses_a_broken_file_with_a_clear_message(tmp_path, change, message):
    with pytest.raises(CommandError, match=message):
        call_command("lke", "validate", str(broken(tmp_path, change)))


def test_every_question_has_guidance_and_numeric_ones_say_what_to_count():
    from zona.lke.instrument import load

    instrument = load(LIBRARY)
    assert len(instrument.questions) == 113
    for ref, question in instrument.questions.items():
        assert len(question.guidance["penjelasan"]) > 40, ref
        if question.type == "numeric" or question.type == "index":
            assert question.guidance["hitung"], ref
    assert "1 agen 1 perubahan" in instrument.questions["A.II.1.i.a"].guidance["penjelasan"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.pop("A.I.1.i.b"), "A.I.1.i.b: tidak ada petunjuk"),
        (
            lambda g: g.update({"A.I.9.z": {"penjelasan": "x"}}),
            "petunjuk untuk pertanyaan yang tidak dikenal A.I.9.z",
        ),
        (
            lambda g: g["A.II.4.i.a"].pop("hitung"),
            "A.II.4.i.a: petunjuk pertanyaan angka menyebutkan apa yang dihitung",
        ),
        (lambda g: g["A.I.1.i.a"].update(catatan="x"), "A.I.1.i.a: petunjuk memerlukan"),
    ],
)
def test_guidance_must_cover_every_question(tmp_path, change, message):
    path = broken(tmp_path, lambda d: None)
    guidance_file = tmp_path / "guidance" / "lke-zi-permenpanrb-90-2021.yaml"
    guidance = yaml.safe_load(guidance_file.read_text("utf-8"))
    change(guidance)
    guidance_file.write_text(yaml.safe_dump(guidance, allow_unicode=True), "utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("lke", "validate", str(path))


def test_validate_refuses_bad_yaml(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("urn: [unclosed", "utf-8")
    with pytest.raises(CommandError, match="bukan YAML yang valid"):
        call_command("lke", "validate", str(path))


def test_score_json_contract(capsys):
    call_command("lke", "score", str(FIXTURES / "kspstk-2024-answers.csv"), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert {
        "total",
        "pengungkit",
        "pemenuhan",
        "reform",
        "hasil",
        "areas",
        "nodes",
        "wbk",
        "wbbm",
        "unanswered",
    } <= set(data)
    assert data["total"] == 91.37
    assert abs(data["pengungkit"] - (data["pemenuhan"] + data["reform"])) <= 0.01  # each rounded on its own
    assert [a["code"] for a in data["areas"]] == [1, 2, 3, 4, 5, 6]
    assert set(data["areas"][0]) >= {"code", "pemenuhan", "reform"}
    assert data["nodes"]["A.II.5.ii"] == 2.77
    assert data["wbk"]["eligible"] is True and data["wbbm"]["eligible"] is False
    criterion = data["wbk"]["criteria"][0]
    assert criterion == {
        "name": "Nilai total",
        "value": 91.37,
        "threshold": 75.0,
        "passed": True,
        "margin": 16.37,  # value − threshold
        "kind": "node",
        "note": "",
    }


def test_a_partial_file_scores_and_lists_the_unanswered(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("ref,answer\nA.I.1.i.a,Ya\nA.I.1.i.b,c\n", "utf-8")
    call_command("lke", "score", str(path), "--format", "json", "--instrument", str(LIBRARY))
    data = json.loads(capsys.readouterr().out)
    assert data["nodes"]["A.I.1.i"] == 0.25 and len(data["unanswered"]) == 111
    assert data["wbk"]["eligible"] is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("ref,answer\nA.I.1.i.a,Ya\nA.I.9.x.a,Ya\n", "baris 3: referensi “A.I.9.x.a” tidak dikenal"),
        ("ref,answer\nA.I.1.i.a,Ya\nA.I.1.i.b,F\n", "baris 3: “F” bukan jawaban untuk A.I.1.i.b"),
        ("ref,answer\nA.I.1.i.a,Ya\nA.I.1.i.a,Tidak\n", "baris 3: A.I.1.i.a dijawab dua kali"),
        ("question,value\nA.I.1.i.a,Ya\n", "baris 1"),
    ],
)
def test_score_errors_name_the_row(tmp_path, content, message):
    path = tmp_path / "a.csv"
    path.write_text(content, "utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("lke", "score", str(path), "--format", "json")


def test_score_by_urn_and_options(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text("ref,answer\nA.II.3.iii.a,4;1;0\n", "utf-8")
    urn = yaml.safe_load(LIBRARY.read_text("utf-8"))["urn"]
    call_command(
        "lke",
        "score",
        str(path),
        "--instrument",
        urn,
        "--format",
        "json",
        "--option",
        "disciplinary_formula=bps_ratio",
    )
    assert json.loads(capsys.readouterr().out)["nodes"]["A.II.3.iii"] == 0.5  # 2 × min(1/4, 1)
    with pytest.raises(CommandError, match="tidak ada instrumen"):
        call_command("lke", "score", str(path), "--instrument", "urn:nope")
