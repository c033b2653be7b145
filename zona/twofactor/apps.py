from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwoFactorConfig(AppConfig):
    name = "zona.twofactor"
    verbose_name = _("Two-factor sign-in")
