"""Every number a form takes is bounded to what its database column holds (zona.lib.forms): a
30-digit number is a form error in Indonesian, never a server error."""

import copy
import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

import zona
from zona.lib.forms import INTEGER_RANGES, BoundedNumbers, bound_numbers

HUGE = "9" * 30


def _zona_forms() -> list[type]:
    for module in pkgutil.walk_packages(zona.__path__, "zona."):
        leaf = module.name.rsplit(".", 1)[-1]
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if leaf.startswith(("forms", "views")) or leaf in {"api", "admin"}:
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("zona.") and ".tests" not in cls.__module__:
            found.append(cls)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _numbers(cls) -> dict:
    fields = getattr(cls, "base_fields", {})
    return {name: field for name, field in fields.items() if isinstance(field, forms.IntegerField)}


NUMBER_FORMS = [cls for cls in _zona_forms() if _numbers(cls)]


def test_the_sweep_finds_the_forms_with_numbers():
    names = {cls.__name__ for cls in NUMBER_FORMS}
    assert {"IndicatorForm", "ActivityForm", "AssignForm", "TokenForm"} & names
    assert len(NUMBER_FORMS) >= 10, names


@pytest.mark.parametrize("cls", NUMBER_FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_number_field_refuses_a_number_too_large_for_the_database(cls):
    whole = [f for f in _numbers(cls).values() if not isinstance(f, forms.DecimalField)]
    assert issubclass(cls, BoundedNumbers) or not whole, f"{cls.__name__} must bound its numbers (zona.lib)"
    fields = copy.deepcopy(cls.base_fields)
    meta = getattr(cls, "_meta", None)
    bound_numbers(fields, getattr(meta, "model", None))
    for name, field in _numbers(cls).items():
        field = fields[name]
        assert not isinstance(field, forms.FloatField), f"{cls.__name__}.{name}: use a DecimalField"
        if isinstance(field, forms.DecimalField):
            assert field.max_digits is not None, f"{cls.__name__}.{name} needs max_digits"
        else:
            low, high = INTEGER_RANGES["BigIntegerField"]
            assert low <= field.min_value and field.max_value <= high
        for value in (HUGE, f"-{HUGE}"):
            with translation.override("id"), pytest.raises(ValidationError) as refused:
                field.clean(value)
            assert "Pastikan" in " ".join(refused.value.messages), refused.value.messages


def test_a_model_forms_number_takes_its_columns_range():
    from zona.portal.views import SettingsForm

    fields = copy.deepcopy(SettingsForm.base_fields)
    bound_numbers(fields, SettingsForm._meta.model)
    for name, field in fields.items():
        if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField):
            column = SettingsForm._meta.model._meta.get_field(name).get_internal_type()
            assert field.max_value <= INTEGER_RANGES[column][1]


@pytest.mark.django_db
def test_a_huge_number_on_a_page_is_a_form_error_and_saves_nothing(client, cast, units):
    from django.urls import reverse

    from zona.api.models import ApiToken

    client.force_login(cast["coordinator"])
    response = client.post(reverse("api_tokens:list"), {"name": "laporan", "days": HUGE}, follow=True)
    assert response.status_code == 200
    assert "Pastikan" in response.content.decode()
    assert not ApiToken.objects.exists()


@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_a_bounded_number_is_kept_in_range_or_refused(number):
    field = forms.IntegerField(required=False)
    fields = {"n": field}
    bound_numbers(fields)
    low, high = INTEGER_RANGES["IntegerField"]
    try:
        cleaned = fields["n"].clean(str(number))
    except ValidationError:
        assert not low <= number <= high
    else:
        assert cleaned == number and low <= number <= high
    tight = forms.IntegerField(min_value=0, max_value=100)
    bound_numbers({"n": tight})
    assert (tight.min_value, tight.max_value) == (0, 100)  # a tighter bound is kept
