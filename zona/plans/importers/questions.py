"""Plans written per LKE question (layouts `lke_code` and `lke_text`): rows are placed in their
area and sub-area through the LKE's own tree, several rows may serve one question, and every
doubtful row is reported with its place, column and value — never guessed silently.

A flagged row marked `skipped` is left out of the plan (the user fixes the file, or imports
without it); the other flags mark what was imported for the coordinator to look at.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zona.lib.periods import parse_period
from zona.lib.text import clean, fold, similarity

from .. import areas
from . import lke_questions
from .cells import join_columns, labelled, split_items, split_steps, timing
from .fields import MULTI, is_test_text, repeats_header
from .layout import Layout
from .model import (
    HEADER_AGAIN,
    Flag,
    ParsedArea,
    ParsedComponent,
    ParsedIndicator,
    ParsedPlan,
    RowCount,
    Target,
)
from .rows import Row

CONTENT = ("indicator", "actions", "evidence", "target", "pic", "measures", "code", "item", "area", "subarea")
_YEAR = re.compile(r"\b(20\d\d)\b")
# A place named in the text ("BPS Kabupaten Simeulue"): the plan's own is the one most rows name.
_PLACE = re.compile(
    r"\b(Provinsi|Kabupaten|Kota)[ \t]+"
    r"([A-Z][\w-]+(?:[ \t]+(?:Utara|Selatan|Barat|Timur|Tengah|Tenggara|Daya))?)"
)


def places(text: str) -> set[str]:
    return {f"{kind} {name}" for kind, name in _PLACE.findall(text or "")}


@dataclass
class _Indicator:
    where: str
    ref: str
    area: int
    component_key: tuple
    component_name: str
    text: str
    actions: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    pic: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    target_text: str = ""
    texts: list[str] = field(default_factory=list)  # every action and evidence text, for timing words


class QuestionBuilder:
    def __init__(self, layout: Layout, *, default_year: int | None = None, title_year: int | None = None):
        self.layout = layout
        self.default_year = default_year
        self.title_year = title_year
        self.flags: list[Flag] = []
        self.indicators: list[_Indicator] = []
        self.noted_codes: set[str] = set()
        self.rows = RowCount()
        self.dropped = 0

    # -- cells -----------------------------------------------------------------------------
    def _fields(self, row: Row) -> dict[str, str]:
        values = {name: "" for name in (*CONTENT, "year", "unit", "part", "no", "component")}
        for index, name in self.layout.columns.items():
            if index >= len(row.cells) or name not in values:
                continue
            raw = row.cells[index] or ""
            value = raw.strip() if name in ("actions", "evidence", "measures") else clean(raw)
            if not values[name]:
                values[name] = value
            elif value and name in MULTI:
                values[name] = join_columns(name, values[name], value)
        block = labelled(values["actions"])
        if block:
            values["actions"] = block.get("actions", "")
            for name in ("evidence", "pic", "target"):
                if block.get(name) and not values[name]:
                    values[name] = block[name]
        return values

    def _header_text(self, index: int) -> str:
        return self.layout.headers[index] if index < len(self.layout.headers) else ""

    def _column(self, name: str) -> str:
        for index, field_name in self.layout.columns.items():
            if field_name == name:
                return self._header_text(index)
        return ""

    def flag(self, row: Row, problem: str, *, column: str = "", value: str = "", skipped: bool = False):
        self.flags.append(Flag(row.where, problem, self._column(column) if column else "", value, skipped))
        self.dropped += skipped  # each row left out is flagged once

    # -- rows ------------------------------------------------------------------------------
    def build(self, rows: list[Row]) -> ParsedPlan:
        data = [(row, self._fields(row)) for row in rows]
        data = [(row, values) for row, values in data if any(c.strip() for c in row.cells if c)]
        year = self._plan_year(data)
        units = Counter(v["unit"] for _r, v in data if v["unit"])
        unit = units.most_common(1)[0][0] if units else ""
        named = {id(row): places(" ".join(row.cells)) for row, _v in data}
        home = Counter(p for found in named.values() for p in found).most_common(1)
        home_place = home[0][0] if home else ""
        current: _Indicator | None = None
        for row, values in data:
            if self._is_header_again(row):
                shown = " | ".join(c.strip() for c in row.cells if c and c.strip())[:200]
                self.rows.skip(row.where, HEADER_AGAIN, shown)
                continue
            dropped, made = self.dropped, len(self.indicators)
            current = self._read_row(row, values, current, home_place, named[id(row)], unit)
            if self.dropped > dropped:
                self.rows.add("dropped")
            else:
                self.rows.add("imported" if len(self.indicators) > made else "merged")
        return self._result(year)

    def _read_row(self, row: Row, values, current, home_place: str, named: set[str], unit: str):
        """One data row: a new indicator, more of the current one, or flagged as left out."""
        if not any(values[name] for name in CONTENT):
            self.flag(row, _("empty row (no code, indicator or action)"), skipped=True)
            return current
        elsewhere = sorted(named - {home_place}) if home_place not in named else []
        if is_test_text(values["indicator"]):
            problem = _("a test row, not part of the plan")
            if elsewhere:
                problem += _("; it names another unit (%(place)s)") % {"place": ", ".join(elsewhere)}
            self.flag(row, problem, column="indicator", value=values["indicator"], skipped=True)
            return current
        if elsewhere:
            self.flag(
                row,
                _("names another unit (%(place)s) and not %(home)s: check that it belongs to this plan")
                % {"place": ", ".join(elsewhere), "home": home_place},
            )
        row_year = self._year_of(values["year"])
        # The rows' own year is the one most of them give; the plan's year may be another
        # (the user confirms it when the title says otherwise).
        if values["year"] and self.rows_year and row_year != self.rows_year:
            self.flag(
                row,
                _("a row of the year %(row)s where the other rows give %(year)s")
                % {"row": values["year"], "year": self.rows_year},
                column="year",
                value=values["year"],
                skipped=True,
            )
            return current
        if unit and values["unit"] and values["unit"] != unit:
            self.flag(row, _("a row of another unit"), column="unit", value=values["unit"], skipped=True)
            return current
        return self._row(row, values, current)

    def _is_header_again(self, row: Row) -> bool:
        return repeats_header(row.cells, self.layout.headers)

    def _plan_year(self, data) -> int | None:
        years = Counter(y for _r, v in data if (y := self._year_of(v["year"])))
        rows_year = years.most_common(1)[0][0] if years else None
        year = self.default_year or rows_year or self.title_year
        self.rows_year = rows_year
        return year

    @staticmethod
    def _year_of(text: str) -> int | None:
        match = _YEAR.search(text or "")
        return int(match.group(1)) if match else None

    def _row(self, row: Row, values: dict[str, str], current: _Indicator | None) -> _Indicator | None:
        text = values["indicator"]
        if self.layout.kind == "lke_code" and not values["code"] and not text:
            return self._joined(row, values, current)
        question, placed = self._question(row, values)
        if question is None and placed is None:
            return current  # flagged and skipped
        ref = question.ref if question else ""
        if question is not None and text and self._other_question(row, values, question):
            return current  # flagged and skipped
        if current is not None and ref and ref == current.ref:
            # Another row of the same question: its text is the question again, or a sub-row
            # (a count the LKE asks for, "- Jumlah agen perubahan", or its breakdown): kept.
            if not text:
                return self._joined(row, values, current)
            if similarity(text, current.text) <= 0.9:
                current.measures.append(text.lstrip("-–• ").strip())
            return self._continue(row, values, current)
        if not text:
            text = question.text if question else ""
            self.flag(row, _("the indicator is empty: the LKE question's text is used"), column="indicator")
        elif question is not None and similarity(text, question.text) < 0.9:
            self.flag(
                row,
                _("the indicator's text differs from the LKE question %(ref)s: check it")
                % {"ref": question.ref},
                column="indicator",
                value=text,
            )
        area, key, name = placed
        indicator = _Indicator(row.where, ref, area, key, name, text)
        self.indicators.append(indicator)
        return self._continue(row, values, indicator)

    def _joined(self, row: Row, values, indicator: _Indicator | None):
        """A row with no indicator of its own: more steps and evidence of the indicator above."""
        if indicator is not None:
            self.flag(
                row,
                _("no indicator: joined to the indicator above (%(where)s)") % {"where": indicator.where},
                column="indicator",
            )
        return self._continue(row, values, indicator)

    def _continue(self, row: Row, values, indicator: _Indicator | None):
        if indicator is None:
            self.flag(row, _("a row without an indicator, and no indicator before it"), skipped=True)
            return None
        indicator.actions.extend(split_steps(values["actions"]))
        indicator.evidence.extend(split_items(values["evidence"]))
        indicator.texts.extend([values["actions"], values["evidence"]])
        for name in split_items(values["pic"]):
            if name not in indicator.pic:
                indicator.pic.append(name)
        if values["measures"]:
            indicator.measures.extend(split_items(values["measures"]))
        if values["target"] and not indicator.target_text:
            indicator.target_text = values["target"]
        return indicator

    def _other_question(self, row: Row, values: dict[str, str], question: lke_questions.Question) -> bool:
        """True (and flagged) when the row's code names one question but its text is clearly
        another's: a mistyped code or item letter is never filed under the wrong question."""
        text = values["indicator"]
        other = lke_questions.match_text(text)
        if other is None or other.ref == question.ref:
            return False
        if similarity(text, other.text) < similarity(text, question.text) + 0.1:
            return False
        self.flag(
            row,
            _("the code says %(code)s but the text is that of %(other)s: a mistyped code or item letter")
            % {"code": question.ref, "other": other.ref},
            column="item" if values["item"] else "code",
            value=f"{values['code']} {values['item']}".strip(),
            skipped=True,
        )
        return True

    # -- placing a row ---------------------------------------------------------------------
    def _question(self, row: Row, values: dict[str, str]):
        """(the LKE question or None, (area number, component key, component name) or None)."""
        if self.layout.kind == "lke_code" and values["code"]:
            return self._by_code(row, values)
        return self._by_text(row, values)

    def _placed(self, question: lke_questions.Question):
        if question.area == 0:
            return None
        suffix = _(" (Reform)") if question.part == "II" else ""
        return question.area, (question.area, question.group_ref), f"{question.group_name}{suffix}"

    def _by_code(self, row: Row, values: dict[str, str]):
        code, item = values["code"], values["item"]
        ref, note = lke_questions.ref_of(code, item)
        if note == "trailing_dot" and code not in self.noted_codes:
            self.noted_codes.add(code)
            self.flag(
                row,
                _("the code ends with a dot: read as the same code without it"),
                column="code",
                value=code,
            )
        question = lke_questions.by_ref(ref) if ref else None
        if question is None and ref and ref.count(".") == 3 and ref.startswith("A."):
            question = self._in_group(row, ref, values)
        if question is None:
            guess = lke_questions.match_text(values["indicator"])
            hint = (_("; its text is that of %(ref)s") % {"ref": guess.ref}) if guess else ""
            self.flag(
                row,
                _("unknown or mistyped LKE code%(hint)s") % {"hint": hint},
                column="code",
                value=f"{code} {item}".strip(),
                skipped=True,
            )
            return None, None
        if question.area == 0:
            self.flag(
                row,
                _("a Hasil (B) item is not an area of change: not imported as a plan indicator"),
                column="code",
                value=f"{code} {item}".strip(),
                skipped=True,
            )
            return None, None
        return question, self._placed(question)

    def _in_group(self, row: Row, group_ref: str, values: dict[str, str]):
        members = lke_questions.group_questions(group_ref)
        if len(members) == 1:
            return members[0]
        match = lke_questions.match_text(values["indicator"], members, threshold=0.6)
        if match is not None:
            self.flag(
                row,
                _("no item letter: matched to %(ref)s by its text") % {"ref": match.ref},
                column="item",
                value=values["item"],
            )
        return match

    def _by_text(self, row: Row, values: dict[str, str]):
        area = areas.match_name(values["area"]) if values["area"] else None
        pool = lke_questions.questions()
        if area is not None:
            pool = [q for q in pool if q.area == area.number]
        part = fold(values["part"])
        if "reform" in part:
            pool = [q for q in pool if q.part == "II"]
        elif "pemenuhan" in part:
            pool = [q for q in pool if q.part == "I"]
        named = []
        if values["subarea"]:
            named = [q for q in pool if similarity(values["subarea"], q.group_name) >= 0.75]
            pool = named or pool
        question = lke_questions.match_text(values["indicator"], pool)
        if question is not None and question.area:
            return question, self._placed(question)
        if named and named[0].area:  # the unit's own indicator, in a sub-area the LKE names
            return None, self._placed(named[0])
        if area is None:
            self.flag(
                row,
                _("neither the LKE question nor the area of change is recognised"),
                column="area" if values["area"] else "indicator",
                value=values["area"] or values["indicator"],
                skipped=True,
            )
            return None, None
        name = values["subarea"] or _("Other")
        if "reform" in part:
            name += _(" (Reform)")
        return None, (area.number, (area.number, fold(name)), name)

    # -- the plan --------------------------------------------------------------------------
    def _result(self, year: int | None) -> ParsedPlan:
        placed: dict[int, ParsedArea] = {}
        components: dict[tuple, ParsedComponent] = {}
        for item in self.indicators:
            area_def = areas.all_areas()[item.area - 1]
            area = placed.setdefault(item.area, ParsedArea(code=area_def.code, name=area_def.name))
            component = components.get(item.component_key)
            if component is None:
                component = ParsedComponent(number=len(area.components) + 1, name=item.component_name)
                components[item.component_key] = component
                area.components.append(component)
            component.indicators.append(self._indicator(item, year))
        plan = ParsedPlan(areas=[placed[n] for n in sorted(placed)], year=year)
        plan.flagged = self.flags
        plan.rows = self.rows
        if self.title_year and self.rows_year and self.title_year != self.rows_year:
            plan.year_conflict = {"title": self.title_year, "rows": self.rows_year}
        return plan

    def _indicator(self, item: _Indicator, year: int | None) -> ParsedIndicator:
        if item.target_text:
            period = parse_period(item.target_text, year)
            target = Target(item.target_text, period.start, period.end)
            missing = period.start is None
        else:
            target, missing = timing(item.texts, year)
        if not item.actions:
            self.flags.append(Flag(item.where, _("an indicator with no action step"), value=item.text[:80]))
        if missing:
            self.flags.append(
                Flag(
                    item.where,
                    _("no target period (tanpa target waktu): the coordinator sets it"),
                    value=item.text[:80],
                )
            )
        indicator = ParsedIndicator(
            text=item.text,
            actions=item.actions,
            evidence="\n".join(dict.fromkeys(item.evidence)),
            target=target,
            pic="; ".join(item.pic),
            lke_ref=item.ref,
            measures=item.measures,
        )
        indicator.where = item.where
        return indicator
