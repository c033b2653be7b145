"""The evaluation's data files: checked on load, and docs/evaluation.md says what they hold."""

from pathlib import Path

import pytest

from zona.evaluation import rules

DOC = Path(__file__).resolve().parents[3] / "docs" / "evaluation.md"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(rules, "DATA", tmp_path)
    rules.tiers.cache_clear()
    rules.request_rules.cache_clear()
    yield tmp_path
    rules.tiers.cache_clear()
    rules.request_rules.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "tiers: [{code: a, name: A}]\n",  # no source
        "source: x\ntiers: []\n",
        "source: x\ntiers: [{code: a, name: A}, {code: a, name: B}]\n",
        "source: x\ntiers: [{code: 'a b', name: A}]\n",
    ],
)
def test_a_broken_tiers_file_is_refused(data_dir, text):
    (data_dir / "tiers.yaml").write_text(text)
    with pytest.raises(ValueError):
        rules.tiers()


def test_a_default_due_date_outside_its_bounds_is_refused(data_dir):
    (data_dir / "requests.yaml").write_text(
        "source: x\ndue_working_days: 30\nmin_working_days: 1\nmax_working_days: 20\n"
        "remind_before_working_days: 1\n"
    )
    with pytest.raises(ValueError, match="bounds"):
        rules.request_rules()


def test_the_docs_say_what_the_data_holds():
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    for tier in rules.tiers():
        assert tier.name.lower() in text.lower()
    found = rules.request_rules()
    assert f"Zona's default is {found['due_working_days']} working days" in text
    assert f"from {found['min_working_days']} to {found['max_working_days']} working days" in text
    assert "PermenPAN-RB 90/2021" in text
