"""From table rows to a plan: header synonyms, area headings, components, continuation rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zona.lib.periods import parse_period
from zona.lib.text import clean, fold

from .. import areas as catalogue
from . import catalogue as questions
from .cells import split_items, split_steps
from .fields import FIELDS, MULTI, field_of
from .model import ParsedArea, ParsedComponent, ParsedIndicator, ParsedPlan, Problem, Target

# Column names vary between agencies: match them by meaning (data/fields.yaml), never by position.
CONTENT = ("indicator", "actions", "evidence", "target", "pic", "code", "measures")
column_of = field_of


@dataclass
class Row:
    where: str
    cells: list[str]
    fragment_start: bool = False  # first data row of a table fragment (after a page break)


@dataclass
class _Pending:
    where: str
    fields: dict[str, str]
    extra_actions: list[str] = field(default_factory=list)


def _is_number_row(values: list[str]) -> bool:
    filled = [v for v in values if v]
    return len(filled) >= 4 and filled == [str(i) for i in range(1, len(filled) + 1)]


class PlanBuilder:
    def __init__(self, default_year: int | None = None, preset=None):
        self.default_year = default_year
        self.preset = preset  # a Layout whose columns the user mapped
        self.columns: dict[int, str] | None = None
        self.areas: dict[str, ParsedArea] = {}
        self.area: ParsedArea | None = None
        self.component: ParsedComponent | None = None
        self.pending: _Pending | None = None
        self.problems: list[Problem] = []
        self.metadata: dict[str, str] = {}

    # -- rows ------------------------------------------------------------------------------
    def feed(self, row: Row) -> None:
        values = [clean(c) for c in row.cells]
        if not any(values):
            return
        header = self._header(values)
        if header:
            self.columns = header
            return
        if _is_number_row(values):
            return
        if self._area_heading(row, values):
            return
        if self.columns is None:
            self._metadata_row(values)
            return
        fields = {name: "" for name in FIELDS}
        for index, name in self.columns.items():
            if index >= len(row.cells):
                continue
            # keep line breaks for step lists; other fields are folded by clean()
            keep_lines = name in ("actions", "evidence", "measures")
            value = row.cells[index].strip() if keep_lines else values[index]
            if not fields[name]:
                fields[name] = value
            elif value and name in MULTI:
                fields[name] = f"{fields[name]}\n{value}"
        if fields["area"]:
            self._enter_area(row.where, fields["area"], "")
        self._content_row(row, fields)

    def _header(self, values: list[str]) -> dict[int, str] | None:
        if self.preset is not None:
            same = [fold(v) for v in values][: len(self.preset.headers)] == [
                fold(h) for h in self.preset.headers
            ]
            return dict(self.preset.columns) if same else None
        if self.columns is not None:
            # A header repeated on a later page names the indicator where the first one did.
            place = next((i for i, name in self.columns.items() if name == "indicator"), None)
            if place is None or place >= len(values) or column_of(values[place]) != "indicator":
                return None
        found: dict[int, str] = {}
        for index, value in enumerate(values):
            column = column_of(value)
            if column and (column not in found.values() or column in MULTI):
                found[index] = column
        names = set(found.values())
        if {"indicator", "actions"} <= names or ({"indicator", "component"} <= names and len(names) >= 3):
            return found
        return None

    def _metadata_row(self, values: list[str]) -> None:
        filled = [v for v in values if v]
        if len(filled) >= 2:
            key = fold(filled[0])
            for name, keys in METADATA_KEYS.items():
                if key in keys:
                    self.metadata[name] = filled[1]

    def _area_heading(self, row: Row, values: list[str]) -> bool:
        filled = [(i, v) for i, v in enumerate(values) if v]
        if not filled or len(filled) > 2:
            return False
        if self.columns is not None:
            content_columns = {i for i, name in self.columns.items() if name in CONTENT}
            if any(i in content_columns for i, _v in filled):
                return False
        if len(filled) == 2 and filled[1][0] != filled[0][0] + 1:
            return False
        text = " ".join(v for _i, v in filled)
        heading = catalogue.match_heading(text)
        if heading is None:
            return False
        # Without a numeral, only a lone first-column cell under a header is a heading: a
        # component row ("2 | Pengelolaan Akuntabilitas") or a title may name an area's words.
        if not catalogue.ROMAN.match(filled[0][1]) and (
            len(filled) != 1 or filled[0][0] != 0 or self.columns is None
        ):
            return False
        self._enter_area(row.where, text, heading[1])
        return True

    def _enter_area(self, where: str, text: str, name: str) -> None:
        heading = catalogue.match_heading(text)
        if heading is None:
            self.problems.append(
                Problem(where, _("unknown area of change “%(text)s” (expected I–VI)") % {"text": text})
            )
            return
        area_def = heading[0]
        if self.area is not None and self.area.code == area_def.code:
            return
        self._flush()
        self.component = None
        if area_def.code not in self.areas:
            self.areas[area_def.code] = ParsedArea(code=area_def.code, name=area_def.name)
        self.area = self.areas[area_def.code]

    def _content_row(self, row: Row, fields: dict[str, str]) -> None:
        if not (fields["no"] or fields["component"] or fields["indicator"]):
            self._continuation(row, fields)
            return
        if fields["no"] or fields["component"]:
            self._component(row.where, fields["no"], fields["component"])
        if fields["indicator"]:
            if self.component is None:
                return
            self._flush()
            self.pending = _Pending(row.where, dict(fields))
        elif any(fields[name] for name in ("actions", "evidence", "target")):
            self.problems.append(Problem(row.where, _("action steps without an indicator")))

    def _component(self, where: str, number_text: str, name: str) -> None:
        if self.area is None:
            self.problems.append(Problem(where, _("component before any area heading (I–VI)")))
            return
        number_text = number_text.strip(" .")
        if number_text and not number_text.isdigit():
            self.problems.append(
                Problem(where, _("component number “%(no)s” is not a number") % {"no": number_text})
            )
            return
        current = self.component
        if (
            current is not None
            and (not name or fold(name) == fold(current.name))
            and (not number_text or int(number_text) == current.number)
        ):
            return  # the same component repeated (merged cells)
        if not name:
            self.problems.append(Problem(where, _("component %(no)s has no name") % {"no": number_text}))
            return
        self._flush()
        number = int(number_text) if number_text else len(self.area.components) + 1
        self.component = ParsedComponent(number=number, name=name)
        self.area.components.append(self.component)

    def _continuation(self, row: Row, fields: dict[str, str]) -> None:
        if self.pending is None:
            if any(fields[name] for name in CONTENT):
                self.problems.append(
                    Problem(row.where, _("a row without an indicator, and no indicator before it"))
                )
            return
        if row.fragment_start:
            # A cell split by a page break: the rest of the previous row's cells.
            for name in CONTENT:
                if fields[name]:
                    before = self.pending.fields[name]
                    self.pending.fields[name] = f"{before} {fields[name]}".strip()
            return
        # Another row of the same indicator: more steps, evidence, period or PIC.
        self.pending.extra_actions.extend(split_steps(fields["actions"]))
        for name in ("evidence", "target", "pic", "measures"):
            if fields[name] and fields[name] != self.pending.fields[name]:
                before = self.pending.fields[name]
                self.pending.fields[name] = f"{before}; {fields[name]}" if before else fields[name]

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or self.component is None:
            return
        f = pending.fields
        period = parse_period(f["target"], self.default_year)
        ref = ""
        if f["code"]:
            ref, _note = questions.ref_of(f["code"])
            ref = ref if ref and questions.by_ref(ref) else ""
        elif self.area is not None:
            # No code: the indicator is linked when its text is (nearly) an LKE question of its area.
            match = questions.match_text(f["indicator"], questions.area_questions(self.area.code))
            ref = match.ref if match else ""
        self.component.indicators.append(
            ParsedIndicator(
                text=f["indicator"],
                actions=split_steps(f["actions"]) + pending.extra_actions,
                evidence="\n".join(split_items(f["evidence"])),
                target=Target(text=f["target"], start=period.start, end=period.end),
                pic=f["pic"],
                lke_ref=ref,
                measures=split_items(f["measures"]),
            )
        )

    # -- result ----------------------------------------------------------------------------
    def result(self) -> ParsedPlan:
        self._flush()
        if self.columns is None and not self.problems:
            from .read import no_table_message

            self.problems.append(Problem("", no_table_message()))
        order = [a.code for a in catalogue.catalogue()]
        areas = sorted(self.areas.values(), key=lambda a: order.index(a.code))
        plan = ParsedPlan(areas=areas)
        if not self.problems and plan.counts()["indicators"] == 0:
            self.problems.append(Problem("", _("the table holds no indicators")))
        for area in areas:
            for component in area.components:
                if not component.indicators:
                    self.problems.append(
                        Problem("", _("component “%(name)s” has no indicators") % {"name": component.name})
                    )
        return plan


METADATA_KEYS = {
    "number": ("nomor", "nomorkeputusan", "nomorsk", "decreenumber"),
    "date": ("tanggal", "tanggalkeputusan", "tanggalditetapkan", "ditetapkantanggal"),
    "unit": ("unit", "unitkerja", "satuankerja", "instansi"),
    "signatory": ("penandatangan", "ditandatanganioleh", "signatory"),
    "year": ("tahun", "tahunrencana"),
    "title": ("judul", "tentang"),
}
