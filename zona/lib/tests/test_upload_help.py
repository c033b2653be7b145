"""The upload forms name the upload limit in force, not a number written into their text."""

from django.utils import translation

from zona.lke.forms import SheetForm
from zona.plans.forms import ImportForm


def test_the_import_forms_say_the_limit_the_setting_holds(settings):
    settings.ZONA_MAX_UPLOAD_MB = 7
    with translation.override("id"):
        for form in (ImportForm, SheetForm):
            help_text = str(form.base_fields["file"].help_text)
            assert help_text.endswith("paling besar 7 MB."), help_text
    settings.ZONA_MAX_UPLOAD_MB = 35
    assert str(ImportForm.base_fields["file"].help_text).endswith("35 MB.")
