"""The LKE instrument: a versioned YAML library file, loaded into an immutable tree and
validated (weights add up, options valid, criteria point at real nodes). No database here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from zona.lib.yamlfile import load_yaml

LIBRARIES = Path(__file__).parent / "libraries"
CHOICE_TYPES = ("yn", "ab", "abc", "abcd", "abcde")
FORMULAS = ("ratio", "option")
# What a formula's `zero_option` may choose for 0/0: the value 0, or full marks (1).
ZERO_CHOICES = ("zero", "full")


def summed(keys: str | list[str]) -> list[str]:
    """A `not_more_than` side: one input, or a list of inputs added together."""
    return [str(k) for k in keys] if isinstance(keys, list) else [str(keys)]


class InstrumentError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def exact(value: Any) -> Fraction:
    """A weight or threshold as an exact fraction ("0.67" is 67/100, not a binary float)."""
    try:
        return Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise InstrumentError([_("not a number: %(value)r") % {"value": value}]) from exc


@dataclass(frozen=True)
class Question:
    ref: str
    text: str
    type: str  # yn/ab/abc/abcd/abcde, numeric, index
    options: dict[str, Fraction] = field(default_factory=dict)  # answer → value
    option_texts: dict[str, str] = field(default_factory=dict)
    inputs: tuple[tuple[str, str], ...] = ()  # (key, label) in the order answers give them
    formula: dict[str, Any] = field(default_factory=dict)
    scale: int = 4
    # What the question asks and how it is judged ("penjelasan"), the evidence expected ("bukti"),
    # and for numeric items what to count and where from ("hitung").
    guidance: dict[str, str] = field(default_factory=dict)


@dataclass
class Node:
    ref: str
    name: str
    weight: Fraction
    children: list[Node] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    area: int | None = None
    part: str = ""  # "I" (Pemenuhan) or "II" (Reform) for areas and below

    @property
    def is_group(self) -> bool:
        return bool(self.questions)


@dataclass
class Instrument:
    urn: str
    version: str
    title: str
    legal_basis: str
    roots: list[Node]
    nodes: dict[str, Node]
    questions: dict[str, Question]
    options: dict[str, dict[str, Any]]
    predicates: dict[str, list[dict[str, Any]]]
    carry_forward: dict[str, str]
    path: Path | None = None
    # questions_under's answers, kept with the tree they are read from (it never changes)
    _under: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def option_defaults(self) -> dict[str, str]:
        return {name: spec["default"] for name, spec in self.options.items()}

    def areas(self, part: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.area is not None and n.part == part and not n.is_group]

    def groups(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.is_group]

    def questions_under(self, nodes: tuple[str, ...]) -> tuple[str, ...]:
        """The questions that count in one of the nodes ("total" counts everything), in the
        instrument's order; read once per instrument and set of nodes."""
        if nodes not in self._under:
            self._under[nodes] = tuple(
                ref for ref in self.questions if any(n == "total" or ref.startswith(n + ".") for n in nodes)
            )
        return self._under[nodes]

    def weight_of(self, ref: str) -> Fraction:
        """What a full answer to the question adds to the total: its sub-component's weight over
        its number of questions (17.5 for IPAK B.1.a and for IPKP B.2.a)."""
        for group in self.groups():
            if any(q.ref == ref for q in group.questions):
                return group.weight / len(group.questions)
        raise KeyError(ref)


