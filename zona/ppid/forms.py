from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin

from .models import (
    ApplicantType,
    Decision,
    Delivery,
    Ground,
    InfoCategory,
    InfoStatus,
    ObtainMethod,
    RefusalReason,
)


class RequestForm(BootstrapMixin, forms.Form):
    applicant_type = forms.ChoiceField(label=_("Applicant"), choices=ApplicantType.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=300)
    contact = forms.CharField(label=_("E-mail or phone"), max_length=150)
    occupation = forms.CharField(label=_("Occupation"), max_length=100, required=False)
    identity = forms.FileField(
        label=_(
            "Identity document (KTP/SIM/passport; for a legal entity its deed and the representative's KTP)"
        )
    )
    subject = forms.CharField(label=_("Information requested (short)"), max_length=200)
    information = forms.CharField(
        label=_("Details of the information requested"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purpose = forms.CharField(
        label=_("Purpose of use"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    obtain_method = forms.ChoiceField(label=_("How to obtain it"), choices=ObtainMethod.choices)
    delivery = forms.ChoiceField(label=_("How to receive the copy"), choices=Delivery.choices)
    website = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("The form could not be sent."))
        return data


class DecideForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    info_status = forms.ChoiceField(label=_("Information status"), choices=InfoStatus.choices)
    holder = forms.CharField(label=_("Body holding it (if not held)"), max_length=200, required=False)
    refusal_reason = forms.ChoiceField(
        label=_("Reason for refusal"), required=False, choices=[("", "–"), *RefusalReason.choices]
    )
    exemption_basis = forms.CharField(
        label=_("Exemption basis (Ps 17 letter)"), max_length=100, required=False
    )
    fee = forms.IntegerField(label=_("Fee (Rp)"), min_value=0, initial=0)
    payment_method = forms.CharField(label=_("Payment method"), max_length=100, required=False)


class ObjectionForm(BootstrapMixin, forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Grounds (UU 14/2008 Pasal 35)"), choices=Ground.choices, widget=forms.CheckboxSelectMultiple
    )
    case_position = forms.CharField(
        label=_("Statement of the case"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grounds"].widget.attrs.pop("class", None)


class AnswerForm(BootstrapMixin, forms.Form):
    response = forms.CharField(label=_("Response"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    responder = forms.CharField(label=_("Name and position of the PPID superior"), max_length=200)


class ItemForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    category = forms.ChoiceField(label=_("Category"), choices=InfoCategory.choices)
    responsible = forms.CharField(label=_("Responsible official"), max_length=200, required=False)
    updated_on = forms.DateField(label=_("Last updated"), widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField(label=_("Document"), required=False)
    exemption_basis = forms.CharField(
        label=_("Exemption basis (Ps 17 letter)"), max_length=100, required=False
    )
    consequence_test = forms.CharField(
        label=_("Consequence test (uji konsekuensi)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("category") == InfoCategory.EXEMPT and not (
            data.get("consequence_test") and data.get("exemption_basis")
        ):
            raise forms.ValidationError(
                _("Exempt information needs its consequence test and its legal basis.")
            )
        return data
