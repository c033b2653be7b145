from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import (
    ApplicantType,
    Channel,
    Decision,
    Delivery,
    DisputeOutcome,
    DisputeStage,
    Ground,
    InfoCategory,
    InformationItem,
    InfoStatus,
    ObjectionOutcome,
    ObtainMethod,
    RefusalReason,
)

DATE = DateInput()
STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.WEB]


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


class StaffRequestForm(RequestForm):
    """A request received at the desk, by WhatsApp, letter, e-mail or e-PPID."""

    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    identity_checked = forms.BooleanField(
        label=_("Identity document shown and checked (no scan attached)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["identity"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("identity") and not data.get("identity_checked"):
            raise forms.ValidationError(
                _("Attach the identity document, or confirm that it was shown and checked.")
            )
        return data


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Written reason for the extension"), max_length=2000, required=False)


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
    exempt_item = forms.ModelChoiceField(
        label=_("Exempt entry of the DIP (with its consequence test)"),
        queryset=InformationItem.objects.none(),
        required=False,
    )
    consequence_harm = forms.CharField(
        label=_("Consequence test: the harm if disclosed"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consequence_public_interest = forms.CharField(
        label=_("Consequence test: the public interest weighed against it"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    consequence_decided_by = forms.CharField(
        label=_("Consequence test decided by (name and position)"), max_length=200, required=False
    )
    consequence_decided_on = forms.DateField(
        label=_("Consequence test decided on"), required=False, widget=DATE
    )
    copy_pages = forms.IntegerField(
        label=_("Pages copied"), min_value=0, max_value=1_000_000, initial=0, required=False
    )
    fee_copy = forms.DecimalField(
        label=_("Copying cost (Rp)"), min_value=0, max_digits=12, decimal_places=0, initial=0, required=False
    )
    fee_sending = forms.DecimalField(
        label=_("Sending cost (Rp)"), min_value=0, max_digits=12, decimal_places=0, initial=0, required=False
    )
    payment_method = forms.CharField(label=_("Payment method"), max_length=100, required=False)

    def clean(self):
        data = super().clean()
        for name in ("copy_pages", "fee_copy", "fee_sending"):
            if data.get(name) is None:
                data[name] = 0  # left empty: nothing charged
        return data

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["exempt_item"].queryset = InformationItem.objects.filter(
                unit=unit, category=InfoCategory.EXEMPT
            )


class DeliveryForm(BootstrapMixin, forms.Form):
    delivered_on = forms.DateField(label=_("Delivered on"), widget=DATE)
    via = forms.ChoiceField(label=_("Delivered by"), choices=Delivery.choices)
    note = forms.CharField(label=_("Proof (receipt number, e-mail sent, …)"), max_length=300, required=False)
    proof = forms.FileField(label=_("Proof of delivery (file)"), required=False)


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


class StaffObjectionForm(ObjectionForm):
    channel = forms.ChoiceField(label=_("Received by"), choices=STAFF_CHANNELS)
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class AnswerForm(BootstrapMixin, forms.Form):
    response = forms.CharField(label=_("Response"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    responder = forms.CharField(label=_("Name and position of the PPID superior"), max_length=200)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ObjectionOutcome.choices)
    received_on = forms.DateField(
        label=_("Applicant received the answer on (if known)"), widget=DATE, required=False
    )


class ReceiptForm(BootstrapMixin, forms.Form):
    received_on = forms.DateField(label=_("Applicant received the answer on"), widget=DATE)


class DisputeForm(BootstrapMixin, forms.Form):
    commission = forms.CharField(label=_("Information Commission"), max_length=200)
    register_number = forms.CharField(label=_("Commission's register number"), max_length=100, required=False)
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)


class DisputeUpdateForm(BootstrapMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=DisputeStage.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "–"), *DisputeOutcome.choices], required=False
    )
    decision = forms.CharField(
        label=_("Decision"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DATE)


class ReportTextForm(BootstrapMixin, forms.Form):
    policy = forms.CharField(
        label=_("Information-service policy (PPID decree, SOP)"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    facilities = forms.CharField(
        label=_("Facilities (desk, website, e-PPID)"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    staff = forms.CharField(
        label=_("Staff (number and roles)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    budget = forms.CharField(
        label=_("Budget"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    obstacles_internal = forms.CharField(
        label=_("Internal obstacles"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    obstacles_external = forms.CharField(
        label=_("External obstacles"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    recommendations = forms.CharField(
        label=_("Recommendations and follow-up plan"), max_length=5000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class ItemForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    category = forms.ChoiceField(label=_("Category"), choices=InfoCategory.choices)
    responsible = forms.CharField(label=_("Responsible official"), max_length=200, required=False)
    updated_on = forms.DateField(label=_("Last updated"), widget=DATE)
    upload = forms.FileField(label=_("Document"), required=False)
    exemption_basis = forms.CharField(
        label=_("Exemption basis (Ps 17 letter)"), max_length=100, required=False
    )
    consequence_test = forms.CharField(
        label=_("Consequence test (uji konsekuensi)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tested_by = forms.CharField(label=_("Consequence test decided by"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("category") == InfoCategory.EXEMPT and not (
            data.get("consequence_test") and data.get("exemption_basis") and data.get("tested_by")
        ):
            raise forms.ValidationError(
                _("Exempt information needs its consequence test, its legal basis and who decided it.")
            )
        return data
