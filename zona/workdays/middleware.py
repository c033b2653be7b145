"""Each request reads the calendar's overrides once, however many deadlines it computes
(services.calendar_scope; a change to the overrides during the request is seen at once)."""

from __future__ import annotations

from .services import calendar_scope


class CalendarScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with calendar_scope():
            return self.get_response(request)
