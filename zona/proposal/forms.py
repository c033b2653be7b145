from django import forms

from zona.lib.forms import BootstrapMixin

from .models import ProposalDetails
from .selectors import DETAIL_FIELDS


class DetailsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ProposalDetails
        fields = DETAIL_FIELDS
