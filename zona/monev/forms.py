from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput
from zona.orgs.holders import people_of

from .models import DocumentKind, ReportStatus, TeamKind
from .services import reopens


class ReportForm(BootstrapMixin, forms.Form):
    """A report on a step, starting from the step's current status and progress; moving a
    finished step back asks for a confirmation and a reason (each refused in its own words)."""

    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("Evidence (optional)"), required=False)
    reopen_confirm = forms.BooleanField(
        label=_("Yes, this finished step goes back (it no longer counts as done)"), required=False
    )
    reopen_reason = forms.CharField(
        label=_("Why does the finished step go back?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, step=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step

    @property
    def asks_reason(self) -> bool:
        """Whether the form shows the confirmation: the step is finished."""
        return self.step is not None and self.step.is_done

    def clean(self):
        data = super().clean()
        if self.step is None or not reopens(self.step, data.get("status", ReportStatus.DONE)):
            return data
        if not data.get("reopen_confirm"):
            self.add_error(
                "reopen_confirm",
                _("This step is finished. Tick the box to confirm that it goes back to unfinished."),
            )
        if not data.get("reopen_reason", "").strip():
            self.add_error(
                "reopen_reason", _("Say why the finished step goes back: the reason is kept with the report.")
            )
        return data


class CloseForm(BootstrapMixin, forms.Form):
    summary = forms.CharField(
        label=_("Coordinator's summary"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda = forms.CharField(
        label=_("Agenda"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 6})
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attendees"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Guests (one per line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    leader_present = forms.BooleanField(label=_("The unit's leader attended"), required=False)
    leader_name = forms.CharField(label=_("Leader (name and position)"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("leader_present") and not data.get("leader_name"):
            raise forms.ValidationError(_("Name the leader who attended."))
        return data

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people_of(unit)
        self.fields["attendees"].widget.attrs.pop("class", None)


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"))


class FindingForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Finding"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people_of(unit)


class FindingCloseForm(BootstrapMixin, forms.Form):
    follow_up = forms.CharField(
        label=_("Follow-up (tindak lanjut)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(label=_("Evidence of the follow-up"), required=False)


class TeamForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Team"), choices=TeamKind.choices)
    decree_number = forms.CharField(label=_("Decree number"), max_length=200, required=False)
    decree_file = forms.FileField(label=_("Decree (SK) file"), required=False)
    period_start = forms.DateField(label=_("Serves from"), widget=DateInput())
    period_end = forms.DateField(label=_("Serves until"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class MemberForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    team_role = forms.CharField(label=_("Role in the team"), max_length=200)


class AgentChangeForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Change"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    made_on = forms.DateField(label=_("Made on"), widget=DateInput())
    file = forms.FileField(label=_("Evidence (optional)"), required=False)
    integrated = forms.BooleanField(label=_("Integrated into the management system"), required=False)
    integration = forms.CharField(
        label=_("How it is integrated (SOP, decree, application…)"), max_length=300, required=False
    )


class IntegrateForm(BootstrapMixin, forms.Form):
    integration = forms.CharField(label=_("How it is integrated (SOP, decree, application…)"), max_length=300)
