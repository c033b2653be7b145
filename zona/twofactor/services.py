"""Two-factor sign-in: a TOTP authenticator app (enrolled by QR code) and single-use backup codes,
on django-otp's devices.

Superusers and holders of the roles in `TWO_FACTOR_ROLES` (unit admins, WBS recipients and
custodians, UPG officers) must use it: they enrol on their first sign-in. Anyone else may turn it
on, and is then asked for it too. Enrolment, a backup code used and a reset (by a superuser)
are written to the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zona.audit.services import audit_record
from zona.orgs.models import RoleAssignment
from zona.orgs.permissions import TWO_FACTOR_ROLES

BACKUP_CODES = 10
DEVICE_NAME = "authenticator"
BACKUP_NAME = "backup"


def enabled() -> bool:
    """Off only where the operator turned it off (the test suite does, its own tests turn it on)."""
    return getattr(settings, "ZONA_TWO_FACTOR", True)


def required(user) -> bool:
    """Must this person sign in with a second factor?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def must_verify(request) -> bool:
    """A signed-in person who has not yet given the second factor this session and needs to."""
    user = request.user
    if not enabled() or not getattr(user, "is_authenticated", False):
        return False
    if user.is_verified():
        return False
    return required(user) or has_device(user)


def enrol_start(user) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for the QR code (an earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


@transaction.atomic
def enrol_confirm(request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; the backup codes (shown once), or None
    when the code is wrong."""
    if device.user_id != request.user.pk or not device.verify_token((token or "").strip()):
        return None
    TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_renew(request.user)
    otp_login(request, device)
    audit_record(actor=request.user, action="2fa.enrolled", obj=request.user, changes={"device": "totp"})
    return codes


def backup_codes_renew(user) -> list[str]:
    """A new set of single-use backup codes (the old ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, token: str) -> bool:
    """Check a code from the authenticator, or a backup code (used up, and recorded)."""
    token = (token or "").strip().replace(" ", "")
    if not token:
        return False
    user = request.user
    for device in devices_for_user(user, confirmed=True):
        if not device.verify_is_allowed()[0]:
            continue  # throttled after wrong codes: it waits before it checks again
        if device.verify_token(token):
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit_record(
                    actor=user,
                    action="2fa.backup_used",
                    obj=user,
                    changes={"left": device.token_set.count()},
                )
            return True
    return False


@transaction.atomic
def disable(user, *, by) -> None:
    """Turn it off (only for someone who isn't required to use it)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=by, action="2fa.disabled", obj=user)


@transaction.atomic
def reset(user, *, by) -> None:
    """A superuser's reset for someone who lost their authenticator and their backup codes: they
    enrol again at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=by, action="2fa.reset", obj=user)
