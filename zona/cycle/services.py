"""The cycle's writes: opening the year for many units at once, recording a stage (in the order
and windows of data/cycle.yaml, by the roles that may), the TPN's survey figures. Predicates and
revocations: predicates.py; the TPI's incident confirmations: incidents.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.evaluation.rules import tier, tiers
from zona.evaluation.services import team_member_add
from zona.lib.errors import RuleError
from zona.lke.instrument import resolve
from zona.lke.models import Assessment
from zona.lke.services import carry_forward_bulk, rescore
from zona.orgs.models import Role, RoleAssignment, Unit, unit_scope_q
from zona.orgs.permissions import Action, can, roles_for
from zona.workdays.services import add_working_days

from .models import Entry, StageRecord, TpiTeam, TpnFigures
from .rules import StageSpec, rules

BY = {"tpi": Action.RECORD_TPI_STAGE, "tpn": Action.RECORD_TPN_RESULT, "unit": Action.OBJECT_TO_SELECTION}
BATCH = 1000
FIGURES_STAGE = "survei_eksternal"  # the stage the TPN's figures record (data/cycle.yaml)


class CycleError(RuleError):
    """A rule of the national cycle was broken; the message is for the user."""


@dataclass(frozen=True)
class Opened:
    entries: int  # units opened for the year
    assessments: int  # self-assessments created (the others existed)
    skipped: int  # units already open


@dataclass(frozen=True)
class TeamSpec:
    team: TpiTeam
    seats: tuple  # (user, tier code): seated in the tier of each unit's evaluation it is given


def teams_parse(lines: list[str], *, year: int, by) -> list[TeamSpec]:
    """Teams written "Name=user1:tier,user2:tier" (one a line; the tier optional, its code from
    the evaluation's tiers): created for the year or found, members added."""
    users = get_user_model().objects
    specs = []
    for line in (x.strip() for x in lines):
        if not line:
            continue
        name, _sep, members = line.partition("=")
        wanted = [m.strip().partition(":")[::2] for m in members.split(",") if m.strip()]
        found = {u.username: u for u in users.filter(username__in=[w for w, _t in wanted], is_active=True)}
        missing = sorted({w for w, _t in wanted} - set(found))
        if not name.strip() or missing:
            raise CycleError(
                _(
                    "TPI team %(line)s: write it as Name=user1:tier,user2:tier with existing "
                    "accounts, the tier optional (unknown: %(who)s)."
                )
                % {"line": line[:80], "who": ", ".join(missing) or "-"}
            )
        unknown = sorted({t.strip() for _w, t in wanted if t.strip() and tier(t.strip()) is None})
        if unknown:
            raise CycleError(
                _("Unknown tier %(tier)s: the tiers are %(tiers)s.")
                % {"tier": ", ".join(unknown), "tiers": ", ".join(t.code for t in tiers())}
            )
        team, _created = TpiTeam.objects.get_or_create(
            year=year, name=name.strip()[:120], defaults={"created_by": by}
        )
        team.members.add(*found.values())
        specs.append(TeamSpec(team, tuple((found[w], t.strip()) for w, t in wanted if t.strip())))
    return specs


def _seat(entries: list[Entry], specs: dict[int, TeamSpec], by) -> None:
    """Seat each team's members in their tier of the evaluation of the units given to it. The
    reviewer's role on each unit, which a seat gives, is granted in bulk first (one person holds
    it on thousands of units: granted one by one, each seat would read them all again)."""
    seats = [(entry, user, code) for entry in entries for user, code in _seats_of(entry, specs)]
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, unit_id=entry.unit_id, role=Role.REVIEWER) for entry, user, _c in seats],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    for spec in specs.values():
        for user, _code in spec.seats:
            user.__dict__.pop("_zona_roles", None)  # the roles cached on the person, read again once
    for entry, user, code in seats:
        team_member_add(assessment=entry.assessment, user=user, tier_code=code, by=by)


def _seats_of(entry: Entry, specs: dict[int, TeamSpec]) -> tuple:
    spec = specs.get(entry.tpi_team_id)
    return spec.seats if spec else ()


