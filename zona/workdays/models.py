from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .calendar import DAY_OFF, WORKING_DAY


class OverrideKind(models.TextChoices):
    DAY_OFF = DAY_OFF, _("Extra day off")
    WORKING_DAY = WORKING_DAY, _("Working day (holiday cancelled)")


class CalendarOverride(models.Model):
    """A change to the national calendar: a regional or ad-hoc day off, or a cancelled holiday."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.reason}"
