from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from .calendar import DAY_OFF, WORKING_DAY


class OverrideKind(models.TextChoices):
    DAY_OFF = DAY_OFF, _("Extra day off")
    WORKING_DAY = WORKING_DAY, _("Working day (holiday cancelled)")


# Sent when overrides change without a model signal (QuerySet.update, bulk_update through it,
# bulk_create); with post_save and post_delete, it tells services.calendar_scope that what a
# scope read is stale.
overrides_changed = Signal()


class OverrideQuerySet(models.QuerySet):
    def update(self, **kwargs):
        count = super().update(**kwargs)
        overrides_changed.send(sender=self.model)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        made = super().bulk_create(objs, *args, **kwargs)
        overrides_changed.send(sender=self.model)
        return made


class CalendarOverride(models.Model):
    """A change to the national calendar: a regional or ad-hoc day off, or a cancelled holiday."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OverrideKind.choices)
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OverrideQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar change")
        verbose_name_plural = _("calendar changes")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}: {self.reason}"
