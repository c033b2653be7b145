"""The parsed plan: plain data, JSON in and out (`--format json`, the web preview)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, ClassVar

from django.utils.translation import gettext as _

from zona.lib.errors import RuleError


@dataclass
class Problem:
    where: str  # "baris 12", "Lampiran II!baris 7"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class PlanFileError(RuleError):
    """The file can't be imported, or the plan can't be saved; `problems` says where and why
    (Indonesian UI text), each a `Problem` whose text is its place and reason."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Target:
    text: str = ""
    start: date | None = None
    end: date | None = None


# The rows below the header that are no data: the header again (after a page break), the
# columns' numbering (1, 2, 3, …).
HEADER_AGAIN, NUMBERING = "header-again", "numbering"


@dataclass
class RowCount:
    """Every data row of the file (each non-empty row below the header row) counted once: it
    was imported (it started an area, component or indicator), merged (its cells went to the
    indicator above it) or dropped (left out, listed in `ParsedPlan.flagged` with its reason).
    The header row repeated after a page break and the columns' numbering row (1, 2, 3, …) are
    no data: they are counted apart, as `repeats`, and each is listed in `repeated` with its
    place and why it was skipped, as a row left out is."""

    total: int = 0
    imported: int = 0
    merged: int = 0
    dropped: int = 0
    repeats: int = 0
    repeated: list[Flag] = field(default_factory=list)

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.total += 1

    def skip(self, where: str, kind: str, value: str) -> None:
        """A row that is no data (HEADER_AGAIN, NUMBERING): counted and listed apart."""
        if kind == NUMBERING:
            reason = _("the columns' numbering row (1, 2, 3, …), no data")
        else:
            reason = _("the header row repeated, no data")
        self.repeats += 1
        self.repeated.append(Flag(where, reason, value=value, skipped=True))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RowCount:
        counts = {k: v for k, v in data.items() if k != "repeated"}
        return cls(**counts, repeated=[Flag(**f) for f in data.get("repeated") or []])

    def adds_up(self) -> bool:
        return self.imported + self.merged + self.dropped == self.total


@dataclass
class ParsedIndicator:
    text: str
    actions: list[str] = field(default_factory=list)
    evidence: str = ""  # one item per line
    target: Target = field(default_factory=Target)
    pic: str = ""
    lke_ref: str = ""  # the LKE question it serves (A.I.1.i.a), when known
    measures: list[str] = field(default_factory=list)  # quantitative sub-rows ("Jumlah agen perubahan")
    # set on a scan's indicators holding a cell OCR read with low confidence (not saved)
    doubtful: ClassVar[bool] = False
    # where in the file the indicator's row is ("page 2, table 1, row 4"), as read (not saved)
    where: ClassVar[str] = ""


@dataclass
class Flag:
    """A row the reader questions: reported with its place, column and value, never guessed
    silently. `skipped` rows are left out of the plan; the others are imported and marked."""

    where: str
    problem: str
    column: str = ""
    value: str = ""
    skipped: bool = False

    def __str__(self) -> str:
        place = f"{self.where}, {self.column}" if self.column else self.where
        shown = f" (“{self.value[:80]}”)" if self.value else ""
        return f"{place}: {self.problem}{shown}"


@dataclass
class DoubtfulCell(Flag):
    """A cell of a scan OCR read with low confidence, for the user to check: its page, its row on
    the page (from 1), its column's header and the confidence (0–100)."""

    page: int = 0
    row: int = 0
    confidence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "row": self.row,
            "column": self.column,
            "confidence": self.confidence,
            "value": self.value,
            "where": self.where,
        }


@dataclass
class ParsedComponent:
    number: int
    name: str
    indicators: list[ParsedIndicator] = field(default_factory=list)


@dataclass
class ParsedArea:
    code: str
    name: str
    priorities: list[str] = field(default_factory=list)
    components: list[ParsedComponent] = field(default_factory=list)


@dataclass
class Decree:
    number: str = ""
    date: date | None = None
    unit: str = ""
    signatory: str = ""


