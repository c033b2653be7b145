"""The recap registers' Reform figures offered to the LKE, with the records behind them."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from zona.lke.options import in_force_text
from zona.lke.suggestions import Suggestion, rule, share_answer

from . import reform


def _link(assessment, kind: str) -> str:
    return f"{reverse('registers:register', args=[assessment.unit.slug, kind])}?tahun={assessment.year}"


@rule("A.II.3.iii.a")
def discipline(assessment):
    found = reform.discipline(assessment.unit, assessment.year)
    if found is None:
        return None
    source = _(
        "Disciplinary register: %(last)s violations in %(before)s, %(this)s in %(year)s, "
        "%(sanctioned)s sanctioned"
    ) % {
        "last": found.last_year,
        "before": assessment.year - 1,
        "this": found.this_year,
        "year": assessment.year,
        "sanctioned": found.sanctioned,
    }
    if found.nil_years:
        source += ". " + _("Declared nihil (no violation) for %(years)s") % {
            "years": ", ".join(str(y) for y in found.nil_years)
        }
    # the value follows the unit's choices: name each one in force, with its alternative
    source += ". " + in_force_text(assessment, "disciplinary_formula")
    if not found.last_year and not found.this_year:
        source += " " + in_force_text(assessment, "zero_violations")
    return Suggestion(
        f"{found.last_year};{found.this_year};{found.sanctioned}",
        source,
        link=_link(assessment, "disiplin"),
        figures=((_("violations last year"), found.last_year), (_("violations this year"), found.this_year)),
    )


def _reports(assessment, kind: str):
    found = reform.reports(assessment.unit, assessment.year, kind)
    if found is None:
        return None
    obliged, reported = found
    return Suggestion(
        f"{obliged};{reported}",
        _("%(kind)s register %(year)s: %(reported)s of %(obliged)s obliged have reported")
        % {"kind": kind, "year": assessment.year, "reported": reported, "obliged": obliged},
        link=_link(assessment, "lhkpn"),
    )


@rule("A.II.5.iii.a")
def lhkpn(assessment):
    return _reports(assessment, "LHKPN")


@rule("A.II.5.iii.b")
def lhkasn(assessment):
    return _reports(assessment, "LHKASN")


@rule("A.II.6.i.b")
def services_simplified(assessment):
    found = reform.simplified(assessment.unit, assessment.year)
    if found is None:
        return None
    listed, simplified = found
    return Suggestion(
        f"{listed};{simplified}",
        _("Services register %(year)s: %(simplified)s of %(listed)s services simplified")
        % {"year": assessment.year, "simplified": simplified, "listed": listed},
        link=_link(assessment, "layanan_dipermudah"),
    )


@rule("A.I.3.iii.d")
def training(assessment):
    found = reform.trained(assessment.unit, assessment.year)
    if found is None:
        return None
    trained, employees = found
    hours = reform.training_hours()
    return Suggestion(
        share_answer(trained, employees),
        _(
            "Training register %(year)s: %(trained)s of %(employees)s employees had at least %(hours)s "
            "hours (PP 17/2020)"
        )
        % {"year": assessment.year, "trained": trained, "employees": employees, "hours": hours},
        link=_link(assessment, "pelatihan"),
        figures=(
            (_("employees with at least %(hours)s hours") % {"hours": hours}, trained),
            (_("employees"), employees),
        ),
    )
