from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput, MultipleFileField

from .models import Category, Channel, ComplaintType, LaporStatus


class ComplaintForm(BootstrapMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What happened"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    anonymous = forms.BooleanField(
        label=_("File anonymously (you can still follow it with the tracking code)"), required=False
    )
    confidential = forms.BooleanField(label=_("Keep my identity confidential"), required=False)
    reporter_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    reporter_contact = forms.CharField(label=_("E-mail or phone"), max_length=150, required=False)
    files = MultipleFileField(label=_("Attachments (up to 3: photos, PDF, documents)"), required=False)
    # A field people don't see: bots fill it in.
    website = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off", "class": "zona-hp"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent."))
        if not data.get("anonymous") and not data.get("reporter_contact"):
            raise forms.ValidationError(
                _("Give a contact (e-mail or phone), or file the complaint anonymously.")
            )
        return data


class StaffComplaintForm(ComplaintForm):
    channel = forms.ChoiceField(
        label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    lapor_id = forms.CharField(label=_("SP4N-LAPOR! tracking ID"), max_length=40, required=False)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.LAPOR and not data.get("lapor_id"):
            raise forms.ValidationError(_("A complaint from SP4N-LAPOR! needs its LAPOR! tracking ID."))
        return data


class ReplyForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class StepForm(forms.Form):
    action = forms.CharField(max_length=20)
    reason = forms.CharField(required=False, max_length=5000)
    complaint_type = forms.ChoiceField(required=False, choices=[("", "")] + list(ComplaintType.choices))
    agency = forms.CharField(required=False, max_length=200)
    forwarded_on = forms.DateField(required=False)


class LaporForm(BootstrapMixin, forms.Form):
    lapor_id = forms.CharField(label=_("SP4N-LAPOR! tracking ID"), max_length=40, required=False)
    status = forms.ChoiceField(label=_("Status shown on SP4N-LAPOR!"), choices=LaporStatus.choices)
    synced_on = forms.DateField(label=_("Read on"), widget=DateInput())
