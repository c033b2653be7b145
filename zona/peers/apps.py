"""A unit among its peers (percentiles per figure) and the early-warning list of a province or
the nation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "zona.peers"
    verbose_name = _("Peers and early warning")

    def ready(self) -> None:
        from django.core import checks

        from . import export_kinds  # noqa: F401 - the early-warning list as a background export
        from .rules import check_thresholds

        checks.register(check_thresholds)
