"""Every derived LKE answer (the registry of rules) states its rule and its regulation source in
data (zona/lke/data/derivations.yaml `rules`), and docs/lke.md lists each of them with the same
rule and source. `python zona/lke/tests/test_rule_docs.py --table` prints the docs table."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "zona" / "lke" / "data" / "derivations.yaml"
DOCS = ROOT / "docs" / "lke.md"


def _clean(text) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def rows() -> list[str]:
    rules = yaml.safe_load(DATA.read_text(encoding="utf-8"))["rules"]
    return [f"| {ref} | {_clean(e['rule'])} | {_clean(e['source'])} |" for ref, e in rules.items()]


def test_every_registered_rule_has_its_rule_and_source_in_data():
    from zona.lke.derivations import rule_of
    from zona.lke.suggestions import RULES

    assert len(RULES) >= 50
    missing = [ref for ref in RULES if not all(rule_of(ref))]
    assert not missing, f"no rule or source in derivations.yaml for {missing}"


def test_docs_lke_lists_every_derived_question_with_its_rule_and_source():
    from zona.lke.suggestions import RULES

    docs = DOCS.read_text(encoding="utf-8").splitlines()
    expected = dict(zip(yaml.safe_load(DATA.read_text(encoding="utf-8"))["rules"], rows(), strict=True))
    for ref in RULES:
        assert expected[ref] in docs, f"docs/lke.md lacks the row for {ref}: {expected[ref]}"


if __name__ == "__main__" and "--table" in sys.argv:
    print("| question | rule | source |\n|---|---|---|")
    print("\n".join(rows()))
