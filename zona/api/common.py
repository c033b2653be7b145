"""What every app's API module shares: the token's authentication, its rate limit, the bounded
pages, the scope of units the token's owner sees, and the input schema that refuses NUL text.
Each app's `api.py` builds its router from these; zona/api/api.py mounts the routers."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer
from ninja.throttling import AuthRateThrottle
from pydantic import model_validator

from zona.orgs.models import Unit

from .tokens import token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        found = token_user(token)
        if found is None:
            return None
        request.user = found.user  # the selectors read request.user, as on the pages
        return found


class Pages(LimitOffsetPagination):
    """`limit` (1–1000, 100 by default) and `offset` rows, both bounded: a number too large for
    the database is refused as a bad request, never passed on."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=10**9)

    def __init__(self, **kwargs):
        super().__init__(max_limit=1000, **kwargs)


class TokenThrottle(AuthRateThrottle):
    """One request budget per token (`ZONA_API_RATE`, read at each request)."""

    def __init__(self):
        super().__init__(settings.ZONA_API_RATE)

    def allow_request(self, request) -> bool:
        if self.rate != settings.ZONA_API_RATE:
            self.rate = settings.ZONA_API_RATE
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class In(Schema):
    """What a client sends: no text may hold a NUL character (PostgreSQL refuses one)."""

    @model_validator(mode="after")
    def _no_nul(self):
        if any(isinstance(v, str) and "\x00" in v for v in self.__dict__.values()):
            raise ValueError("text may not hold a NUL character")
        return self


def user(request):
    """The token's owner."""
    return request.auth.user


def unit_scope(request, unit: str | None):
    """The units the token's owner sees, narrowed to one unit and the units below it."""
    units = Unit.objects.visible_to(user(request))
    if unit:
        top = units.filter(code=unit).first()
        if top is None:
            raise Http404
        units = units.filter(path__startswith=top.path)
    return units


def check_year(year: int | None) -> int | None:
    if year is not None and not 2000 <= year <= 2100:
        raise HttpError(422, "the year is between 2000 and 2100")
    return year


def as_float(value) -> float | None:
    return None if value is None else float(value)
