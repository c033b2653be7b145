from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin

from .models import RequestKind
from .rules import request_rules, tiers


class TierAnswerForm(forms.Form):
    tier = forms.CharField(max_length=20)
    value = forms.CharField(max_length=200)
    note = forms.CharField(required=False, max_length=5000)


class MemberForm(BootstrapMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    tier = forms.ChoiceField(label=_("Tier"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [(t.code, t.name) for t in tiers()]


class RequestForm(BootstrapMixin, forms.Form):
    ref = forms.CharField(label=_("Question"), max_length=40)
    kind = forms.ChoiceField(label=_("About"), choices=RequestKind.choices)
    text = forms.CharField(
        label=_("What the unit should provide"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    working_days = forms.IntegerField(label=_("Due in (working days)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rules = request_rules()
        days = self.fields["working_days"]
        days.initial = rules["due_working_days"]
        days.widget.attrs.update(min=rules["min_working_days"], max=rules["max_working_days"])


class RequestAnswerForm(forms.Form):
    answer = forms.CharField(required=False, max_length=5000)


class DecisionForm(forms.Form):
    accept = forms.ChoiceField(choices=(("1", "1"), ("0", "0")))
    note = forms.CharField(required=False, max_length=5000)