def _units_to_open(under: Unit, by) -> list[int]:
    """The units below `under` in tree order, all of them within the opener's right to open the
    year (a unit opened outside it would be theirs to see nowhere, its outcomes nobody's to
    record): refused, naming how many, when some are not."""
    below = Unit.objects.filter(path__startswith=under.path)
    units = list(below.order_by("path").values_list("pk", flat=True))
    held = below.filter(unit_scope_q(by, prefix="", roles=roles_for(Action.OPEN_CYCLE))).count()
    if held < len(units):
        raise CycleError(
            _(
                "%(outside)s of the %(total)s units under %(unit)s are outside your right to open "
                "the evaluation: open it for a unit you hold that right over with every unit below it."
            )
            % {"outside": len(units) - held, "total": len(units), "unit": under.name}
        )
    return units


def _first_stage() -> str:
    return rules().order[0]


@transaction.atomic
def cycle_open(
    *, year: int, under: Unit, by, teams: list[TeamSpec] | None = None, instrument_urn: str | None = None
) -> Opened:
    """Open the year's evaluation for `under` and every unit below it: a self-assessment for each
    unit that has none (last year's answers carried forward, as when a unit starts its own), its
    place in the cycle at the first stage, and the TPI teams (the units in tree order, split into
    one block per team; the members given a tier seated in it). In bulk: a few queries per 500
    units, and the evaluation's own service per seat."""
    if not can(by, Action.OPEN_CYCLE, under):
        raise CycleError(_("You may not open the evaluation for these units."))
    if not 2000 <= year <= 2100:
        raise CycleError(_("Give the year of the evaluation, e.g. 2026."))
    urn = resolve(instrument_urn).urn
    scope = {"unit__path__startswith": under.path, "year": year}
    units = _units_to_open(under, by)
    have = set(Assessment.objects.filter(**scope).values_list("unit_id", flat=True))
    created = Assessment.objects.bulk_create(
        [Assessment(unit_id=u, year=year, instrument_urn=urn, created_by=by) for u in units if u not in have],
        batch_size=BATCH,
    )
    carry_forward_bulk(created)  # last year's answers, as a unit's own new LKE starts
    assessments = dict(Assessment.objects.filter(**scope).values_list("unit_id", "pk"))
    opened = set(Entry.objects.filter(**scope).values_list("unit_id", flat=True))
    new = [u for u in units if u not in opened]
    teams = teams or []
    block = -(-len(new) // len(teams)) if teams else 0
    today, first = timezone.localdate(), _first_stage()
    Entry.objects.bulk_create(
        [
            Entry(
                unit_id=u,
                year=year,
                assessment_id=assessments[u],
                tpi_team=teams[i // block].team if teams else None,
                stage=first,
                stage_on=today,
                opened_by=by,
            )
            for i, u in enumerate(new)
        ],
        batch_size=BATCH,
    )
    fresh = list(Entry.objects.filter(**scope, records__isnull=True).select_related("assessment__unit"))
    _seat(fresh, {spec.team.pk: spec for spec in teams}, by)
    StageRecord.objects.bulk_create(
        [StageRecord(entry=entry, stage=first, on=today, recorded_by=by) for entry in fresh],
        batch_size=BATCH,
    )
    result = Opened(len(new), len(units) - len(have), len(units) - len(new))
    audit_record(
        actor=by,
        action="cycle.opened",
        obj=under,
        unit=under,
        changes={
            "year": year,
            "entries": result.entries,
            "assessments": result.assessments,
            "teams": [t.team.name for t in teams],
        },
    )
    return result


def _problem(entry: Entry, spec: StageSpec, outcome: str, on: date) -> str:
    """Why the stage can't be recorded now (its order, a stop, the objection's window), or ""."""
    records = list(entry.records.order_by("id"))
    done_before = next((r for r in records if r.stage == spec.code), None)
    if done_before is not None and not spec.outcomes:  # recorded once (the TPN's figures record one)
        return _("“%(stage)s” is already recorded for this unit, on %(on)s.") % {
            "stage": spec.label,
            "on": done_before.on.strftime("%d-%m-%Y"),
        }
    order = rules().order
    done = {r.stage for r in records}
    for code in order[: order.index(spec.code)]:
        earlier = rules().stages[code]
        if not earlier.optional and code not in done:
            return _("Record the stage “%(stage)s” first.") % {"stage": earlier.label}
    stopped = None
    for record in records:
        found = rules().stages[record.stage].outcomes.get(record.outcome)
        if found and found.stops:
            stopped = record
        elif found and found.resumes:
            stopped = None
    window = spec.window
    if stopped is not None and not (window and stopped.outcome in window.outcomes):
        return _("The unit's cycle this year ended at “%(stage)s”.") % {
            "stage": rules().stages[stopped.stage].label
        }
    chosen = spec.outcomes.get(outcome)
    if (
        chosen
        and chosen.after
        and not any(r.stage == spec.code and r.outcome == chosen.after for r in records)
    ):
        return _("Nothing to decide yet: “%(what)s” comes first.") % {
            "what": spec.outcomes[chosen.after].label
        }
    if window and chosen and chosen.by == "unit":
        return _window_problem(records, spec, on)
    return ""


def _window_problem(records: list[StageRecord], spec: StageSpec, on: date) -> str:
    window = spec.window
    assert window is not None
    after = [r for r in records if r.stage == window.after]
    if not after or after[-1].outcome not in window.outcomes:
        return _("An objection answers an administrative selection with notes or not passed.")
    last = add_working_days(after[-1].on, window.working_days)
    if on > last:
        return _(
            "The objection's window has closed: %(days)s working days after the selection, until %(last)s."
        ) % {"days": window.working_days, "last": last.strftime("%d-%m-%Y")}
    return ""


@transaction.atomic
def stage_record(
    *, entry: Entry, stage: str, outcome: str = "", on: date | None = None, note: str = "", by
) -> StageRecord:
    """Record a stage the unit reached, with its date, outcome and notes; the unit's objection is
    dated today. A proposal is checked against the revocation bar and the WBK a WBBM needs."""
    from .predicates import proposal_check

    entry = Entry.objects.select_for_update().select_related("unit", "assessment").get(pk=entry.pk)
    spec = rules().stages.get(stage)
    if spec is None or (outcome and outcome not in spec.outcomes) or (spec.outcomes and not outcome):
        raise CycleError(_("Choose a stage and one of its outcomes."))
    who = spec.who(outcome)
    if not can(by, BY[who], entry.unit):
        raise CycleError(_("Your role may not record this stage for this unit."))
    today = timezone.localdate()
    on = today if who == "unit" or on is None else on
    if on > today:
        raise CycleError(_("A stage can't be dated in the future."))
    chosen = spec.outcomes.get(outcome)
    if chosen and chosen.note_required and not note.strip():
        raise CycleError(_("“%(outcome)s” needs its notes.") % {"outcome": chosen.label})
    problem = _problem(entry, spec, outcome, on)
    if problem:
        raise CycleError(problem)
    if chosen and chosen.proposes:
        proposal_check(entry.assessment, chosen.proposes)
    record = StageRecord.objects.create(
        entry=entry, stage=stage, outcome=outcome, on=on, note=note.strip()[:5000], recorded_by=by
    )
    order = rules().order
    if order.index(stage) >= order.index(entry.stage):
        Entry.objects.filter(pk=entry.pk).update(stage=stage, stage_on=on)
    audit_record(
        actor=by,
        action="cycle.stage",
        obj=entry,
        unit=entry.unit,
        changes={"stage": stage, "outcome": outcome, "on": on.isoformat()},
    )
    return record


INDEX_MAX = Decimal(4)


@transaction.atomic
def tpn_figures_enter(*, entry: Entry, ipak: Decimal, ipkp: Decimal, source: str = "", by) -> TpnFigures:
    """The TPN's IPAK and IPKP for the unit's year (0–4): they replace the unit's own stand-in in
    the LKE's score and gates (the LKE is rescored). Recorded as the external survey's stage."""
    if not can(by, Action.RECORD_TPN_RESULT, entry.unit):
        raise CycleError(_("Your role may not enter the TPN's figures for this unit."))
    for value in (ipak, ipkp):
        if value is None or not Decimal(0) <= value <= INDEX_MAX or value != value.quantize(Decimal("0.01")):
            raise CycleError(
                _("IPAK and IPKP are indexes from 0 to 4, with at most two decimals (e.g. 3.62).")
            )
    if not entry.records.filter(stage=FIGURES_STAGE).exists():
        stage_record(entry=entry, stage=FIGURES_STAGE, by=by, note=source)
    figures, _created = TpnFigures.objects.update_or_create(
        entry=entry, defaults={"ipak": ipak, "ipkp": ipkp, "source": source.strip()[:300], "entered_by": by}
    )
    rescore(entry.assessment)
    audit_record(
        actor=by,
        action="cycle.tpn_figures",
        obj=entry,
        unit=entry.unit,
        changes={"ipak": str(ipak), "ipkp": str(ipkp)},
    )
    return figures
