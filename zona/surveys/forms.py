from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput
from zona.lib.periods import period_containing

from .models import Weight
from .standards import COMPONENTS

AGE_GROUPS = ["< 20", "20–29", "30–39", "40–49", "50–59", "≥ 60"]
SEXES = [("Laki-laki", _("Male")), ("Perempuan", _("Female"))]
EDUCATION = ["SD", "SMP", "SMA/SMK", "D1–D3", "D4/S1", "S2", "S3"]
OCCUPATIONS = ["PNS/ASN", "TNI/Polri", "Pegawai swasta", "Wirausaha", "Pelajar/mahasiswa", "Lainnya"]


def _choices(values):
    return [("", "–"), *[(v, v) for v in values]]


class ProfileForm(forms.Form):
    """The respondent's profile: nothing that names them (no NIK, no phone, no name)."""

    age_group = forms.ChoiceField(label=_("Age"), choices=_choices(AGE_GROUPS), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "–"), *SEXES], required=False)
    education = forms.ChoiceField(label=_("Education"), choices=_choices(EDUCATION), required=False)
    occupation = forms.ChoiceField(label=_("Occupation"), choices=_choices(OCCUPATIONS), required=False)


ROMAN = ("I", "II", "III", "IV")


def period_presets(today: date) -> dict[str, tuple[str, date, date]]:
    """The quarters, semesters and year of this year and the next: key → (label, start, end)."""
    presets = {}
    for year in (today.year, today.year + 1):
        for months, code, word, count in ((3, "q", _("Quarter"), 4), (6, "s", _("Semester"), 2)):
            for n in range(count):
                start, end = period_containing(date(year, n * months + 1, 1), months)
                presets[f"{year}-{code}{n + 1}"] = (f"{word} {ROMAN[n]} {year}", start, end)
        start, end = period_containing(date(year, 1, 1), 12)
        presets[f"{year}-y"] = (_("Year %(year)s") % {"year": year}, start, end)
    return presets


class SurveyForm(BootstrapMixin, forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=None)
    definition = forms.ChoiceField(label=_("Questionnaire"), choices=())
    title = forms.CharField(label=_("Title (optional)"), max_length=200, required=False)
    preset = forms.ChoiceField(label=_("Period"), required=False)
    period_start = forms.DateField(label=_("or from"), widget=DateInput(), required=False)
    period_end = forms.DateField(label=_("to"), widget=DateInput(), required=False)
    population = forms.IntegerField(
        label=_("Service users in the period (for the sample size)"), min_value=0, initial=0
    )
    weight = forms.ChoiceField(label=_("Weight of each item"), choices=Weight.choices)
    one_per_device = forms.BooleanField(label=_("One answer per device"), required=False, initial=True)
    require_ticket = forms.BooleanField(label=_("Require a one-time code from the receipt"), required=False)

    def __init__(self, *args, services, definitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["definition"].choices = [(k, d.name) for k, d in definitions.items()]
        today = timezone.localdate()
        self.presets = period_presets(today)
        self.fields["preset"].choices = [
            ("", _("– the dates below –")),
            *[(key, label) for key, (label, _start, _end) in self.presets.items()],
        ]
        self.fields["preset"].initial = f"{today.year}-q{(today.month - 1) // 3 + 1}"  # this quarter

    def clean(self):
        data = super().clean()
        if data.get("preset"):
            _label, data["period_start"], data["period_end"] = self.presets[data["preset"]]
        elif not (data.get("period_start") and data.get("period_end")):
            raise forms.ValidationError(_("Choose a period, or give its first and last day."))
        return data


class ServiceForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Service"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=2000, required=False)


class DefinitionForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Definition (YAML)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "font-monospace"}),
    )


class UploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("Questionnaires (CSV or XLSX: one row each, a column per item)"))


class TicketsForm(BootstrapMixin, forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=5000, initial=100)


class SuspectForm(forms.Form):
    suspect = forms.BooleanField(required=False)
    reason = forms.CharField(max_length=500, required=False)


class FollowUpForm(BootstrapMixin, forms.Form):
    item = forms.ChoiceField(label=_("Item"), choices=())
    indicator = forms.ModelChoiceField(label=_("Plan indicator"), queryset=None)
    text = forms.CharField(label=_("What will be done"), max_length=2000)
    pic = forms.ModelChoiceField(label=_("Person in charge"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())

    def __init__(self, *args, items, indicators, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = items
        self.fields["indicator"].queryset = indicators
        self.fields["pic"].queryset = people


class StandardForm(BootstrapMixin, forms.Form):
    decree_number = forms.CharField(label=_("Decree number"), max_length=200, required=False)
    effective_on = forms.DateField(label=_("In force from"), widget=DateInput())
    maklumat = forms.CharField(
        label=_("Maklumat pelayanan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    other_media = forms.CharField(
        label=_("Also announced on (besides the portal)"),
        help_text=_("E.g. the notice board at the service, social media, the instansi's website."),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, initial_components=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in COMPONENTS.items():
            self.fields[f"c_{key}"] = forms.CharField(
                label=label,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=(initial_components or {}).get(key, ""),
            )

    def components(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"c_{key}"] for key in COMPONENTS}


class ReviewForm(BootstrapMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())
    used_survey = forms.BooleanField(label=_("Used the survey results"), required=False)
    used_complaints = forms.BooleanField(label=_("Used the complaints"), required=False)
    stakeholders = forms.CharField(
        label=_("Stakeholders involved (community leaders, academics, …)"), max_length=500, required=False
    )
    result = forms.CharField(
        label=_("What the review found and changed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(label=_("Minutes or report"), required=False)
