from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput, MultipleFileField

from .models import Channel


class SocialisationForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("What was done"), max_length=300)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    audience = forms.CharField(label=_("Audience"), max_length=300, required=False)
    participants = forms.IntegerField(label=_("Participants"), min_value=0, max_value=100000, required=False)
    files = MultipleFileField(label=_("Evidence (photos, attendance list, materials)"), required=False)


class EvaluationForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    summary = forms.CharField(label=_("Findings"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    actions = forms.CharField(
        label=_("Follow-up actions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: action | who | due date (YYYY-MM-DD), "
            "e.g. “Revise the SOP | Kasubbag | 2026-06-30”"
        ),
    )
    files = MultipleFileField(label=_("Evidence (minutes, report)"), required=False)

    def clean_actions(self) -> list[tuple[str, str, date | None]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["actions"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            due = None
            if len(parts) > 2 and parts[2]:
                try:
                    due = date.fromisoformat(parts[2])
                except ValueError as exc:
                    raise forms.ValidationError(
                        _("Line %(n)s: “%(value)s” is not a date (YYYY-MM-DD).")
                        % {"n": number, "value": parts[2]}
                    ) from exc
            parsed.append((parts[0][:500], parts[1][:200] if len(parts) > 1 else "", due))
        return parsed


class FollowUpDoneForm(BootstrapMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput())
    note = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_("Evidence"), required=False)
