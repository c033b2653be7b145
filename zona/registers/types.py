"""Register types from `data/types.yaml`, checked on load: each names its fields (as the shared
typed-records reader knows them), the field that places an entry in a period, and what its
recap counts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zona.lib.records import TYPES, FieldSpec
from zona.lib.yamlfile import load_yaml

DATA = Path(__file__).parent / "data" / "types.yaml"


class TypeDefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Recap:
    group: str = ""  # a choice field: counts per value
    sum: tuple[str, ...] = ()  # numeric fields added up
    people: str = ""  # the field naming a person: distinct people counted
    filled: tuple[str, ...] = ()  # fields counted where filled in (a sanction given, a report sent)


@dataclass(frozen=True)
class RegisterType:
    key: str
    name: str
    basis: str
    fields: tuple[FieldSpec, ...]
    recap: Recap
    date_field: str = ""  # entries placed by a date: recapped by quarter and year
    year_field: str = ""  # or by a year: recapped by year

    def field(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)

    @property
    def by_quarter(self) -> bool:
        return bool(self.date_field)


def _spec(raw: dict, where: str) -> FieldSpec:
    kind = raw.get("type", "text")
    if kind not in TYPES or kind == "scale":
        raise TypeDefinitionError(f"{where}: unknown field type {kind}")
    choices = tuple(str(c) for c in raw.get("choices") or ())
    if kind == "choice" and not choices:
        raise TypeDefinitionError(f"{where}: a choice field lists its choices")
    return FieldSpec(
        key=str(raw["key"]),
        label=str(raw["label"]),
        type=kind,
        required=bool(raw.get("required")),
        choices=choices,
        synonyms=tuple(str(s) for s in raw.get("synonyms") or ()),
        max_length=int(raw.get("max_length", 500)),
    )


def _type(raw: dict) -> RegisterType:
    key = str(raw.get("key", "?"))
    fields = tuple(_spec(f, f"{key}.{f.get('key', '?')}") for f in raw.get("fields") or ())
    keys = [f.key for f in fields]
    if not fields or len(set(keys)) != len(keys):
        raise TypeDefinitionError(f"{key}: fields with distinct keys")
    by_key = {f.key: f for f in fields}
    date_field, year_field = str(raw.get("date", "")), str(raw.get("year", ""))
    if bool(date_field) == bool(year_field):
        raise TypeDefinitionError(f"{key}: give either `date:` or `year:`")
    period = by_key.get(date_field or year_field)
    if period is None or not period.required or period.type != ("date" if date_field else "int"):
        raise TypeDefinitionError(
            f"{key}: the period field is a required {'date' if date_field else 'int'} field"
        )
    r = raw.get("recap") or {}
    recap = Recap(
        group=str(r.get("group", "")),
        sum=tuple(r.get("sum") or ()),
        people=str(r.get("people", "")),
        filled=tuple(r.get("filled") or ()),
    )
    for name in (recap.group, recap.people, *recap.sum, *recap.filled):
        if name and name not in by_key:
            raise TypeDefinitionError(f"{key}: the recap names an unknown field {name}")
    if recap.group and by_key[recap.group].type != "choice":
        raise TypeDefinitionError(f"{key}: the recap groups by a choice field")
    if any(by_key[n].type not in ("int", "decimal") for n in recap.sum):
        raise TypeDefinitionError(f"{key}: the recap adds up numeric fields only")
    return RegisterType(
        key, str(raw["name"]), str(raw.get("basis", "")).strip(), fields, recap, date_field, year_field
    )


def parse(raw: dict) -> dict[str, RegisterType]:
    found = [_type(t) for t in raw.get("types") or ()]
    if len({t.key for t in found}) != len(found):
        raise TypeDefinitionError("two register types with one key")
    return {t.key: t for t in found}


@cache
def register_types() -> dict[str, RegisterType]:
    return parse(load_yaml(DATA))
