from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, DateInput, with_upload_limit
from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import Action, roles_for


class AssessmentForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            unit_scope_q(user, prefix="", roles=roles_for(Action.MANAGE_PLAN))
        )


class AnswerForm(forms.Form):
    """The answer arrives as `value`, or as numbers n0, n1… for numeric questions."""

    value = forms.CharField(required=False, max_length=200)
    justification = forms.CharField(required=False, max_length=5000)
    note = forms.CharField(required=False, max_length=5000)
    effective_date = forms.DateField(required=False)
    confirmed = forms.BooleanField(required=False)  # a stand-in suggestion, confirmed by the unit

    def raw(self, data) -> str:
        numbers = [data.get(f"n{i}", "").strip() for i in range(10) if f"n{i}" in data]
        return ";".join(numbers) if numbers else self.cleaned_data["value"]


class ReturnForm(forms.Form):
    note = forms.CharField(max_length=5000)


class WbkDecreeForm(BootstrapMixin, forms.Form):
    number = forms.CharField(label=_("WBK decree number"), max_length=200)
    decree_date = forms.DateField(label=_("WBK decree date"), widget=DateInput())
    upload = forms.FileField(label=_("WBK decree (file)"))


class SheetForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Filled LKE sheet"),
        help_text=with_upload_limit(
            _(
                "XLSX or CSV with the LKE's numbering (komponen, sub_komponen, area_no, sub_area, butir), "
                "uraian, jawaban and catatan, or a list of each question's code and its answer "
                "(ref,answer); at most %(mb)s MB."
            )
        ),
    )
