"""The second factor's devices are never in the field-level trail: they hold the TOTP secret and
the backup codes."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zona.audit.registry import never

never(TOTPDevice, StaticDevice, StaticToken, why="the second factor's secret key and backup codes")
