from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .matrix import scheme
from .models import Progress, Risk, Source

SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


def _scale(label, required=True):
    return forms.TypedChoiceField(
        label=label,
        choices=([] if required else [("", "–")]) + SCALE_CHOICES,
        coerce=int,
        required=required,
        empty_value=None,
    )


class RiskForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Risk code"), max_length=30)
    objective = forms.CharField(label=_("Objective (sasaran)"), max_length=500)
    process = forms.CharField(label=_("Activity or process"), max_length=500, required=False)
    statement = forms.CharField(
        label=_("Risk statement"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    cause = forms.CharField(label=_("Cause"), max_length=1000, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    consequence = forms.CharField(label=_("Impact (what happens)"), max_length=1000, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=(), required=False)
    owner = forms.ModelChoiceField(label=_("Risk owner"), queryset=None, required=False)
    owner_title = forms.CharField(label=_("Risk owner (position)"), max_length=200, required=False)
    likelihood = _scale(_("Likelihood (1–5)"))
    impact = _scale(_("Impact (1–5)"))
    controls = forms.CharField(
        label=_("Existing controls"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    controls_adequate = forms.BooleanField(label=_("Existing controls adequate"), required=False)
    residual_likelihood = _scale(_("Residual likelihood"), required=False)
    residual_impact = _scale(_("Residual impact"), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["category"].choices = [("", "–"), *[(c, c) for c in scheme().categories]]

    @classmethod
    def of(cls, risk: Risk, people):
        initial = {f: getattr(risk, f) for f in cls.base_fields if hasattr(risk, f)}
        return cls(initial=initial, people=people)


class ActionForm(BootstrapMixin, forms.Form):
    response = forms.ChoiceField(label=_("Response"), choices=())
    activity = forms.CharField(label=_("Control activity"), max_length=1000)
    owner = forms.ModelChoiceField(label=_("Person in charge"), queryset=None, required=False)
    owner_title = forms.CharField(label=_("Person in charge (position)"), max_length=200, required=False)
    target_text = forms.CharField(
        label=_("Target period"), max_length=100, required=False, help_text=_("e.g. Maret - Juni 2026")
    )
    output = forms.CharField(label=_("Output indicator"), max_length=500, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["response"].choices = list(scheme().responses.items())


class RealisationForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Progress.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    note = forms.CharField(label=_("What was done"), max_length=2000, required=False)
    file = forms.FileField(label=_("Evidence (optional)"), required=False)
    residual_likelihood = _scale(_("Residual likelihood now"), required=False)
    residual_impact = _scale(_("Residual impact now"), required=False)

    def clean(self):
        data = super().clean()
        if (data.get("residual_likelihood") is None) != (data.get("residual_impact") is None):
            raise forms.ValidationError(
                _("Give both the residual likelihood and the residual impact, or neither.")
            )
        return data


class MatrixForm(BootstrapMixin, forms.Form):
    matrix = forms.ChoiceField(label=_("Risk-level matrix"), choices=())
    chosen_on = forms.DateField(label=_("From"), widget=DateInput())
    note = forms.CharField(label=_("Note (the decision, its basis)"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matrix"].choices = [(m.name, m.label) for m in scheme().matrices.values()]


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("The register (CSV or XLSX)"))
