from django import forms
from django.utils.translation import gettext_lazy as _

from zona.lib.forms import BootstrapMixin, BoundedNumbers, with_upload_limit
from zona.orgs.models import Unit

from .selectors import import_units_visible_to


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=_("Decree or plan file"),
        help_text=with_upload_limit(
            _(
                "DOCX, XLSX, XLS, ODS, CSV, PDF with a text layer or scanned (read by OCR), or the decree "
                "as Markdown/text; at most %(mb)s MB."
            )
        ),
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Leave empty to take it from the decree."),
    )
    replace = forms.BooleanField(label=_("Replace this year's draft plan"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = import_units_visible_to(user)


class AssignForm(BoundedNumbers, forms.Form):
    pic = forms.IntegerField(required=False)
