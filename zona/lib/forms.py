"""What every Zona form shares: Bootstrap classes on widgets (templates stay free of widget
markup), and numbers bounded to what their database column holds: the numbers a form takes, the
ids a model choice field looks up, and the ids a view reads from a list of checkboxes
(`ids_from`)."""

from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.functional import lazy

# The range of each whole-number column as PostgreSQL (and Django's portable default) holds it.
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
# A form number not tied to a model field is stored in (or looked up against) an integer column.
DEFAULT_COLUMN = "IntegerField"


def _column_type(model, name: str) -> str:
    try:
        internal = model._meta.get_field(name).get_internal_type() if model else DEFAULT_COLUMN
    except Exception:  # noqa: BLE001 - a form field with no model field of its name
        internal = DEFAULT_COLUMN
    return internal if internal in INTEGER_RANGES else DEFAULT_COLUMN


# The ids of Zona's tables (BigAutoField): what a hand-parsed id list is held to.
ID_RANGE = INTEGER_RANGES["BigAutoField"]


def fits_column(value, column: str) -> bool:
    """False only for a whole number outside the column's range; anything else (junk, a model
    instance) is left to the field, which answers it as not found."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True
    low, high = INTEGER_RANGES[column]
    return low <= number <= high


class BoundedIds:
    """A model choice field whose ids outside their column's range are an invalid choice (the
    form's error in the user's language) before any query: SQLite can't even bind such a
    number. `bound_ids` (through `bound_numbers`, which every Zona form runs) makes every model
    choice field one, keeping the field's own class."""

    def _key_column(self) -> str | None:
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        column = key.target_field.get_internal_type() if key.is_relation else key.get_internal_type()
        return column if column in INTEGER_RANGES else None

    def _refuse_out_of_range(self, values) -> None:
        column = self._key_column()
        for value in values if column else ():
            if isinstance(value, self.queryset.model) or value in self.empty_values:
                continue
            if not fits_column(value, column):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
                )

    def to_python(self, value):
        if not isinstance(self, forms.ModelMultipleChoiceField):
            self._refuse_out_of_range([value])
        return super().to_python(value)

    def _check_values(self, value):
        self._refuse_out_of_range(value)
        return super()._check_values(value)


@cache
def _bounded(cls: type) -> type:
    return type(f"Bounded{cls.__name__}", (BoundedIds, cls), {"__module__": cls.__module__})


def bound_ids(field: forms.Field) -> None:
    """Make a model choice field (declared, or made by a ModelForm for a foreign key or a
    many-to-many field) refuse ids outside its column's range, keeping its own class's
    behaviour."""
    if isinstance(field, forms.ModelChoiceField) and not isinstance(field, BoundedIds):
        field.__class__ = _bounded(type(field))


def ids_from(data, name: str) -> list[int]:
    """The ids posted under `name` (several checkboxes, a multiple select) for a view that reads
    them by hand: whole numbers within the id column's range, each once, in order. Junk and
    numbers out of range are dropped, as ids not found are."""
    ids: dict[int, None] = {}
    for raw in data.getlist(name):
        digits = str(raw).strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 19 and 0 < int(digits) <= ID_RANGE[1]:
            ids[int(digits)] = None
    return list(ids)


def bound_numbers(fields: dict, model=None) -> None:
    """Hold every whole-number field to its column's range (the model field's type for a
    ModelForm, an integer column otherwise), keeping a tighter bound the form already has: a
    number too large for the database is a form error, never a database error. A model choice
    field's ids are held the same way (`bound_ids`)."""
    for name, field in fields.items():
        bound_ids(field)
        fractional = isinstance(field, forms.FloatField | forms.DecimalField)
        if not isinstance(field, forms.IntegerField) or fractional:
            continue  # a DecimalField is held by its max_digits
        low, high = INTEGER_RANGES[_column_type(model, name)]
        if field.min_value is None or field.min_value < low:
            field.min_value = low
            field.validators.append(MinValueValidator(low))
        if field.max_value is None or field.max_value > high:
            field.max_value = high
            field.validators.append(MaxValueValidator(high))
        field.widget.attrs.update({"min": field.min_value, "max": field.max_value})


class BoundedNumbers:
    """A form whose whole numbers are held to their columns' ranges (`bound_numbers`); every form
    with a number field is one (zona/tests/test_form_numbers.py checks it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meta = getattr(self, "_meta", None)
        bound_numbers(self.fields, getattr(meta, "model", None))  # type: ignore[attr-defined]


class BootstrapMixin(BoundedNumbers):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{2}(\d{2})?|\d{1,2}-\d{1,2}-\d{4}|\d{8}|\d{4}-\d{2}-\d{2}"


class DateInput(forms.DateInput):
    """A date as Indonesians write it, dd/mm/yyyy, whatever the browser's language (a date
    picker follows the browser's, not the page's); 31-01-2023 and 31012023 (a phone's number
    pad has no slash) and yyyy-mm-dd are accepted too."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "pattern": DATE_PATTERN,
                    "autocomplete": "off"}  # fmt: skip
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; cleaned to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _with_upload_limit(text) -> str:
    return str(text) % {"mb": settings.ZONA_MAX_UPLOAD_MB}


def with_upload_limit(text):
    """A help text (lazy, with `%(mb)s`) naming the upload limit in force (ZONA_MAX_UPLOAD_MB),
    read when the form is shown, so a changed setting is what the page says."""
    return lazy(_with_upload_limit, str)(text)
