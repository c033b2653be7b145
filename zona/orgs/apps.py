from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "zona.orgs"
    verbose_name = _("Units and roles")
