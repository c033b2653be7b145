"""The run on the second database keeps every test that can reach the database
(zona/tests/selection.py): by its mark, by a fixture giving access (directly or through another
fixture), by its module opening the database itself, or by the `database` mark of a test whose
started process reaches it; the others give the same result on either database. Browser tests
are left to the first database, but for those marked `database`."""

from __future__ import annotations

from dataclasses import dataclass, field

from zona.tests.selection import database_only, uses_database


@dataclass
class Item:
    path: str
    fixturenames: list[str] = field(default_factory=list)
    marks: tuple[str, ...] = ()

    def get_closest_marker(self, name):
        return name if name in self.marks else None


def test_a_test_with_database_access_is_kept_and_a_pure_one_left(tmp_path):
    plain = tmp_path / "test_plain.py"
    plain.write_text("def test_x(): pass\n")
    opens = tmp_path / "test_opens.py"
    opens.write_text("def f(django_db_blocker):\n    with django_db_blocker.unblock():\n        pass\n")
    marked = Item(str(plain), ["django_db_blocker"], ("django_db",))
    through_cast = Item(str(plain), ["cast", "units", "db", "django_db_blocker"])
    server = Item(str(plain), ["live_server", "transactional_db"])
    starts_a_server = Item(str(plain), ["tmp_path"], ("database",))
    module_opens = Item(str(opens), ["few", "django_db_blocker"])
    pure = Item(str(plain), ["tmp_path", "django_db_blocker"], ("browser_not",))
    for item in (marked, through_cast, server, starts_a_server, module_opens):
        assert uses_database(item), item
    assert not uses_database(pure)
    kept, left = database_only([pure, marked, module_opens])
    assert kept == [marked, module_opens] and left == [pure]


def test_browser_tests_stay_on_the_first_database_unless_marked_database(tmp_path):
    plain = tmp_path / "test_plain.py"
    plain.write_text("def test_x(): pass\n")
    browser = Item(str(plain), ["page", "live_server", "transactional_db"], ("browser",))
    end_to_end = Item(str(plain), ["page", "live_server", "transactional_db"], ("browser", "database"))
    assert not uses_database(browser)
    assert uses_database(end_to_end)
