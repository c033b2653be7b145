from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "zona.workdays"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from . import services  # noqa: F401  (connects the receivers that keep calendar_scope fresh)
