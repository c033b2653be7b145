from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, MultipleFileField


class ReportForm(BootstrapMixin, forms.Form):
    """The 4W1H of a report (lengths are checked by the service, with a clear message)."""

    what = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The wrongdoing you saw or know of: what was done, and what rule it breaks if you know."),
    )
    who = forms.CharField(
        label=_("Who was involved?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    when = forms.CharField(label=_("When?"), required=False)
    where = forms.CharField(label=_("Where?"), required=False)
    how = forms.CharField(
        label=_("How did it happen, and how do you know?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    files = MultipleFileField(label=_("Supporting files (photos, documents; optional)"), required=False)
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=300)
    contact = forms.CharField(label=_("How to reach you (optional)"), required=False, max_length=300)


class ReceiptForm(forms.Form):
    code = forms.CharField(label=_("Receipt code (16 digits)"), max_length=40)


class ReplyForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Your message"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Files"), required=False)


class PassphraseForm(BootstrapMixin, forms.Form):
    passphrase = forms.CharField(
        label=_("Passphrase"), widget=forms.PasswordInput(render_value=False), max_length=500
    )


class NewKeyForm(BootstrapMixin, forms.Form):
    passphrase = forms.CharField(label=_("New passphrase"), widget=forms.PasswordInput, max_length=500)
    again = forms.CharField(label=_("The passphrase again"), widget=forms.PasswordInput, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("passphrase") != data.get("again"):
            raise forms.ValidationError(_("The two passphrases differ."))
        return data


class ChangePassphraseForm(NewKeyForm):
    old = forms.CharField(label=_("Current passphrase"), widget=forms.PasswordInput, max_length=500)


class StepForm(BootstrapMixin, forms.Form):
    action = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MessageForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(label=_("Files"), required=False)
    note = forms.BooleanField(label=_("Private note (the reporter does not see it)"), required=False)


class IdentityRequestForm(BootstrapMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Why is the reporter's identity needed?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(BootstrapMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), choices=[("1", _("Approve")), ("0", _("Refuse"))], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ExportForm(BootstrapMixin, forms.Form):
    passphrase = forms.CharField(
        label=_("Passphrase for the archive (give it to the Inspektorat by another way)"),
        widget=forms.PasswordInput,
        max_length=500,
    )
