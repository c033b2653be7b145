"""Which gifts must be reported: the "batas wajar" limits of the regulation in force on the day a
gift was received, from `data/limits.yaml` (checked on load)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from zona.lib.errors import RuleError
from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "limits.yaml"
RULE_KEYS = {"per_giver", "per_year_same_giver", "money", "exempt"}
LATE_CONSEQUENCES = {"no_12c_release", "may_become_state_property"}


class LimitsError(RuleError, ValueError):
    pass


@dataclass(frozen=True)
class Regulation:
    code: str
    name: str
    valid_from: date
    valid_until: date | None
    incomplete_expiry_working_days: int
    categories: dict[str, dict]
    late_to_kpk: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    must_report: bool
    must_refuse: bool
    regulation: str
    reason: str
    limit: Decimal | None = None


@cache
def data() -> dict:
    return load_yaml(DATA)


@cache
def regulations() -> list[Regulation]:
    raw = data()
    found = []
    for item in raw.get("regulations") or []:
        categories = item.get("categories") or {}
        for name, rule in categories.items():
            if name not in raw["labels"]:
                raise LimitsError(f"{item['code']}: category {name} has no label")
            if set(rule or {}) - RULE_KEYS:
                raise LimitsError(f"{item['code']}.{name}: unknown keys {set(rule) - RULE_KEYS}")
        late = tuple(item.get("late_to_kpk") or ())
        if set(late) - LATE_CONSEQUENCES:
            raise LimitsError(f"{item['code']}: unknown late_to_kpk {set(late) - LATE_CONSEQUENCES}")
        found.append(
            Regulation(
                item["code"],
                item["name"],
                item["valid_from"],
                item.get("valid_until"),
                int(item["incomplete_expiry_working_days"]),
                {k: dict(v or {}) for k, v in categories.items()},
                late,
            )
        )
    found.sort(key=lambda r: r.valid_from)
    for earlier, later in zip(found, found[1:], strict=False):
        if earlier.valid_until is None or earlier.valid_until >= later.valid_from:
            raise LimitsError(f"{earlier.code} overlaps {later.code}")
    return found


def regulation_on(day: date) -> Regulation:
    for regulation in regulations():
        if regulation.valid_from <= day and (regulation.valid_until is None or day <= regulation.valid_until):
            return regulation
    raise LimitsError(f"no regulation in force on {day}")


def categories() -> list[tuple[str, str]]:
    return list(data()["labels"].items())


def assess(
    *,
    category: str,
    value: Decimal,
    received_on: date,
    money: bool = False,
    same_giver_this_year: Decimal = Decimal(0),
    contrary_to_duty: bool = False,
) -> Decision:
    """Must this gift be reported? `same_giver_this_year`: what the same giver already gave this
    year (for the yearly limit between colleagues). A gift related to the position and contrary
    to one's duty must be refused, and reported when it could not be."""
    regulation = regulation_on(received_on)
    if contrary_to_duty:
        return Decision(
            True,
            True,
            regulation.name,
            _("Related to your position and contrary to your duty: refuse it, or report it."),
        )
    rule = regulation.categories.get(category)
    if rule is None:
        return Decision(True, False, regulation.name, _("Not a gift this regulation exempts: report it."))
    if rule.get("exempt"):
        return Decision(False, False, regulation.name, _("Exempt under this regulation, whatever its value."))
    if not rule.get("per_giver"):
        return Decision(True, False, regulation.name, _("Not a gift this regulation exempts: report it."))
    if money and rule.get("money") is False:
        return Decision(True, False, regulation.name, _("Money is never exempt here: report it."))
    per_giver = Decimal(rule["per_giver"])
    if value > per_giver:
        return Decision(
            True,
            False,
            regulation.name,
            _("Above the limit of Rp%(limit)s per giver: report it.")
            % {"limit": f"{per_giver:,.0f}".replace(",", ".")},
            per_giver,
        )
    per_year = rule.get("per_year_same_giver")
    if per_year and same_giver_this_year + value > Decimal(per_year):
        return Decision(
            True,
            False,
            regulation.name,
            _("Together with this giver's earlier gifts this year, above Rp%(limit)s: report it.")
            % {"limit": f"{Decimal(per_year):,.0f}".replace(",", ".")},
            Decimal(per_year),
        )
    return Decision(
        False,
        False,
        regulation.name,
        _("Within the limit of Rp%(limit)s per giver: no report needed.")
        % {"limit": f"{per_giver:,.0f}".replace(",", ".")},
        per_giver,
    )
