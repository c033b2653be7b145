"""Creating, revoking and checking personal access tokens. A token reads `zona_<prefix>_<secret>`
and is shown once; Zona keeps its SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zona.audit.services import audit_record
from zona.lib.errors import RuleError

from .models import ApiToken

MAX_DAYS = 365


class TokenError(RuleError):
    pass


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, days: int) -> tuple[ApiToken, str]:
    if not name.strip():
        raise TokenError(_("Name the token (what it is for)."))
    if not 1 <= days <= MAX_DAYS:
        raise TokenError(_("A token lasts 1 to %(n)s days.") % {"n": MAX_DAYS})
    prefix = secrets.token_hex(4)
    plain = f"zona_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=prefix, digest=_digest(plain),
        expires_at=timezone.now() + timedelta(days=days),
    )  # fmt: skip
    audit_record(actor=user, action="api.token_created", obj=token, unit=None, changes={"name": token.name})
    return token, plain


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=by, action="api.token_revoked", obj=token, unit=None, changes={"name": token.name})


def token_user(plain: str) -> ApiToken | None:
    """The live token for a presented value, or None (unknown, revoked, expired, inactive user)."""
    if not plain.startswith("zona_") or len(plain) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(plain)).first()
    now = timezone.now()
    if token is None or token.revoked_at or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
