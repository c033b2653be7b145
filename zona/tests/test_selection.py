"""The two runs of `scripts/test` (zona/tests/selection.py): a test that can reach the database
runs in both, by its mark, by a fixture giving access (directly or through another fixture), by
its module opening the database itself, or by the `database` mark of a test whose started process
reaches it; a test that cannot reach it runs once, in the second; a browser test runs in the first,
and in the second too when marked `database`. Every test runs at least once."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from zona.tests.selection import reaches_database, runs_in, select


@dataclass
class Item:
    path: str
    fixturenames: list[str] = field(default_factory=list)
    marks: tuple[str, ...] = ()

    def get_closest_marker(self, name):
        return name if name in self.marks else None


@pytest.fixture
def items(tmp_path) -> dict[str, Item]:
    plain = tmp_path / "test_plain.py"
    plain.write_text("def test_x(): pass\n")
    opens = tmp_path / "test_opens.py"
    opens.write_text("def f(django_db_blocker):\n    with django_db_blocker.unblock():\n        pass\n")
    return {
        "marked": Item(str(plain), ["django_db_blocker"], ("django_db",)),
        "through_cast": Item(str(plain), ["cast", "units", "db", "django_db_blocker"]),
        "server": Item(str(plain), ["live_server", "transactional_db"]),
        "starts_a_server": Item(str(plain), ["tmp_path"], ("database",)),
        "module_opens": Item(str(opens), ["few", "django_db_blocker"]),
        "pure": Item(str(plain), ["tmp_path", "django_db_blocker"], ("browser_not",)),
        "browser": Item(str(plain), ["page", "live_server", "transactional_db"], ("browser",)),
        "end_to_end": Item(str(plain), ["page", "live_server", "transactional_db"], ("browser", "database")),
        "page_only": Item(str(plain), ["page"], ("browser",)),  # a browser on a static page
    }


def test_a_test_that_reaches_the_database_runs_in_both_and_a_pure_one_in_the_second(items):
    for name in ("marked", "through_cast", "server", "starts_a_server", "module_opens"):
        assert reaches_database(items[name]), name
        assert runs_in(items[name], "first") and runs_in(items[name], "second"), name
    assert not reaches_database(items["pure"])
    assert not runs_in(items["pure"], "first") and runs_in(items["pure"], "second")
    kept, left = select([items["pure"], items["marked"], items["module_opens"]], "first")
    assert kept == [items["marked"], items["module_opens"]] and left == [items["pure"]]


def test_a_browser_test_runs_in_the_first_and_in_the_second_only_when_marked_database(items):
    assert runs_in(items["browser"], "first") and not runs_in(items["browser"], "second")
    assert runs_in(items["end_to_end"], "first") and runs_in(items["end_to_end"], "second")
    assert runs_in(items["page_only"], "first") and not runs_in(items["page_only"], "second")


def test_every_test_runs_at_least_once(items):
    """By construction: a browser test runs in the first, any other in the second."""
    for name, item in items.items():
        assert runs_in(item, "first") or runs_in(item, "second"), name


def test_an_unknown_run_is_refused(items):
    with pytest.raises(ValueError, match="first, second"):
        runs_in(items["pure"], "third")
