"""What a page tells the user after a form: each form error, or a service's refusal, as a
message (or, for a refusal with many problems, as a list on the page); the success message
otherwise. Views stay thin: parse, call one service, redirect.

A page that names what was refused ("Answer not saved: …") passes `refused`, a translated
template with one placeholder, `%(errors)s`: the refusal (or the form's errors, one after the
other) is then one message in it instead of one message each."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.utils.translation import gettext as _

from .errors import RuleError


def refuse(request, problems: list, refused: str | None = None) -> None:
    """Problems as error messages: one each, or, given the `refused` template, one message that
    names them all, one after the other."""
    if refused is None:
        for problem in problems:
            messages.error(request, problem)
    else:
        messages.error(request, refused % {"errors": " ".join(str(p) for p in problems)})


def flash_errors(request, form, refused: str | None = None, *, labelled: bool = False) -> None:
    """A form's errors as error messages (in the `refused` template when given); `labelled`: each
    field's error after its label ("Reason: This field is required."), for a form of many fields
    whose errors are shown away from it."""
    problems = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if labelled and field is not None else None
        problems += [f"{label}: {error}" if label else error for error in errors]
    refuse(request, problems, refused)


def attempt(
    request,
    call: Callable,
    errors: type[Exception] | tuple,
    success: str | None = None,
    refused: str | None = None,
) -> bool:
    """Run a service call; its refusal (one of `errors`, whose message is for the user) becomes
    an error message (in the `refused` template when given), else the success message ("Saved."
    when None, none when empty: the page that follows shows the change). True when it went
    through."""
    try:
        call()
    except errors as exc:
        if refused is None:
            refuse(request, getattr(exc, "problems", None) or [str(exc)])
        else:
            refuse(request, [str(exc)], refused)
        return False
    if success != "":
        messages.success(request, success or _("Saved."))
    return True


def outcome(
    request, call: Callable, errors: type[Exception] | tuple, success: str = "", refused: str | None = None
):
    """As `attempt`, for a call whose result the page goes on with (a new object, a count, a
    file): the result, or None when it was refused (its refusal shown as a message). No success
    message unless given: one that names the result is the caller's."""
    results = []
    attempt(request, lambda: results.append(call()), errors, success, refused)
    return results[0] if results else None


def attempt_on_form(form, call: Callable, errors: type[Exception] | tuple):
    """A refusal shown ON the form (a page that renders the form again, e.g. a public form
    without messages): run `call()`; its refusal (one of `errors`) becomes the form's non-field
    errors, one per problem. The call's result, or None when it was refused."""
    try:
        return call()
    except errors as exc:
        for problem in getattr(exc, "problems", None) or [str(exc)]:
            form.add_error(None, problem)
        return None


def submitted(
    request,
    form,
    call: Callable[[dict], object],
    errors: type[Exception] | tuple,
    success: str | None = None,
    refused: str | None = None,
    *,
    labelled: bool = False,
) -> bool:
    """A posted form: its errors as messages (after their fields' labels when `labelled`), or
    `call(data)` (one service, given a copy of the form's cleaned data) run through `attempt`;
    both in the `refused` template when given. True when it went through."""
    if not form.is_valid():
        flash_errors(request, form, refused, labelled=labelled)
        return False
    return attempt(request, lambda: call(dict(form.cleaned_data)), errors, success, refused)


UPLOAD_ARGUMENTS = {"file": "upload", "files": "uploads"}


def as_arguments(data: dict) -> dict:
    """A form's cleaned data as a service's keyword arguments: the fields by their names, the
    uploaded file(s) as the services call them (`upload`, `uploads`)."""
    return {UPLOAD_ARGUMENTS.get(name, name): value for name, value in data.items()}


PROBLEMS_SHOWN = 100  # a garbage file can have tens of thousands: show the first ones and a count


def problems_listed(exc: RuleError, shown: int = PROBLEMS_SHOWN) -> dict:
    """A refusal with many problems (a file that can't be imported), for a page that lists them:
    the first `shown`, their total and how many more there are."""
    problems = list(exc.problems)
    return {
        "problems": problems[:shown],
        "problems_total": len(problems),
        "problems_more": max(0, len(problems) - shown),
    }
