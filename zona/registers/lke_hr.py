"""The HR registers offered to the LKE's Penataan Sistem Manajemen SDM questions:

- A.I.3.ii.a inter-position transfers done: Ya when the rotation register holds, in the year, a
  transfer between two different positions; Tidak when its entries show none.
- A.I.3.iv.c individual performance measured periodically: the SKP register's assessments per
  employee in distinct months / quarters / halves of the year (data/derivations.yaml); the
  unit's frequency is the lowest of its employees', and with a headcount an employee without an
  assessment makes it E.
- A.I.3.vi.a personnel data updated: A when every change in the rotation register is followed
  by an update of that employee's data; B when updates are recorded but not after every change
  (or no change is recorded to show it); C when changes are recorded without any update.
A register with nothing for the year gives no suggestion (not recorded is not "not done")."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.derivations import derivations
from zona.lke.suggestions import Suggestion, rule

from .models import Entry
from .services import headcount


def _link(assessment, kind: str) -> str:
    return f"{reverse('registers:register', args=[assessment.unit.slug, kind])}?tahun={assessment.year}"


def _entries(assessment, kind: str) -> list[Entry]:
    return list(Entry.objects.filter(unit=assessment.unit, kind=kind, year=assessment.year))


def _person(values: dict) -> str:
    return " ".join(str(values.get("pegawai") or "").split()).lower()


def _between_positions(values: dict) -> bool:
    before, after = (" ".join(str(values.get(k) or "").split()).lower() for k in ("dari", "ke"))
    return bool(before and after and before != after)


@rule("A.I.3.ii.a")
def transfers(assessment):
    entries = _entries(assessment, "mutasi")
    if not entries:
        return None
    moved = sum(1 for e in entries if _between_positions(e.values))
    return Suggestion(
        "Ya" if moved else "Tidak",
        _(
            "Rotation register %(year)s: %(moved)s of %(n)s entries move an employee between two "
            "different positions (with the decree number where given)."
        )
        % {"year": assessment.year, "moved": moved, "n": len(entries)},
        link=_link(assessment, "mutasi"),
        figures=((_("transfers between positions"), moved), (_("entries"), len(entries))),
    )


def _periods(days, letter: str) -> int:
    size = {"A": 1, "B": 3, "C": 6, "D": 12}[letter]  # months per period of the LKE's option
    return len({(day.month - 1) // size for day in days})


def skp_letter(days_per_person: dict[str, set], employees: int | None) -> str:
    """The frequency every listed employee reaches (E when someone has no assessment)."""
    needed = derivations()["skp_frequency"]["periods"]
    if not days_per_person or (employees and len(days_per_person) < employees):
        return "E"
    for letter in "ABCD":
        if all(_periods(days, letter) >= needed[letter] for days in days_per_person.values()):
            return letter
    return "E"


@rule("A.I.3.iv.c")
def performance_measured(assessment):
    entries = [e for e in _entries(assessment, "skp") if e.day]
    if not entries:
        return None
    days: dict[str, set] = {}
    for entry in entries:
        days.setdefault(_person(entry.values), set()).add(entry.day)
    employees = headcount(assessment.unit, assessment.year)
    answer = skp_letter(days, employees)
    fewest = min(len({d.month for d in ds}) for ds in days.values())
    return Suggestion(
        answer,
        _(
            "SKP register %(year)s: %(people)s employees assessed (of %(employees)s in the headcount "
            "register); the least-assessed employee in %(fewest)s distinct months. The LKE's periods: "
            "monthly A, quarterly B, by semester C, yearly D."
        )
        % {
            "year": assessment.year,
            "people": len(days),
            "employees": employees if employees is not None else "–",
            "fewest": fewest,
        },
        link=_link(assessment, "skp"),
        figures=(
            (_("employees assessed"), len(days)),
            (_("employees"), employees or 0),
            (_("fewest months with an assessment"), fewest),
        ),
    )


@rule("A.I.3.vi.a")
def data_updated(assessment):
    updates = [e for e in _entries(assessment, "pemutakhiran") if e.day]
    changes = [e for e in _entries(assessment, "mutasi") if e.day]
    if not updates and not changes:
        return None
    followed = sum(
        1 for c in changes if any(_person(u.values) == _person(c.values) and u.day >= c.day for u in updates)
    )
    if not updates:
        answer = "C"
    else:
        answer = "A" if changes and followed == len(changes) else "B"
    return Suggestion(
        answer,
        _(
            "Data-update register %(year)s: %(updates)s updates; %(followed)s of %(changes)s changes "
            "in the rotation register followed by an update of that employee's data. Whether "
            "employees can see their own data (SIASN/MySAPK) is shown by the application itself: "
            "attach a screenshot."
        )
        % {"year": assessment.year, "updates": len(updates), "followed": followed, "changes": len(changes)},
        link=_link(assessment, "pemutakhiran"),
        figures=(
            (_("data updates"), len(updates)),
            (_("changes followed by an update"), followed),
            (_("changes (rotation register)"), len(changes)),
        ),
    )