@dataclass
class ParsedPlan:
    decree: Decree = field(default_factory=Decree)
    areas: list[ParsedArea] = field(default_factory=list)
    year: int | None = None
    title: str = ""
    layout: str = "decree"  # decree (Lampiran II columns), lke_code, lke_text
    columns: dict[str, str] = field(default_factory=dict)  # field → the file's column header
    flagged: list[Flag] = field(default_factory=list)
    # the year the title (or decree) names when the rows say another: the user confirms
    year_conflict: dict[str, int] = field(default_factory=dict)
    rows: RowCount = field(default_factory=RowCount)
    # a scan read by OCR: the cells read with low confidence, for the user to check
    doubtful: list[DoubtfulCell] = field(default_factory=list)
    sheet: str = ""  # the sheet the plan was read from, in a workbook of several
    other_sheets: list[str] = field(default_factory=list)  # the workbook's sheets not read

    def dropped(self) -> list[Flag]:
        return [f for f in self.flagged if f.skipped]

    def row_summary(self) -> str:
        """Every data row accounted for, in one line for the command line and the pages."""
        counts = asdict(self.rows)
        summary = (
            _(
                "%(total)s data rows: %(imported)s imported, %(merged)s merged into the row above, "
                "%(dropped)s left out"
            )
            % counts
        )
        if self.rows.repeats:
            summary += _(" (and %(repeats)s repeated header or column-numbering rows skipped)") % counts
        return summary

    def indicators(self) -> list[ParsedIndicator]:
        return [i for a in self.areas for c in a.components for i in c.indicators]

    def lke_links(self) -> dict[str, Any]:
        linked = [i for i in self.indicators() if i.lke_ref]
        return {
            "linked": len(linked),
            "unlinked": [i.text for i in self.indicators() if not i.lke_ref],
        }

    def counts(self) -> dict[str, int]:
        components = [c for a in self.areas for c in a.components]
        indicators = [i for c in components for i in c.indicators]
        return {
            "areas": len(self.areas),
            "components": len(components),
            "indicators": len(indicators),
            "actions": sum(len(i.actions) for i in indicators),
        }

    def to_dict(self) -> dict[str, Any]:
        def encode(value: Any) -> Any:
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: encode(v) for k, v in value.items()}
            if isinstance(value, list):
                return [encode(v) for v in value]
            return value

        data = encode(asdict(self))
        # The documented contract lists decree and areas first.
        return {
            "decree": data["decree"],
            "areas": data["areas"],
            "year": data["year"],
            "title": data["title"],
            "layout": self.layout,
            "columns": self.columns,
            "lke_links": self.lke_links(),
            "flagged": data["flagged"],
            "year_conflict": self.year_conflict,
            "rows": data["rows"],
            "sheet": self.sheet,
            "other_sheets": self.other_sheets,
            "doubtful": [cell.to_dict() for cell in self.doubtful],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedPlan:
        def day(value: str | None) -> date | None:
            return date.fromisoformat(value) if value else None

        decree = data.get("decree") or {}
        return cls(
            layout=data.get("layout", "decree"),
            columns=dict(data.get("columns") or {}),
            flagged=[Flag(**f) for f in data.get("flagged") or []],
            year_conflict=dict(data.get("year_conflict") or {}),
            sheet=data.get("sheet", ""),
            other_sheets=list(data.get("other_sheets") or []),
            rows=RowCount.from_dict(data.get("rows") or {}),
            decree=Decree(
                number=decree.get("number", ""),
                date=day(decree.get("date")),
                unit=decree.get("unit", ""),
                signatory=decree.get("signatory", ""),
            ),
            year=data.get("year"),
            title=data.get("title", ""),
            areas=[
                ParsedArea(
                    code=a["code"],
                    name=a["name"],
                    priorities=list(a.get("priorities", [])),
                    components=[
                        ParsedComponent(
                            number=c["number"],
                            name=c["name"],
                            indicators=[
                                ParsedIndicator(
                                    text=i["text"],
                                    actions=list(i.get("actions", [])),
                                    evidence=i.get("evidence", ""),
                                    pic=i.get("pic", ""),
                                    lke_ref=i.get("lke_ref", ""),
                                    measures=list(i.get("measures", [])),
                                    target=Target(
                                        text=i["target"].get("text", ""),
                                        start=day(i["target"].get("start")),
                                        end=day(i["target"].get("end")),
                                    ),
                                )
                                for i in c["indicators"]
                            ],
                        )
                        for c in a["components"]
                    ],
                )
                for a in data.get("areas", [])
            ],
        )
