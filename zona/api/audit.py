"""API tokens are never in the field-level trail: a token's digest opens its owner's account.
Creating and revoking one are events in Zona's own log, by name only."""

from zona.audit.registry import never

from .models import ApiToken

never(ApiToken, why="a personal access token's digest and prefix")
