from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput


class CalendarForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    proposal_deadline = forms.DateField(label=_("Proposal deadline"), widget=DateInput())
    tpi_start = forms.DateField(label=_("TPI evaluation from"), required=False, widget=DateInput())
    tpi_end = forms.DateField(label=_("TPI evaluation until"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Source or note"), required=False, max_length=300)


class MilestoneForm(BootstrapMixin, forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput(), min_value=2000, max_value=2100)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Milestone"), max_length=200)
