from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput

from .models import Status


class EvidenceForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("or a link"), required=False, max_length=1000, assume_scheme="https")
    effective_date = forms.DateField(label=_("Document date"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Give either a file or a link (one of the two)."))
        return data


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
