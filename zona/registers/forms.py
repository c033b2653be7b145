from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput
from zona.lib.records import FieldSpec

from .types import RegisterType


def _field(spec: FieldSpec) -> forms.Field:
    common = {"label": spec.label, "required": spec.required}
    if spec.type == "int":
        return forms.IntegerField(min_value=0, **common)
    if spec.type == "decimal":
        return forms.DecimalField(min_value=0, max_digits=14, decimal_places=2, **common)
    if spec.type == "date":
        return forms.DateField(widget=DateInput(), **common)
    if spec.type == "choice":
        return forms.ChoiceField(choices=[("", "–"), *[(c, c) for c in spec.choices]], **common)
    if spec.type == "bool":
        return forms.BooleanField(label=spec.label, required=False)
    return forms.CharField(max_length=spec.max_length, **common)


class EntryForm(BootstrapMixin, forms.BaseForm):
    """The type's fields, for the page; the service converts what is sent (as for an import)."""

    def __init__(self, register_type: RegisterType, *args, **kwargs):
        self.base_fields = {spec.key: _field(spec) for spec in register_type.fields}
        super().__init__(*args, **kwargs)


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("The register (CSV or XLSX)"))


class HeadcountForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    employees = forms.IntegerField(label=_("Number of employees"), min_value=0, max_value=1_000_000)


class AttachForm(BootstrapMixin, forms.Form):
    indicator = forms.ModelChoiceField(label=_("Plan indicator"), queryset=None)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators


class NilForm(BootstrapMixin, forms.Form):
    evidence = forms.FileField(label=_("Evidence (optional: the signed statement)"), required=False)
