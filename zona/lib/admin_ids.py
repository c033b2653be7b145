"""The Django admin holds every id typed or forged in it to what its column holds, as Zona's own
forms do (zona.lib.forms): an id past the range of a database integer is not a record, and
SQLite can't even bind it (OverflowError: a server error; PostgreSQL compares it and finds nothing).

`bound_admin_ids(site)`, called once by the URL configuration before the admin's URLs are made,
gives every registered ModelAdmin (Zona's and the packages') and its inlines this behaviour:

- an object's page (change, delete, history) with such an id in its address: the admin's own
  "doesn't exist" message, back to the admin's index;
- a list filtered by such an id in its query string (`?unit=…`, `?unit__id__exact=…`,
  `?id__in=…`): a message naming the id, and the list without its filters (as the admin answers
  a filter it can't read, which a range of one value, `?id__range=5`, now is too);
- an action on selected rows: such ids are dropped, as ids not found are, and so is a value that
  is no id at all (`abc`, `1.5`: not a whole number, which the query would fail on);
- a form's link to another record (a select, an autocomplete, a raw id field, in the form or its
  inlines): "Select a valid choice", before any query, and the form shown again with it.
"""

from __future__ import annotations

from functools import cache

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .forms import INTEGER_RANGES, bound_ids, fits_column

# The changelist's own parameters (not lookups), and the lookups that compare ids with values.
RESERVED = {ALL_VAR, ERROR_FLAG, IS_FACETS_VAR, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, SEARCH_VAR, TO_FIELD_VAR}
COMPARED = {"exact", "in", "range", "gt", "gte", "lt", "lte"}
SEVERAL = {"in", "range"}  # the admin reads these as comma-separated lists


def column_of(field) -> str | None:
    """The integer column a field's values are compared with (a link's: the column it points
    to, followed through links that are keys themselves), or None when it is not an integer."""
    for _hop in range(10):
        if not field.is_relation:
            break
        try:
            target = field.target_field
        except (AttributeError, FieldError):  # a generic or multi-column link: not one id column
            return None
        if target is field:
            break
        field = target
    internal = getattr(field, "get_internal_type", lambda: "")()
    return internal if internal in INTEGER_RANGES else None


def is_id(value, key) -> bool:
    """Whether `value` can be a value of the key field `key` (a primary key): one its field reads
    (for an integer column, a whole number) and, for an integer column, within its range."""
    try:
        key.to_python(value)
    except ValidationError:
        return False
    column = column_of(key)
    return column is None or fits_column(value, column)


def _lookup(model, key: str) -> tuple[str | None, str]:
    """The integer column a changelist parameter compares (None if not an integer column) and
    its lookup: `unit` → the unit's id, exact; `unit__id__in` → the unit's id, in."""
    opts, field, parts = model._meta, None, key.split(LOOKUP_SEP)
    for index, part in enumerate(parts):
        try:
            found = opts.pk if part == "pk" else opts.get_field(part)
        except FieldDoesNotExist:
            return (column_of(field) if field else None), LOOKUP_SEP.join(parts[index:])
        field = found
        if not field.is_relation or field.related_model is None:
            return column_of(field), LOOKUP_SEP.join(parts[index + 1 :]) or "exact"
        opts = field.related_model._meta
    return (column_of(field) if field else None), "exact"


def out_of_range(model, query) -> str | None:
    """The first value of the query string that compares an integer column with a number the
    column can't hold, or None."""
    for key, values in query.lists():
        if key in RESERVED:
            continue
        column, lookup = _lookup(model, key)
        if column is None or lookup not in COMPARED:
            continue
        for raw in values:
            for value in raw.split(",") if lookup in SEVERAL else [raw]:
                if not fits_column(value, column):
                    return value
    return None


class BoundedWidget:
    """An autocomplete or raw id widget that does not look up an id its column can't hold (it
    shows such a value as not found)."""

    def _column(self) -> str | None:
        if isinstance(self, AutocompleteMixin):
            return column_of(self.field)
        return column_of(self.rel.get_related_field())

    def optgroups(self, name, value, attr=None):
        column = self._column()
        kept = [v for v in value if column is None or fits_column(v, column)]
        return super().optgroups(name, kept, attr)

    def label_and_url_for_value(self, value):
        column = self._column()
        if column is not None and not fits_column(value, column):
            return "", ""
        return super().label_and_url_for_value(value)


class BoundedFormFields:
    """Every link to another record in the admin's forms refuses an id its column can't hold
    (zona.lib.forms.bound_ids), and its widget never looks one up."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            bound_ids(field)
            widget = getattr(field.widget, "widget", field.widget)  # inside the "+" / edit links
            if isinstance(widget, AutocompleteMixin | ForeignKeyRawIdWidget) and not isinstance(
                widget, BoundedWidget
            ):
                widget.__class__ = _bounded(BoundedWidget, type(widget))
        return field


class BoundedIdsAdmin(BoundedFormFields):
    """A ModelAdmin whose pages answer an id their column can't hold as no record (the module's
    docstring says how each page answers)."""

    def get_object(self, request, object_id, from_field=None):
        opts = self.model._meta
        key = opts.pk if from_field is None else opts.get_field(from_field)
        column = column_of(key)
        if column is not None and not fits_column(object_id, column):
            return None  # the admin's "doesn't exist" message
        return super().get_object(request, object_id, from_field)

    def get_changelist_instance(self, request):
        for key, values in request.GET.lists():
            if key.endswith(LOOKUP_SEP + "range") and any(len(v.split(",")) != 2 for v in values):
                raise IncorrectLookupParameters(key)  # a range is two values: Django fails on one
        value = out_of_range(self.model, request.GET)
        if value is not None:
            messages.error(
                request,
                _("No record has the id %(value)s: the list is shown without its filters.")
                % {"value": Truncator(value).chars(30)},
            )
            raise IncorrectLookupParameters(value)  # the admin shows the list unfiltered
        return super().get_changelist_instance(request)

    def response_action(self, request, queryset):
        pk = self.model._meta.pk
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        kept = [v for v in selected if is_id(v, pk)]
        if kept != selected:
            request.POST = request.POST.copy()
            request.POST.setlist(helpers.ACTION_CHECKBOX_NAME, kept)
        return super().response_action(request, queryset)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if not isinstance(inline, BoundedFormFields):
                inline.__class__ = _bounded(BoundedFormFields, type(inline))
        return inlines


@cache
def _bounded(mixin: type, cls: type) -> type:
    return type(f"Bounded{cls.__name__}", (mixin, cls), {"__module__": cls.__module__})


def bound_admin_ids(site) -> None:
    """Give every ModelAdmin registered on `site` the bounds above, keeping its own class's
    behaviour (as zona.lib.forms.bound_ids does for a form field)."""
    for model_admin in site._registry.values():
        if not isinstance(model_admin, BoundedIdsAdmin):
            model_admin.__class__ = _bounded(BoundedIdsAdmin, type(model_admin))
