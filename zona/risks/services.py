"""Every write to the risk register, and the figures read from it: the matrix chosen by the
Inspektorat (a change recomputes the levels, the old ones kept), risks and their assessment,
control actions (RTP) and their quarterly realisation in the plan's monev cycles, the import of
an existing register, the heat map, overdue actions and the roll-up of the units below."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evidence.services import evidence_file_or
from zona.lib.errors import RuleError
from zona.lib.periods import parse_period
from zona.lib.records import RecordsError, read_records
from zona.monev.models import MonevCycle
from zona.orgs.models import Unit

from .fields import ACTION_KEYS, DERIVED, RISK_KEYS, risk_fields
from .matrix import MatrixError, scheme
from .models import ControlAction, LevelChange, MatrixChoice, Progress, Realisation, Register, Risk, Source


class RiskError(RuleError):
    """A rule was broken; the message is for the user."""


def _today() -> date:
    return timezone.localdate()


# -- the matrix ------------------------------------------------------------------------------


def current_matrix(unit: Unit) -> str:
    choice = MatrixChoice.objects.filter(unit=unit).first()
    return choice.matrix if choice else scheme().default.name


def levels_of(matrix: str, likelihood, impact, residual_likelihood=None, residual_impact=None):
    """(inherent level, residual level or None) read from the matrix."""
    m = scheme().matrix(matrix)
    inherent = m.level(likelihood, impact)
    residual = (
        m.level(residual_likelihood, residual_impact)
        if residual_likelihood is not None and residual_impact is not None
        else None
    )
    return inherent, residual


def _keep(risk: Risk, reason: str, by) -> None:
    LevelChange.objects.create(
        risk=risk,
        matrix=risk.register.matrix,
        inherent_level=risk.inherent_level,
        residual_level=risk.residual_level,
        likelihood=risk.likelihood,
        impact=risk.impact,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        reason=reason[:200],
        changed_by=by,
    )


@transaction.atomic
def matrix_choose(*, unit: Unit, matrix: str, chosen_on: date, by, note: str = "") -> int:
    """The Inspektorat's choice of matrix for the unit. The registers of the year it is chosen
    in and later are recomputed, each replaced level kept in the risk's history; earlier years
    keep the matrix they were assessed with. Returns how many risks changed level."""
    try:
        new = scheme().matrix(matrix)
    except MatrixError as exc:
        raise RiskError(_("Unknown matrix %(name)s.") % {"name": matrix}) from exc
    MatrixChoice.objects.create(
        unit=unit, matrix=new.name, chosen_on=chosen_on, note=note[:500], chosen_by=by
    )
    changed = 0
    for register in Register.objects.select_for_update().filter(unit=unit, year__gte=chosen_on.year):
        if register.matrix == new.name:
            continue
        reason = f"matriks {register.matrix} → {new.name}"
        for risk in register.risks.select_related("register"):
            inherent, residual = levels_of(
                new.name, risk.likelihood, risk.impact, risk.residual_likelihood, risk.residual_impact
            )
            if (inherent, residual) != (risk.inherent_level, risk.residual_level):
                _keep(risk, reason, by)
                risk.inherent_level, risk.residual_level = inherent, residual
                risk.save(update_fields=["inherent_level", "residual_level"])
                changed += 1
        register.matrix = new.name
        register.save(update_fields=["matrix"])
    audit_record(
        actor=by,
        action="risk.matrix_chosen",
        obj=unit,
        unit=unit,
        changes={"matrix": new.name, "on": chosen_on.isoformat(), "risks_changed": changed},
    )
    return changed


# -- the register ----------------------------------------------------------------------------


@transaction.atomic
def register_open(*, unit: Unit, year: int, by) -> Register:
    if not 2000 <= year <= 2100:
        raise RiskError(_("Give a year between 2000 and 2100."))
    register, created = Register.objects.get_or_create(
        unit=unit, year=year, defaults={"matrix": current_matrix(unit), "created_by": by}
    )
    if created:
        audit_record(actor=by, action="risk.register_opened", obj=register, unit=unit)
    return register


def _risk_values(values: dict) -> dict:
    clean = {k: values.get(k) for k in RISK_KEYS if k in values}
    if clean.get("source") in ("eksternal", Source.EXTERNAL):
        clean["source"] = Source.EXTERNAL
    elif "source" in clean:
        clean["source"] = Source.INTERNAL
    for key in ("process", "cause", "consequence", "category", "owner_title", "controls"):
        if key in clean and clean[key] is None:
            clean[key] = ""
    if (clean.get("residual_likelihood") is None) != (clean.get("residual_impact") is None):
        raise RiskError(_("Give both the residual likelihood and the residual impact, or neither."))
    return clean


@transaction.atomic
def risk_save(*, register: Register, values: dict, by, risk: Risk | None = None, owner=None) -> Risk:
    """A new risk, or a revised one (its former assessment kept when the levels change)."""
    fields = _risk_values(values)
    code = str(values.get("code") or (risk.code if risk else "")).strip()[:30]
    if not code:
        raise RiskError(_("Give the risk a code."))
    if Risk.objects.filter(register=register, code=code).exclude(pk=getattr(risk, "pk", None)).exists():
        raise RiskError(_("The register already has a risk %(code)s.") % {"code": code})
    for key in ("objective", "statement"):
        if not (fields.get(key) or (getattr(risk, key, "") if risk else "")):
            raise RiskError(_("Write the objective and the risk statement."))
    target = risk or Risk(register=register)
    for key, value in fields.items():
        setattr(target, key, value)
    target.code = code
    if owner is not None:
        target.owner = owner
    inherent, residual = levels_of(
        register.matrix, target.likelihood, target.impact, target.residual_likelihood, target.residual_impact
    )
    if risk is not None and (inherent, residual) != (risk.inherent_level, risk.residual_level):
        _keep(Risk.objects.get(pk=risk.pk), _("assessment revised"), by)
    target.inherent_level, target.residual_level = inherent, residual
    target.save()
    audit_record(
        actor=by,
        action="risk.saved" if risk else "risk.added",
        obj=target,
        unit=register.unit,
        changes={"code": code, "inherent": inherent, "residual": residual},
    )
    return target


def _action_values(risk: Risk, values: dict) -> dict:
    response = values.get("response") or ""
    if response not in scheme().responses:
        raise RiskError(_("Choose the response: %(choices)s.") % {"choices": ", ".join(scheme().responses)})
    activity = (values.get("activity") or "").strip()
    if not activity:
        raise RiskError(_("Describe the control activity."))
    target_text = (values.get("target_text") or "").strip()[:100]
    period = parse_period(target_text, default_year=risk.register.year) if target_text else None
    return {
        "response": response,
        "activity": activity[:1000],
        "owner_title": (values.get("action_owner") or values.get("owner_title") or "").strip()[:200],
        "target_text": target_text,
        "target_start": period.start if period else None,
        "target_end": period.end if period else None,
        "output": (values.get("output") or "").strip()[:500],
    }


@transaction.atomic
def action_add(*, risk: Risk, values: dict, by, owner=None) -> ControlAction:
    action = ControlAction.objects.create(risk=risk, owner=owner, **_action_values(risk, values))
    audit_record(
        actor=by, action="risk.action_added", obj=risk, unit=risk.register.unit, changes={"action": action.pk}
    )
    return action


def cycle_of(register: Register, quarter: int) -> MonevCycle | None:
    """The monev cycle of the unit's plan for the register's year and the quarter."""
    return (
        MonevCycle.objects.filter(plan__unit=register.unit, plan__year=register.year, quarter=quarter)
        .select_related("plan")
        .first()
    )


@transaction.atomic
def realisation_record(
    *,
    action: ControlAction,
    cycle: MonevCycle,
    status: str,
    progress: int,
    note: str,
    by,
    upload=None,
    residual: tuple[int, int] | None = None,
) -> Realisation:
    """What was done of a control action this quarter, in the quarter's open monev cycle; the
    owner may re-assess the residual likelihood and impact with it (the heat map follows)."""
    register = action.risk.register
    cycle = MonevCycle.objects.select_for_update().select_related("plan").get(pk=cycle.pk)
    if cycle.plan.unit_id != register.unit_id or cycle.plan.year != register.year:
        raise RiskError(_("This monev cycle belongs to another unit or year."))
    if cycle.is_closed:
        raise RiskError(_("The cycle is closed: its reports are frozen."))
    if status not in Progress.values or not 0 <= progress <= 100:
        raise RiskError(_("Give the status and a progress of 0–100%."))
    if status == Progress.DONE:
        progress = 100
    evidence = None
    if upload is not None:
        evidence = evidence_file_or(
            RiskError,
            unit=register.unit,
            title=f"Realisasi RTP TW{cycle.quarter} {register.year}: {action.activity}",
            upload=upload,
            by=by,
        )
    realisation, _created = Realisation.objects.update_or_create(
        action=action,
        cycle=cycle,
        defaults={"status": status, "progress": progress, "note": note.strip()[:2000], "reported_by": by},
    )
    if evidence is not None:
        realisation.evidence = evidence
        realisation.save(update_fields=["evidence"])
    if residual is not None:
        risk = Risk.objects.select_for_update().select_related("register").get(pk=action.risk_id)
        likelihood, impact = residual
        _inherent, level = levels_of(register.matrix, risk.likelihood, risk.impact, likelihood, impact)
        if (likelihood, impact) != (risk.residual_likelihood, risk.residual_impact):
            if risk.residual_level is not None:
                _keep(risk, f"dinilai ulang TW{cycle.quarter}", by)
            risk.residual_likelihood, risk.residual_impact, risk.residual_level = likelihood, impact, level
            risk.save(update_fields=["residual_likelihood", "residual_impact", "residual_level"])
    audit_record(
        actor=by,
        action="risk.realised",
        obj=action.risk,
        unit=register.unit,
        changes={"action": action.pk, "quarter": cycle.quarter, "status": status, "progress": progress},
    )
    return realisation


# -- import ----------------------------------------------------------------------------------


@transaction.atomic
def register_import(*, register: Register, data: bytes, by) -> tuple[int, int]:
    """An existing register (CSV/XLSX) into this one: every row read or none. Rows sharing a
    risk code are one risk with several control actions. Returns (risks, actions)."""
    try:
        records = read_records(data, risk_fields(), derived=DERIVED, group="code", carry=RISK_KEYS)
    except RecordsError as exc:
        raise RiskError("; ".join(exc.problems[:50])) from exc
    existing = set(register.risks.values_list("code", flat=True))
    problems, risks, actions = [], {}, []
    for record in records:
        values = record.values
        code = values["code"]
        if code in existing:
            problems.append(
                _("row %(row)s: the register already has a risk %(code)s") % {"row": record.row, "code": code}
            )
            continue
        if code not in risks:
            risks[code] = (record.row, values)
        if values.get("activity"):
            if not values.get("response"):
                problems.append(
                    _("row %(row)s: the response of the control activity is missing") % {"row": record.row}
                )
            actions.append((code, values))
    if problems:
        raise RiskError("; ".join(problems[:50]))
    saved = {}
    for code, (row, values) in risks.items():
        try:
            saved[code] = risk_save(register=register, values=values, by=by)
        except RiskError as exc:
            raise RiskError(_("row %(row)s: %(problem)s") % {"row": row, "problem": exc}) from exc
    for code, values in actions:
        action_add(risk=saved[code], values={k: values.get(k) for k in ACTION_KEYS}, by=by)
    audit_record(
        actor=by,
        action="risk.imported",
        obj=register,
        unit=register.unit,
        changes={"risks": len(saved), "actions": len(actions)},
    )
    return len(saved), len(actions)


# -- what is read ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    likelihood: int
    impact: int
    level: int
    band: str
    inherent: int
    residual: int


def heat_map(register: Register) -> list[list[Cell]]:
    """Rows of likelihood 5 → 1, columns of impact 1 → 5: the level, its band, and how many
    risks sit there before (inherent) and after (residual) their controls."""
    s = scheme()
    matrix = s.matrix(register.matrix)
    inherent = Counter(register.risks.values_list("likelihood", "impact"))
    residual = Counter(
        register.risks.exclude(residual_level=None).values_list("residual_likelihood", "residual_impact")
    )
    rows = []
    for likelihood in range(5, 0, -1):
        row = []
        for impact in range(1, 6):
            level = matrix.level(likelihood, impact)
            row.append(
                Cell(likelihood, impact, level, s.band(level).key, inherent[(likelihood, impact)],
                     residual[(likelihood, impact)])
            )  # fmt: skip
        rows.append(row)
    return rows


def action_not_done():
    return ~Exists(Realisation.objects.filter(action=OuterRef("pk"), status=Progress.DONE))


def overdue_actions(register: Register, today: date | None = None):
    """Control actions past their target period and not reported done."""
    return (
        ControlAction.objects.filter(risk__register=register, target_end__lt=today or _today())
        .filter(action_not_done())
        .select_related("risk", "owner")
        .order_by("target_end")
    )


def priorities(register: Register) -> dict[int, int]:
    """risk id → priority (1 the highest): by level after controls where assessed, else before,
    then by impact, then by code."""
    ordered = sorted(
        register.risks.all(),
        key=lambda r: (-(r.residual_level or r.inherent_level), -r.inherent_level, -r.impact, r.code),
    )
    return {risk.pk: number for number, risk in enumerate(ordered, start=1)}


@dataclass
class UnitRow:
    unit: Unit
    risks: int = 0
    bands: Counter | None = None
    actions: int = 0
    overdue: int = 0
    reported: int = 0

    @property
    def band_counts(self) -> list[int]:
        return [self.bands[b.key] for b in scheme().bands]


def rollup(unit: Unit, year: int, today: date | None = None) -> list[UnitRow]:
    """Per unit at and below `unit`: its register's risks by band (after controls where
    assessed), control actions, overdue ones, and those reported in a cycle. Five grouped
    queries whatever the number of units."""
    today = today or _today()
    units = list(Unit.objects.filter(path__startswith=unit.path).order_by("path"))
    rows = {u.pk: UnitRow(u, bands=Counter()) for u in units}
    registers = Register.objects.filter(unit__path__startswith=unit.path, year=year)
    s = scheme()
    for item in (
        Risk.objects.filter(register__in=registers)
        .values("register__unit_id", level=Coalesce("residual_level", "inherent_level"))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row = rows[item["register__unit_id"]]
        row.risks += item["n"]
        row.bands[s.band(item["level"]).key] += item["n"]
    actions = ControlAction.objects.filter(risk__register__in=registers)
    reported = Exists(Realisation.objects.filter(action=OuterRef("pk")))
    for query, attribute in (
        (actions, "actions"),
        (actions.filter(target_end__lt=today).filter(action_not_done()), "overdue"),
        (actions.filter(reported), "reported"),
    ):
        for unit_id, n in query.values_list("risk__register__unit_id").annotate(n=Count("pk")).order_by():
            setattr(rows[unit_id], attribute, n)
    return list(rows.values())
