"""From table rows to a plan: header synonyms, area headings, components, continuation rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from zona.lib.periods import parse_period
from zona.lib.text import clean, fold

from .. import areas
from . import lke_questions
from .cells import join_columns, split_items, split_steps
from .fields import FIELDS, MULTI, exact_field, field_of, header_columns, repeats_header
from .model import (
    HEADER_AGAIN,
    NUMBERING,
    Flag,
    ParsedArea,
    ParsedComponent,
    ParsedIndicator,
    ParsedPlan,
    Problem,
    RowCount,
    Target,
)
from .rows import Row, no_table_message

# Column names vary between agencies: match them by meaning (data/fields.yaml), never by position.
CONTENT = ("indicator", "actions", "evidence", "target", "pic", "code", "measures")
column_of = field_of
# What became of a data row (else: the reason it was left out); a repeated header is no data.
IMPORTED, MERGED, DROPPED = "imported", "merged", "dropped"


@dataclass
class _Pending:
    where: str
    fields: dict[str, str]
    extra_actions: list[str] = field(default_factory=list)


def _shown(values: list[str]) -> str:
    """A dropped row's cells, for the list of rows left out."""
    return " | ".join(v for v in values if v)[:200]


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
        self.flags: list[Flag] = []  # the rows left out, each with its reason
        self.rows = RowCount()

    # -- rows ------------------------------------------------------------------------------
    def run(self, rows: list[Row], header: int) -> None:
        """Read the table whose header row is `rows[header]` (the preset's columns)."""
        for index, row in enumerate(rows):
            if index == header and self.preset is not None:
                self.columns = dict(self.preset.columns)
                continue
            self.feed(row)

    def feed(self, row: Row) -> None:
        """Read one row; once the header is found, every non-empty row is counted in `rows` as
        imported, merged or dropped (a dropped row is listed in `flags` with its reason)."""
        values = [clean(c) for c in row.cells]
        if not any(values):
            return
        started = self.columns is not None
        outcome = self._outcome(row, values)
        if not started:
            return
        if outcome in (HEADER_AGAIN, NUMBERING):
            self.rows.skip(row.where, outcome, _shown(values))
            return
        if outcome not in (IMPORTED, MERGED):
            self.flags.append(Flag(row.where, outcome, value=_shown(values), skipped=True))
            outcome = DROPPED
        self.rows.add(outcome)

    def _outcome(self, row: Row, values: list[str]) -> str:
        """IMPORTED, MERGED, HEADER_AGAIN, NUMBERING (the columns' numbering) or the reason the
        row is left out."""
        header = self._header(values)
        if header:
            self.columns = header
            return HEADER_AGAIN
        if _is_number_row(values):
            return NUMBERING
        heading = self._area_heading(row, values)
        if heading:
            return heading
        if self.columns is None:
            self._metadata_row(values)
            return IMPORTED  # above the header: not a data row, not counted
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
                fields[name] = join_columns(name, fields[name], value)
        entered = False
        if fields["area"]:
            entered = self._enter_area(row.where, fields["area"], "")
        outcome = self._content_row(row, fields)
        return IMPORTED if entered and outcome == MERGED else outcome

    def _header(self, values: list[str]) -> dict[int, str] | None:
        """The columns when the row is the header row (the first, or the same again after a page
        break), judged by the row as a whole."""
        if self.preset is not None and repeats_header(values, self.preset.headers):
            return dict(self.preset.columns)
        if self.preset is not None and self.columns is None:
            return None
        if self.columns is not None:
            # Another table's own header names the indicator where the first one did, in so many
            # words ("INDIKATOR"), not in a sentence that begins with the word; and every one of
            # its cells is a column's name.
            place = next((i for i, name in self.columns.items() if name == "indicator"), None)
            if place is None or place >= len(values) or exact_field(values[place]) != "indicator":
                return None
            if not all(field_of(v) for v in values if v):
                return None
        found = header_columns(values)
        names = set(found.values())
        with_component = {"indicator", "component"} <= names and len(names) >= 3
        if not ({"indicator", "actions"} <= names or with_component):
            return None
        return found

    def _metadata_row(self, values: list[str]) -> None:
        filled = [v for v in values if v]
        if len(filled) >= 2:
            key = fold(filled[0])
            for name, keys in METADATA_KEYS.items():
                if key in keys:
                    self.metadata[name] = filled[1]

    def _area_heading(self, row: Row, values: list[str]) -> str:
        """IMPORTED (a new area) or MERGED (the same area again) when the row is an area's
        heading; "" when it is not one."""
        filled = [(i, v) for i, v in enumerate(values) if v]
        if not filled or len(filled) > 2:
            return ""
        if self.columns is not None:
            content_columns = {i for i, name in self.columns.items() if name in CONTENT}
            if any(i in content_columns for i, _v in filled):
                return ""
        if len(filled) == 2 and filled[1][0] != filled[0][0] + 1:
            return ""
        text = " ".join(v for _i, v in filled)
        heading = areas.match_heading(text)
        if heading is None:
            return ""
        # Without a numeral, only a lone first-column cell under a header is a heading: a
        # component row ("2 | Pengelolaan Akuntabilitas") or a title may name an area's words.
        if not areas.ROMAN.match(filled[0][1]) and (
            len(filled) != 1 or filled[0][0] != 0 or self.columns is None
        ):
            return ""
        return IMPORTED if self._enter_area(row.where, text, heading[1]) else MERGED

    def _enter_area(self, where: str, text: str, name: str) -> bool:
        """True when the row starts another area."""
        heading = areas.match_heading(text)
        if heading is None:
            self.problems.append(
                Problem(where, _("unknown area of change “%(text)s” (expected I–VI)") % {"text": text})
            )
            return False
        area_def = heading[0]
        if self.area is not None and self.area.code == area_def.code:
            return False
        self._flush()
        self.component = None
        if area_def.code not in self.areas:
            self.areas[area_def.code] = ParsedArea(code=area_def.code, name=area_def.name)
        self.area = self.areas[area_def.code]
        return True

    def _content_row(self, row: Row, fields: dict[str, str]) -> str:
        if not (fields["no"] or fields["component"] or fields["indicator"]):
            return self._continuation(row, fields)
        outcome = MERGED
        if fields["no"] or fields["component"]:
            outcome = self._component(row.where, fields["no"], fields["component"])
        if fields["indicator"]:
            if self.component is None:
                return _("an indicator before any component: it has no place in the plan")
            self._flush()
            self.pending = _Pending(row.where, dict(fields))
            return IMPORTED
        if any(fields[name] for name in ("actions", "evidence", "target")):
            self.problems.append(Problem(row.where, _("action steps without an indicator")))
        return outcome

    def _component(self, where: str, number_text: str, name: str) -> str:
        """IMPORTED (a new component), MERGED (the same one repeated) or the problem."""
        if self.area is None:
            return self._problem(where, _("component before any area heading (I–VI)"))
        number_text = number_text.strip(" .")
        if number_text and not number_text.isdigit():
            return self._problem(where, _("component number “%(no)s” is not a number") % {"no": number_text})
        current = self.component
        if (
            current is not None
            and (not name or fold(name) == fold(current.name))
            and (not number_text or int(number_text) == current.number)
        ):
            return MERGED  # the same component repeated (merged cells)
        if not name:
            return self._problem(where, _("component %(no)s has no name") % {"no": number_text})
        self._flush()
        number = int(number_text) if number_text else len(self.area.components) + 1
        self.component = ParsedComponent(number=number, name=name)
        self.area.components.append(self.component)
        return IMPORTED

    def _problem(self, where: str, message: str) -> str:
        """A problem that stops the import; the row counts as dropped for it."""
        self.problems.append(Problem(where, message))
        return message

    def _continuation(self, row: Row, fields: dict[str, str]) -> str:
        kept = ("actions", "evidence", "target", "pic", "measures")
        if self.pending is None:
            if any(fields[name] for name in CONTENT):
                return self._problem(row.where, _("a row without an indicator, and no indicator before it"))
            return _("no indicator, component or action step, and no indicator above it")
        if not any(fields[name] for name in (CONTENT if row.fragment_start else kept)):
            return _("nothing in a column the plan keeps (indicator, action steps, evidence, target, PIC)")
        if row.fragment_start:
            # A cell split by a page break: the rest of the previous row's cells.
            for name in CONTENT:
                if fields[name]:
                    before = self.pending.fields[name]
                    self.pending.fields[name] = f"{before} {fields[name]}".strip()
            return MERGED
        # Another row of the same indicator: more steps, evidence, period or PIC.
        self.pending.extra_actions.extend(split_steps(fields["actions"]))
        for name in ("evidence", "target", "pic", "measures"):
            if fields[name] and fields[name] != self.pending.fields[name]:
                before = self.pending.fields[name]
                self.pending.fields[name] = f"{before}; {fields[name]}" if before else fields[name]
        return MERGED

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or self.component is None:
            return
        f = pending.fields
        period = parse_period(f["target"], self.default_year)
        ref = ""
        if f["code"]:
            ref, _note = lke_questions.ref_of(f["code"])
            ref = ref if ref and lke_questions.by_ref(ref) else ""
        elif self.area is not None:
            # No code: the indicator is linked when its text is (nearly) an LKE question of its area.
            match = lke_questions.match_text(f["indicator"], lke_questions.area_questions(self.area.code))
            ref = match.ref if match else ""
        indicator = ParsedIndicator(
            text=f["indicator"],
            actions=split_steps(f["actions"]) + pending.extra_actions,
            evidence="\n".join(split_items(f["evidence"])),
            target=Target(text=f["target"], start=period.start, end=period.end),
            pic=f["pic"],
            lke_ref=ref,
            measures=split_items(f["measures"]),
        )
        indicator.where = pending.where
        self.component.indicators.append(indicator)

    # -- result ----------------------------------------------------------------------------
    def result(self) -> ParsedPlan:
        self._flush()
        if self.columns is None and not self.problems:
            self.problems.append(Problem("", no_table_message()))
        order = [a.code for a in areas.all_areas()]
        ordered = sorted(self.areas.values(), key=lambda a: order.index(a.code))
        plan = ParsedPlan(areas=ordered, flagged=self.flags, rows=self.rows)
        if not self.problems and plan.counts()["indicators"] == 0:
            self.problems.append(Problem("", _("the table holds no indicators")))
        for area in ordered:
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
