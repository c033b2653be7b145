from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import Result


class VersionFields(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("SOP number"), max_length=100)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput())
    signer = forms.CharField(label=_("Signed by (name and position)"), max_length=200)
    file = forms.FileField(label=_("The signed SOP (PDF)"))
    review_due = forms.DateField(
        label=_("Next review (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("At most the review cycle after approval; empty: exactly the review cycle."),
    )


class SopForm(VersionFields):
    title = forms.CharField(label=_("Title"), max_length=300)
    process = forms.CharField(label=_("Business process"), max_length=300, required=False)
    is_service = forms.BooleanField(label=_("Public service SOP (published on the portal)"), required=False)
    field_order = ["title", "process", "code", "approved_on", "signer", "file", "review_due", "is_service"]


class RevisionForm(VersionFields):
    note = forms.CharField(label=_("What changed"), max_length=1000, required=False)


class ReviewForm(BootstrapMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())
    reviewers = forms.CharField(label=_("Reviewers"), max_length=500)
    result = forms.ChoiceField(label=_("Result"), choices=Result.choices)
    note = forms.CharField(
        label=_("Findings"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("Minutes (optional)"), required=False)
