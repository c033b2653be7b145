from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalConfig(AppConfig):
    name = "zona.proposal"
    verbose_name = _("Proposal package")

    def ready(self) -> None:
        from . import export_kinds  # noqa: F401 - registers the package's background build
