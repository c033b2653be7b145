from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import Kind
from .rules import rules


class OpenForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    under = forms.CharField(label=_("Unit code (this unit and every unit below it)"), max_length=40)
    teams = forms.CharField(
        label=_("TPI teams, one a line: Name=user1:tier,user2:tier (the tier optional)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _stage_choices():
    return [(code, spec.label) for code, spec in rules().stages.items()]


def _outcome_choices():
    found = [("", "—")]
    for spec in rules().stages.values():
        found += [(code, f"{spec.label}: {o.label}") for code, o in spec.outcomes.items()]
    return found


class StageForm(BootstrapMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=_stage_choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_outcome_choices, required=False)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FiguresForm(BootstrapMixin, forms.Form):
    ipak = forms.DecimalField(label=_("IPAK (TPN)"), min_value=0, max_value=4, max_digits=4, decimal_places=2)
    ipkp = forms.DecimalField(label=_("IPKP (TPN)"), min_value=0, max_value=4, max_digits=4, decimal_places=2)
    source = forms.CharField(label=_("Source (the TPN's letter or report)"), required=False, max_length=300)


class PredicateForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Predicate"), choices=Kind.choices)
    decree_number = forms.CharField(label=_("Decree number"), max_length=200)
    decree_date = forms.DateField(label=_("Decree date"), widget=DateInput())
    upload = forms.FileField(label=_("Decree (file)"))


class RevokeForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label=_("Revoked on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    basis = forms.CharField(label=_("Decree or announcement"), max_length=300)


class DecideForm(BootstrapMixin, forms.Form):
    confirmed = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Confirmed as an integrity incident")), ("0", _("Not an integrity incident"))],
    )
    note = forms.CharField(label=_("TPI's note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
