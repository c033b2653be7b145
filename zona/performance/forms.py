from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import Aggregation, Direction, Level
from .rules import choices_shown


class AgreementForm(BootstrapMixin, forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DateInput())
    file = forms.FileField(label=_("The signed agreement (PDF)"), required=False)


class TargetForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    text = forms.CharField(label=_("Target (sasaran)"), max_length=500)


class CascadeForm(BootstrapMixin, forms.Form):
    parent = forms.ModelChoiceField(label=_("Supports"), queryset=None)
    level = forms.ChoiceField(label=_("Level"), choices=[c for c in Level.choices if c[0] != Level.UNIT])
    holder = forms.CharField(label=_("Held by (team or position)"), max_length=200)
    code = forms.CharField(label=_("Code"), max_length=20)
    text = forms.CharField(label=_("Target"), max_length=500)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = targets


class IndicatorForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20, required=False)
    name = forms.CharField(label=_("Indicator (IKU)"), max_length=500)
    formula = forms.CharField(label=_("Formula"), max_length=1000, required=False)
    measure = forms.CharField(label=_("Unit of measure"), max_length=50)
    annual_target = forms.DecimalField(label=_("Annual target"), max_digits=14, decimal_places=2, min_value=0)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    aggregation = forms.ChoiceField(label=_("Year's realisation"), choices=Aggregation.choices)
    last_year = forms.DecimalField(
        label=_("Last year's realisation"), max_digits=14, decimal_places=2, required=False
    )


class RealisationForm(BootstrapMixin, forms.Form):
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(q, f"TW {q}") for q in range(1, 5)], coerce=int
    )
    value = forms.DecimalField(label=_("Realisation"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)
    file = forms.FileField(label=_("Evidence (optional)"), required=False)


class FormulasForm(BootstrapMixin, forms.Form):
    """A choice per option of data/formulas.yaml, the one in force selected."""

    def __init__(self, *args, chosen: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, choices in choices_shown(chosen):
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[(c.code, f"{c.label} ({_('default')})" if c.default else c.label) for c in choices],
                initial=next(c.code for c in choices if c.in_force),
            )
