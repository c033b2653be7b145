from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput, MultipleFileField

from .limits import categories
from .models import Channel, Decision, Form, Kind


class ReportForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Your unit"), queryset=None)
    kind = forms.ChoiceField(label=_("Did you receive it, or refuse it?"), choices=Kind.choices)
    category = forms.ChoiceField(label=_("Kind of gift"), choices=())
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices)
    description = forms.CharField(label=_("What it was"), max_length=500)
    value = forms.DecimalField(label=_("Estimated value (Rp)"), min_value=0, max_digits=15, decimal_places=0)
    received_on = forms.DateField(label=_("Date received or offered"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=300)
    giver_name = forms.CharField(label=_("Giver (name, institution)"), max_length=300)
    giver_relationship = forms.CharField(label=_("The giver's relationship to you"), max_length=300)
    occasion = forms.CharField(label=_("Reason or occasion"), max_length=500)
    chronology = forms.CharField(
        label=_("Chronology"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    handed_over = forms.BooleanField(
        label=_("I hand the gift to the UPG for safekeeping (titipan)"), required=False
    )
    contrary_to_duty = forms.BooleanField(
        label=_(
            "It is related to my position and contrary to my duty (e.g. from someone whose case I handle)"
        ),
        required=False,
    )
    files = MultipleFileField(label=_("Photos or documents (optional)"), required=False)
    channel = forms.ChoiceField(
        label=_("How you report it"), choices=Channel.choices, initial=Channel.UPG, required=False
    )
    kpk_reference = forms.CharField(
        label=_("KPK's report number (if you reported directly to KPK)"), required=False, max_length=100
    )
    sent_to_kpk_on = forms.DateField(
        label=_("Sent to KPK on (if you reported directly)"), required=False, widget=DateInput()
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["category"].choices = categories()

    def clean_channel(self) -> str:
        return self.cleaned_data.get("channel") or Channel.UPG


class CheckForm(forms.Form):
    category = forms.CharField(max_length=30)
    value = forms.DecimalField(min_value=0, max_digits=15, decimal_places=0)
    received_on = forms.DateField()
    form = forms.CharField(max_length=20, required=False)
    giver_name = forms.CharField(max_length=300, required=False)
    contrary_to_duty = forms.BooleanField(required=False)


class StepForm(BootstrapMixin, forms.Form):
    action = forms.CharField(max_length=20, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason or note"), required=False, max_length=2000)
    reportable = forms.ChoiceField(
        label=_("Must this gift be reported to KPK?"),
        required=False,
        choices=[("", "–"), ("ya", _("yes: forward it to KPK")), ("tidak", _("no: record it only"))],
    )
    asked_on = forms.DateField(label=_("KPK asked on"), required=False, widget=DateInput())
    kpk_reference = forms.CharField(label=_("KPK report number"), required=False, max_length=100)
    forwarded_on = forms.DateField(label=_("Forwarded on"), required=False, widget=DateInput())
    decision = forms.ChoiceField(
        label=_("KPK's decision"), required=False, choices=[("", "–"), *Decision.choices]
    )
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=200)
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    proof = forms.FileField(label=_("Hand-over proof (property of the state)"), required=False)


class CompleteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("What you add"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Files"), required=False)
