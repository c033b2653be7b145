from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import Status

DATE_FIELDS = ("effective_date", "period_start", "period_end", "expires_on")


class DatesForm(BootstrapMixin, forms.Form):
    """An item's document date, the period it covers and its expiry: set when it is added, and
    again after (a renewed SK, a survey's semester corrected)."""

    effective_date = forms.DateField(label=_("Document date"), required=False, widget=DateInput())
    period_start = forms.DateField(label=_("Covers from"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Covers until"), required=False, widget=DateInput())
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty when the document does not expire."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data

    def dates(self) -> dict:
        """The document's dates, as the evidence services take them."""
        return {k: self.cleaned_data.get(k) for k in DATE_FIELDS}


class EvidenceForm(DatesForm):
    field_order = ["title", "file", "url"]

    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("or a link"), required=False, max_length=1000, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].help_text = _(
            "Empty when the document does not expire (an SK for a year, a survey for a semester do)."
        )

    def clean(self):
        data = self.cleaned_data
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link (one of the two)."))
        return super().clean()


class VersionForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File"))


class ReviewForm(BootstrapMixin, forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[(Status.VERIFIED, Status.VERIFIED.label), (Status.REJECTED, Status.REJECTED.label)],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("verdict") == Status.REJECTED and not data.get("comment"):
            self.add_error("comment", _("Write the reason for the rejection."))
        return data
