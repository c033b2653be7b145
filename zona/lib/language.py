"""The language of the pages: the person's own choice or Zona's default, Indonesian.

Django's LocaleMiddleware also follows the browser's Accept-Language, so a browser set to
English got English pages nobody asked for (docs/decisions/0003-language-is-chosen.md). Here
only the language switcher's cookie (written by Django's `set_language` view) changes it."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def chosen_language(request) -> str:
    """The switcher's choice when it names a language Zona has, else the default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if code:
        try:
            return translation.get_supported_language_variant(code[:20])
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """In LocaleMiddleware's place: activates `chosen_language` for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
