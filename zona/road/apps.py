from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadConfig(AppConfig):
    name = "zona.road"
    verbose_name = _("Road to the predicate")
