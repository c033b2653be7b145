"""The one tail of every posted form: its errors as messages, or one service run with the form's
data (its file under the services' name), the service's refusal or the success as a message."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from zona.lib.errors import RuleError
from zona.lib.feedback import UPLOAD_ARGUMENTS, as_arguments, submitted


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
