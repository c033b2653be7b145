from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import ConflictKind, ConflictSource


class FunctionForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Main function or service"), max_length=300)


class MarkForm(BootstrapMixin, forms.Form):
    socialised_on = forms.DateField(label=_("Socialised on"), required=False, widget=DateInput())
    applied_on = forms.DateField(label=_("Applied since"), required=False, widget=DateInput())
    file = forms.FileField(label=_("Evidence that it is applied"), required=False)


class RiskForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ConflictKind.choices)
    source = forms.ChoiceField(label=_("Source"), choices=ConflictSource.choices)
    description = forms.CharField(label=_("The situation"), max_length=1000)
    control = forms.CharField(label=_("How it is handled"), max_length=1000)


class DeclarationForm(BootstrapMixin, forms.Form):
    official = forms.ModelChoiceField(label=_("Official"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    has_conflict = forms.BooleanField(label=_("Declares a potential conflict"), required=False)
    statement = forms.CharField(
        label=_("Statement"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    file = forms.FileField(label=_("Signed declaration"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = people


class RecusalForm(BootstrapMixin, forms.Form):
    official = forms.ModelChoiceField(label=_("Official"), queryset=None)
    function = forms.ModelChoiceField(label=_("Main function"), queryset=None, required=False)
    matter = forms.CharField(label=_("Matter"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of conflict"), choices=ConflictKind.choices)
    decided_on = forms.DateField(label=_("Date"), widget=DateInput())
    replaced_by = forms.CharField(label=_("Handled instead by"), max_length=300)
    file = forms.FileField(label=_("Evidence"), required=False)

    def __init__(self, *args, people, functions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = people
        self.fields["function"].queryset = functions