def load(path: Path | str) -> Instrument:
    path = Path(path)
    try:
        raw = load_yaml(path)
    except OSError as exc:
        raise InstrumentError(
            [_("can't read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}]
        ) from exc
    except yaml.YAMLError as exc:
        raise InstrumentError(
            [_("%(file)s is not valid YAML: %(error)s") % {"file": path.name, "error": exc}]
        ) from exc
    guidance = None
    if isinstance(raw, dict) and raw.get("guidance"):
        guidance_path = path.parent / str(raw["guidance"])
        try:
            guidance = load_yaml(guidance_path)
        except (OSError, yaml.YAMLError) as exc:
            raise InstrumentError(
                [
                    _("can't read the guidance %(file)s: %(error)s")
                    % {"file": guidance_path.name, "error": exc}
                ]
            ) from exc
    instrument = parse(raw, guidance=guidance)
    instrument.path = path
    return instrument


GUIDANCE_KEYS = {"penjelasan", "bukti", "hitung"}


def parse(raw: Any, guidance: dict[str, Any] | None = None) -> Instrument:
    """Build and validate an instrument; `guidance` (ref → {penjelasan, bukti, hitung}), when
    given, must cover every question, and numeric questions must say what to count."""
    if not isinstance(raw, dict):
        raise InstrumentError([_("the instrument must be a YAML mapping")])
    missing = [
        _("missing key: %(key)s") % {"key": key}
        for key in ("urn", "version", "title", "legal_basis", "answer_types", "tree", "predicates")
        if key not in raw
    ]
    if missing:
        raise InstrumentError(missing)
    builder = _Builder(raw["answer_types"], guidance or {})
    roots = [n for n in (builder.node(item, "", None, "") for item in raw["tree"]) if n is not None]
    builder.check_guidance()
    total = sum((r.weight for r in roots), Fraction(0))
    if total != 100:
        builder.problems.append(_("the top of the tree weighs %(sum)s, not 100") % {"sum": float(total)})
    options = raw.get("options") or {}
    builder.check_options(options)
    builder.check_predicates(raw["predicates"])
    if builder.problems:
        raise InstrumentError(builder.problems)
    return Instrument(
        urn=str(raw["urn"]),
        version=str(raw["version"]),
        title=str(raw["title"]),
        legal_basis=str(raw["legal_basis"]),
        roots=roots,
        nodes=builder.nodes,
        questions=builder.questions,
        options=options,
        predicates={k: v.get("criteria", []) for k, v in raw["predicates"].items()},
        carry_forward={str(k): str(v) for k, v in (raw.get("carry_forward") or {}).items()},
    )


class _Builder:
    """The instrument's tree built from its YAML, every problem found collected on the way."""

    def __init__(self, answer_types: dict[str, Any], guidance: dict[str, Any]):
        self.problems: list[str] = []
        self.guidance = guidance
        self.nodes: dict[str, Node] = {}
        self.questions: dict[str, Question] = {}
        self.zero_options: dict[str | None, list[str]] = {}  # a formula's option for 0/0 → its questions
        self.answer_types = self._answer_types(answer_types)

    def _answer_types(self, raw: dict[str, Any]) -> dict[str, dict[str, Fraction]]:
        answer_types: dict[str, dict[str, Fraction]] = {}
        for name, values in raw.items():
            try:
                answer_types[name] = {str(k): exact(v) for k, v in values.items()}
            except InstrumentError as exc:
                self.problems.extend(f"answer_types.{name}: {p}" for p in exc.problems)
                continue
            if any(not 0 <= v <= 1 for v in answer_types[name].values()):
                self.problems.append(
                    _("answer_types.%(name)s: values must lie between 0 and 1") % {"name": name}
                )
        return answer_types

    def node(self, item: dict[str, Any], prefix: str, area: int | None, part: str) -> Node | None:
        code = str(item.get("code", "")).strip()
        name = str(item.get("name", "")).strip()
        try:
            weight = exact(item.get("weight"))
        except InstrumentError:
            self.problems.append(
                _("%(node)s: weight missing or not a number") % {"node": prefix + code or name}
            )
            return None
        area = int(item["area"]) if "area" in item else area
        if prefix == "A." and code in ("I", "II"):
            part = code
        ref = f"{prefix}{code}" if code else prefix.rstrip(".")
        node = Node(ref=ref, name=name, weight=weight, area=area, part=part)
        kids = item.get("children") or []
        qs = item.get("questions") or []
        if bool(kids) == bool(qs):
            self.problems.append(
                _("%(node)s: a node has either children or questions") % {"node": ref or name}
            )
            return node
        below = f"{ref}." if ref else ""
        node.children = [
            built for child in kids if (built := self.node(child, below, area, part)) is not None
        ]
        node.questions = [built for q in qs if (built := self.question(q, below)) is not None]
        if qs and not code and len(qs) == 1:
            node.ref = node.questions[0].ref  # a one-question group is named by its question
        elif qs and not code:
            self.problems.append(_("%(node)s: a group of several questions needs a code") % {"node": name})
        if kids:
            total = sum((c.weight for c in node.children), Fraction(0))
            if total != node.weight:
                self.problems.append(
                    _("%(node)s: children weigh %(sum)s, not %(weight)s")
                    % {"node": node.ref, "sum": float(total), "weight": float(node.weight)}
                )
        if node.ref in self.nodes:
            self.problems.append(_("duplicate reference %(ref)s") % {"ref": node.ref})
        self.nodes[node.ref] = node
        return node

    def _guide(self, ref: str) -> dict[str, str]:
        entry = self.guidance.get(ref)
        if entry is None:
            return {}
        if not isinstance(entry, dict) or not entry.get("penjelasan") or set(entry) - GUIDANCE_KEYS:
            self.problems.append(
                _("%(ref)s: guidance needs “penjelasan” and may add “bukti” and “hitung” only") % {"ref": ref}
            )
            return {}
        return {key: str(value).strip() for key, value in entry.items()}

    def question(self, item: dict[str, Any], prefix: str) -> Question | None:
        ref = prefix + str(item.get("code", "")).strip()
        kind = item.get("type")
        text = str(item.get("text", "")).strip()
        if not text:
            self.problems.append(_("%(ref)s: question text missing") % {"ref": ref})
        if ref in self.questions:
            self.problems.append(_("duplicate reference %(ref)s") % {"ref": ref})
        if kind in CHOICE_TYPES and kind in self.answer_types:
            question = self._choice(ref, text, kind, item)
        elif kind == "numeric":
            question = self._numeric(ref, text, item)
        elif kind == "index":
            question = Question(ref, text, kind, scale=int(item.get("scale", 4)), guidance=self._guide(ref))
        else:
            self.problems.append(_("%(ref)s: unknown answer type %(type)s") % {"ref": ref, "type": kind})
            return None
        self.questions[ref] = question
        return question

    def _choice(self, ref: str, text: str, kind: str, item: dict[str, Any]) -> Question:
        texts = {str(k): str(v) for k, v in (item.get("options") or {}).items()}
        if set(texts) != set(self.answer_types[kind]):
            self.problems.append(
                _("%(ref)s: options %(got)s do not match type %(type)s (%(want)s)")
                % {
                    "ref": ref,
                    "got": ", ".join(texts) or "-",
                    "type": kind,
                    "want": ", ".join(self.answer_types[kind]),
                }
            )
        return Question(ref, text, kind, dict(self.answer_types[kind]), texts, guidance=self._guide(ref))

    def _numeric(self, ref: str, text: str, item: dict[str, Any]) -> Question:
        inputs = tuple((str(i["key"]), str(i["label"])) for i in item.get("inputs") or [])
        formula = dict(item.get("formula") or {})
        keys = {k for k, _label in inputs}
        unknown = _("%(ref)s: the formula names inputs that do not exist") % {"ref": ref}
        if formula.get("kind") not in FORMULAS:
            self.problems.append(_("%(ref)s: unknown formula") % {"ref": ref})
        elif (
            formula["kind"] == "ratio" and not {formula.get("numerator"), formula.get("denominator")} <= keys
        ):
            self.problems.append(unknown)
        elif formula["kind"] == "option" and not {formula.get("previous"), formula.get("current")} <= keys:
            self.problems.append(unknown)
        for smaller, larger in formula.get("not_more_than", []):
            if not {*summed(smaller), *summed(larger)} <= keys:
                self.problems.append(unknown)
        self.zero_options.setdefault(formula.get("zero_option"), []).append(ref)
        return Question(ref, text, "numeric", inputs=inputs, formula=formula, guidance=self._guide(ref))

    def check_guidance(self) -> None:
        if not self.guidance:
            return
        for ref in sorted(set(self.guidance) - set(self.questions)):
            self.problems.append(_("guidance for an unknown question %(ref)s") % {"ref": ref})
        for ref, question in self.questions.items():
            if not question.guidance:
                self.problems.append(_("%(ref)s: no guidance") % {"ref": ref})
            elif question.type == "numeric" and "hitung" not in question.guidance:
                self.problems.append(
                    _("%(ref)s: a numeric question's guidance says what to count (hitung)") % {"ref": ref}
                )

    def check_options(self, options: dict[str, Any]) -> None:
        for name, spec in options.items():
            if spec.get("default") not in spec.get("choices", []):
                self.problems.append(
                    _("option %(name)s: the default is not one of its choices") % {"name": name}
                )
        for name, refs in self.zero_options.items():
            choices = set((options.get(name) or {}).get("choices") or ["?"])
            if name is not None and not choices <= set(ZERO_CHOICES):
                self.problems.append(
                    _("%(ref)s: zero_option %(name)s must be an option choosing among %(choices)s")
                    % {"ref": ", ".join(refs), "name": name, "choices": ", ".join(ZERO_CHOICES)}
                )

    def check_predicates(self, predicates: dict[str, Any]) -> None:
        for predicate, spec in predicates.items():
            for criterion in spec.get("criteria", []):
                node = criterion.get("node")
                if node and node != "total" and node not in self.nodes:
                    self.problems.append(
                        _("%(predicate)s: criterion %(name)s names an unknown node %(node)s")
                        % {"predicate": predicate, "name": criterion.get("name"), "node": node}
                    )
                within = criterion.get("no_revocation_within")
                if within is not None and (not isinstance(within, int) or within < 0):
                    self.problems.append(
                        _("%(predicate)s: no_revocation_within is a number of years")
                        % {"predicate": predicate}
                    )
                prior = criterion.get("requires_prior")
                if prior and prior not in predicates:
                    self.problems.append(
                        _("%(predicate)s: unknown prior predicate %(prior)s")
                        % {"predicate": predicate, "prior": prior}
                    )


@cache
def _library() -> dict[str, Path]:
    found = {}
    for path in sorted(LIBRARIES.glob("*.yaml")):
        urn = load_yaml(path).get("urn")
        found[urn] = path
    return found


def library_urns() -> list[str]:
    return list(_library())


@cache
def by_urn(urn: str) -> Instrument:
    path = _library().get(urn)
    if path is None:
        raise InstrumentError([_("no instrument with URN %(urn)s") % {"urn": urn}])
    return load(path)


def resolve(file_or_urn: str | None) -> Instrument:
    """A path to a YAML file, a URN from the library, or (None) the newest library instrument."""
    if not file_or_urn:
        return by_urn(library_urns()[-1])
    if file_or_urn.startswith("urn:"):
        return by_urn(file_or_urn)
    return load(file_or_urn)
