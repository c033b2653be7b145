from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.orgs.models import Unit


class PortalSettings(models.Model):
    """What a unit's public page shows about how to reach it (set by the unit admin)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="portal", primary_key=True)
    address = models.CharField(_("office address (walk-in complaints)"), max_length=300, blank=True)
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    whatsapp = models.CharField(_("WhatsApp number"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    links = models.TextField(
        _("other channels"),
        blank=True,
        max_length=2000,
        help_text=_("One per line: name | address (e.g. e-PPID | https://…)"),
    )

    class Meta:
        verbose_name = _("public page settings")
        verbose_name_plural = _("public page settings")

    def __str__(self) -> str:
        return str(self.unit)

    def link_list(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.links.splitlines():
            if "|" in line:
                name, url = (part.strip() for part in line.split("|", 1))
                if url.startswith(("https://", "http://")):
                    pairs.append((name, url))
        return pairs


class OpenStatistics(models.Model):
    """A day's open statistics of a unit (key "unit:<id>") or of the nation ("national"), as
    computed that day (zona/portal/open_stats.py): the page, CSV, JSON and API read it."""

    key = models.CharField(max_length=40)
    day = models.DateField()
    computed_at = models.DateTimeField(auto_now=True)
    data = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="one_open_statistics_a_day")]

    def __str__(self) -> str:
        return f"{self.key} {self.day}"
