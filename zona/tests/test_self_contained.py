"""Docs and data files are self-contained: a rule names the regulation it comes from, never the
project's private notes (`../shared/`, domain.md, design.md) or an issue number."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = re.compile(
    r"shared/|\bdomain\.md|\bdesign\.md|\bstyle\.md|issue\s*#|(?<![\w&])#[1-9]\d?\b|\bdomain \d\.\d",
    re.IGNORECASE,
)


def files():
    yield from (ROOT / "docs").rglob("*.md")
    yield ROOT / "README.md"
    for folder in ("data", "libraries"):
        for path in (ROOT / "zona").rglob(f"{folder}/**/*"):
            if path.is_file() and path.suffix in {".yaml", ".yml", ".json", ".csv", ".md", ".txt"}:
                yield path


def test_docs_and_data_cite_regulations_not_private_notes_or_issues():
    found = []
    for path in files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "/tests/" not in str(path) and FORBIDDEN.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not found, "\n".join(found)


def test_the_scan_catches_each_kind_of_reference():
    for line in (
        "see ../shared/domain.md",
        "(domain.md 3.1)",
        "design.md",
        "issue #19",
        "fixed in #7",
        "domain 1.3",
    ):
        assert FORBIDDEN.search(line), line
    for line in ("UU 14/2008 Pasal 22 ayat 7", "color: #fff", "&#10;", "A.I.2.iii.a"):
        assert not FORBIDDEN.search(line), line
