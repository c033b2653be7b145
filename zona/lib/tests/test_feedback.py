"""The one tail of every posted form: its errors as messages, or one service run with the form's
data (its file under the services' name), the service's refusal or the success as a message."""

import io

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.errors import ProblemsError, RuleError
from zona.lib.feedback import (
    UPLOAD_ARGUMENTS,
    as_arguments,
    attempt,
    attempt_on_form,
    flash_errors,
    outcome,
    refuse,
    submitted,
)


class NameForm(forms.Form):
    name = forms.CharField(max_length=10)


def posted(data: dict):
    request = RequestFactory().post("/", data)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_an_invalid_form_shows_its_errors_and_calls_nothing():
    calls = []
    request = posted({"name": ""})
    assert not submitted(request, NameForm(request.POST), calls.append, RuleError, "Done.")
    assert calls == []
    assert [level for level, _text in said(request)] == ["error"]


def test_a_valid_form_gives_its_data_to_the_service_and_says_so():
    calls = []
    request = posted({"name": "Ani"})
    assert submitted(request, NameForm(request.POST), calls.append, RuleError, "Done.")
    assert calls == [{"name": "Ani"}]
    assert said(request) == [("success", "Done.")]


def test_the_services_refusal_is_shown_and_nothing_else():
    def refuse(data):
        raise RuleError(f"No, {data['name']}.")

    request = posted({"name": "Ani"})
    assert not submitted(request, NameForm(request.POST), refuse, RuleError, "Done.")
    assert said(request) == [("error", "No, Ani.")]


class TwoFieldsForm(forms.Form):
    name = forms.CharField(max_length=10)
    year = forms.IntegerField()


REFUSED = "Not saved: %(errors)s"


def test_a_refused_template_names_the_forms_errors_in_one_message():
    calls = []
    request = posted({"name": "", "year": "x"})
    form = TwoFieldsForm(request.POST)
    assert not submitted(request, form, calls.append, RuleError, "Done.", refused=REFUSED)
    assert calls == []
    errors = [str(e) for field in ("name", "year") for e in form.errors[field]]
    assert said(request) == [("error", "Not saved: " + " ".join(errors))]


def test_a_refused_template_names_the_services_refusal():
    def refuse_it(data):
        raise RuleError(f"No, {data['name']}.")

    request = posted({"name": "Ani"})
    assert not submitted(request, NameForm(request.POST), refuse_it, RuleError, "Done.", refused=REFUSED)
    assert said(request) == [("error", "Not saved: No, Ani.")]


def test_a_refusal_of_many_problems_is_one_prefixed_message_with_all_of_them():
    def refuse_it():
        raise ProblemsError(["Row 2: no date.", "Row 3: no title."])

    request = posted({})
    assert outcome(request, refuse_it, RuleError, refused=REFUSED) is None
    assert said(request) == [("error", "Not saved: Row 2: no date.; Row 3: no title.")]


def test_without_a_template_each_problem_is_its_own_message():
    def refuse_it():
        raise ProblemsError(["Row 2: no date.", "Row 3: no title."])

    request = posted({})
    assert not attempt(request, refuse_it, RuleError)
    assert said(request) == [("error", "Row 2: no date."), ("error", "Row 3: no title.")]


def test_a_result_goes_through_with_the_template_unused():
    request = posted({})
    assert outcome(request, lambda: 7, RuleError, refused=REFUSED) == 7
    assert said(request) == []


def test_an_error_not_listed_is_not_swallowed():
    request = posted({})
    with pytest.raises(KeyError):
        attempt(request, lambda: {}["x"], RuleError, refused=REFUSED)
    assert said(request) == []


@given(st.lists(st.text(alphabet="abc %().;", min_size=1, max_size=12), min_size=1, max_size=5))
def test_refuse_keeps_every_problem_verbatim_and_in_order(problems):
    """A problem's own `%` signs are never read as placeholders: it is data, not the template."""
    alone, prefixed = posted({}), posted({})
    refuse(alone, problems)
    refuse(prefixed, problems, REFUSED)
    assert said(alone) == [("error", p) for p in problems]
    assert said(prefixed) == [("error", "Not saved: " + " ".join(problems))]


def test_flash_errors_without_a_template_is_one_message_per_error():
    request = posted({"name": "", "year": "x"})
    form = TwoFieldsForm(request.POST)
    form.is_valid()
    flash_errors(request, form)
    assert [level for level, _text in said(request)] == ["error", "error"]


names = st.sampled_from(["file", "files", "name", "year"]) | st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12
).filter(lambda name: name not in UPLOAD_ARGUMENTS.values())


@given(st.dictionaries(names, st.integers(), max_size=8))
def test_as_arguments_renames_only_the_upload_fields(data):
    arguments = as_arguments(data)
    assert len(arguments) == len(data)
    for name, value in data.items():
        assert arguments[UPLOAD_ARGUMENTS.get(name, name)] == value
    assert not set(arguments) & set(UPLOAD_ARGUMENTS)


def test_attempt_on_form_puts_each_problem_of_a_refusal_on_the_form():
    form = NameForm({"name": "Ani"})
    assert form.is_valid()
    assert attempt_on_form(form, lambda: 42, RuleError) == 42
    assert form.non_field_errors() == []

    def refused():
        raise ProblemsError(["Baris 2: tanggal kosong.", "Baris 5: nilai bukan angka."])

    assert attempt_on_form(form, refused, RuleError) is None
    assert list(form.non_field_errors()) == ["Baris 2: tanggal kosong.", "Baris 5: nilai bukan angka."]


def test_attempt_on_form_lets_an_error_it_was_not_given_through():
    form = NameForm({"name": "Ani"})
    form.is_valid()
    with pytest.raises(ValueError):
        attempt_on_form(form, lambda: int("x"), RuleError)
    assert form.non_field_errors() == []


def test_a_refused_file_is_a_rule_error_and_still_a_value_error():
    from zona.lib.files import FileRejected, inspect_file

    with pytest.raises(RuleError) as refused:
        inspect_file(io.BytesIO(b""), max_bytes=1000)
    assert isinstance(refused.value, FileRejected) and isinstance(refused.value, ValueError)
    assert refused.value.problems == [str(refused.value)]
