"""The choices a unit makes where no regulation settles an LKE rule: the instrument's named options
(the per-area minimum, the disciplinary formula, what 0/0 scores), kept on the unit's assessment of
the year. What is in force, how the page and the suggestions name it, and the service that changes
it (the scores of both levels follow)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zona.audit.services import audit_record
from zona.lib.errors import RuleError

from .instrument import resolve
from .models import Assessment, Level
from .services import locked_at_level, rescore

# What the page calls each option and choice Zona implements (the instrument names them).
LABELS = {
    "per_area_minimum": {
        "_": gettext_lazy("The 60% / 75% minimum of each area"),
        "combined": gettext_lazy("applies to the area as a whole (Pemenuhan + Reform)"),
        "separate": gettext_lazy("applies to Pemenuhan and to Reform separately"),
        "help": gettext_lazy(
            "PermenPAN-RB 90/2021 asks each area for 60% (WBK) / 75% (WBBM) of its weight without saying "
            "whether Pemenuhan and Reform count together; evaluation apps differ."
        ),
    },
    "disciplinary_formula": {
        "_": gettext_lazy("Decrease in disciplinary violations (A.II.3.iii.a)"),
        "decrease": gettext_lazy("(last year − this year) ÷ last year"),
        "bps_ratio": gettext_lazy("this year ÷ last year, at most 1"),
        "help": gettext_lazy(
            "The LKE's criterion for A.II.3.iii.a is the decrease (1 → 0 violations gives 100%); one "
            "agency's app inverts it."
        ),
    },
    "zero_complaints": {
        "_": gettext_lazy("No complaints to follow up in the year (A.II.5.ii.a, 0 of 0)"),
        "zero": gettext_lazy("scores 0"),
        "full": gettext_lazy("scores full marks"),
        "help": gettext_lazy(
            "Not settled by PermenPAN-RB 90/2021: the LKE's formula for A.II.5.ii.a is selesai ÷ harus "
            "ditindaklanjuti and says nothing of a year without complaints to follow up."
        ),
    },
    "zero_violations": {
        "_": gettext_lazy("No violations in either year (A.II.3.iii.a, 0 of 0)"),
        "zero": gettext_lazy("scores 0"),
        "full": gettext_lazy("scores full marks"),
        "help": gettext_lazy(
            "Not settled by PermenPAN-RB 90/2021: the LKE's criterion for A.II.3.iii.a is the decrease "
            "(last year − this year) ÷ last year and says nothing of a unit without violations in "
            "either year."
        ),
    },
}


class OptionError(RuleError, ValueError):
    """A choice the instrument does not offer; the message is for the user."""


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    default: bool
    in_force: bool


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    source: str
    choices: list[Choice]


def _label(name: str, code: str = "_") -> str:
    return str(LABELS.get(name, {}).get(code, code if code != "_" else name))


def in_force(assessment: Assessment) -> dict[str, str]:
    """Every option of the assessment's instrument → the choice in force (the default unless the
    unit chose another one the instrument still offers)."""
    instrument = resolve(assessment.instrument_urn or None)
    chosen = instrument.option_defaults()
    for name, code in (assessment.options or {}).items():
        if name in chosen and code in instrument.options[name]["choices"]:
            chosen[name] = code
    return chosen


def in_force_text(assessment: Assessment, name: str) -> str:
    """One sentence for a suggestion produced under a unit choice: the option, the choice in force,
    whether it is the default, its alternative(s), and that the unit chooses where no regulation
    decides. Every rule that consults an option names it with this."""
    instrument = resolve(assessment.instrument_urn or None)
    code = in_force(assessment)[name]
    spec = instrument.options[name]
    others = [str(c) for c in spec["choices"] if c != code]
    return _(
        "Unit choice %(option)s: %(choice)s in force (%(whose)s); the alternative: %(other)s. No "
        "regulation settles it: the unit chooses on the LKE page."
    ) % {
        "option": _label(name),
        "choice": _label(name, code),
        "whose": _("the default") if code == spec["default"] else _("the unit's choice"),
        "other": "; ".join(_label(name, c) for c in others) or "–",
    }


def options_shown(assessment: Assessment) -> list[Option]:
    """Every option with its choices, its source, the default and the one in force (for the page)."""
    instrument = resolve(assessment.instrument_urn or None)
    chosen = in_force(assessment)
    return [
        Option(
            name=name,
            label=_label(name),
            source=_label(name, "help")
            if "help" in LABELS.get(name, {})
            else " ".join(str(spec.get("source", "")).split()),
            choices=[
                Choice(str(code), _label(name, code), code == spec["default"], code == chosen[name])
                for code in spec["choices"]
            ],
        )
        for name, spec in instrument.options.items()
    ]


@transaction.atomic
def assessment_options_set(*, assessment: Assessment, chosen: dict[str, str], by) -> Assessment:
    """The unit's choices (option → choice) while its self-assessment is open. An unknown option
    or choice is refused and nothing changes; both levels' scores follow the new choices."""
    assessment = locked_at_level(assessment, Level.SELF)
    options = resolve(assessment.instrument_urn or None).options
    for name, code in chosen.items():
        if name not in options or code not in options[name]["choices"]:
            raise OptionError(_("Choose one of the choices offered."))
    before = in_force(assessment)
    assessment.options = {**(assessment.options or {}), **chosen}
    assessment.save(update_fields=["options"])
    after = in_force(assessment)
    rescore(assessment)
    audit_record(
        actor=by,
        action="lke.options_set",
        obj=assessment,
        unit=assessment.unit,
        changes={name: [before[name], after[name]] for name in after if before[name] != after[name]},
    )
    return assessment
