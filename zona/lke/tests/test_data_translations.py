"""The rule and source texts of the data files reach the user in Indonesian: `zona lke explain`,
`zona reform-figures` and the SAKIP page ("Rumus capaian yang berlaku") print the texts of
zona/lke/data/derivations.yaml (`rules`) and zona/performance/data/formulas.yaml (each choice's
source) through gettext. The data files stay the single source; the msgid modules below repeat
their texts for makemessages, and this test fails when one of them differs from its file or a
text has no Indonesian. `python zona/lke/tests/test_data_translations.py --write` rewrites the
two msgid modules from the data files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MODULES = {
    "zona.lke.rule_msgids": ROOT / "zona" / "lke" / "rule_msgids.py",
    "zona.performance.formula_msgids": ROOT / "zona" / "performance" / "formula_msgids.py",
}
HEADER = '''"""The texts of {data},
repeated for makemessages (their msgids in locale/; the Indonesian is what users read).
Written by `python zona/lke/tests/test_data_translations.py --write`, which checks they are the
data file's texts."""

# ruff: noqa: E501
from django.utils.translation import gettext_noop

MSGIDS = (
'''


def texts() -> dict[str, list[str]]:
    from zona.lke.derivations import rule_texts
    from zona.performance.rules import source_texts

    return {"zona.lke.rule_msgids": rule_texts(), "zona.performance.formula_msgids": source_texts()}


def write() -> None:
    data = {
        "zona.lke.rule_msgids": "zona/lke/data/derivations.yaml (`rules`)",
        "zona.performance.formula_msgids": "zona/performance/data/formulas.yaml (each choice's source)",
    }
    for name, found in texts().items():
        lines = [f"    gettext_noop({json.dumps(t, ensure_ascii=False)}),\n" for t in dict.fromkeys(found)]
        MODULES[name].write_text(HEADER.format(data=data[name]) + "".join(lines) + ")\n", "utf-8")


def test_the_msgid_modules_repeat_the_data_files_texts():
    import importlib

    for name, found in texts().items():
        assert importlib.import_module(name).MSGIDS == tuple(dict.fromkeys(found)), (
            f"{name} differs from its data file: python zona/lke/tests/test_data_translations.py --write"
        )


def test_every_rule_and_source_text_has_its_indonesian():
    from django.utils import translation
    from django.utils.translation import trans_real

    with translation.override("id"):
        catalog = trans_real.catalog()
        missing = [t for found in texts().values() for t in found if t not in catalog._catalog]
    assert not missing, f"no Indonesian in locale/id for: {missing[:3]}"


@pytest.mark.django_db
def test_explain_in_indonesian_prints_no_english_rule_text(capsys):
    """The Indonesian output of `zona lke explain` (the demo's LKE, every derived answer) and
    `zona reform-figures` shows each rule and source in Indonesian, never the data file's English."""
    from django.core.management import call_command
    from django.utils import translation
    from django.utils.translation import gettext

    from zona.lke.derivations import rule_of
    from zona.lke.suggestions import RULES

    call_command("demo", "--password", "demo-pass-123")
    capsys.readouterr()
    with translation.override("id"):
        call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2023")
        call_command("reform_figures", "--unit", "SUMSEL", "--year", "2023")
        english = [t for found in texts().values() for t in found if gettext(t) != t]
        shown = {ref: rule_of(ref) for ref in RULES}
    out = capsys.readouterr().out
    leaked = [t for t in english if t in out]
    assert not leaked, f"English rule text in the Indonesian output: {leaked[:2]}"
    for ref, (rule, source) in shown.items():  # every derived answer prints its rule and source
        assert f"aturan: {rule}" in out and source in out, ref
    assert "Ya bila Tim Kerja ZI tahun ini tercatat" in out and "Teks pilihan jawaban LKE ZI" in out


def test_the_sakip_page_shows_the_formulas_sources_in_indonesian():
    from django.utils import translation

    from zona.performance.rules import choices_shown, source_texts

    with translation.override("id"):
        shown = [c.source for _name, _label, choices in choices_shown({}) for c in choices]
    assert shown and not set(shown) & (set(source_texts()) - set(shown))
    no_cap = "Tidak ada regulasi SAKIP yang membatasi capaian; Laporan Kinerja menampilkan angka apa adanya."
    assert no_cap in shown


if __name__ == "__main__" and "--write" in sys.argv:
    import django

    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    write()
