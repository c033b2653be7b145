"""The road's own records: the evaluation calendar of a year (set for a unit or for the units
below it), the unit's own milestones, and each assessment's last forecast (what the national table
reads, so 4,000 units cost a handful of queries)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.lke.models import Assessment
from zona.orgs.models import Unit


class EvaluationCalendar(models.Model):
    """The national cycle of one year as a unit sees it: set on the national office's unit (it
    holds for every unit below) or on a unit for itself and its units (the nearest one counts)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="evaluation_calendars", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    proposal_deadline = models.DateField(_("proposal deadline"))
    tpi_start = models.DateField(_("TPI evaluation from"), null=True, blank=True)
    tpi_end = models.DateField(_("TPI evaluation until"), null=True, blank=True)
    note = models.CharField(_("source or note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("evaluation calendar")
        verbose_name_plural = _("evaluation calendars")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_calendar_per_unit_year"),
            models.CheckConstraint(
                condition=models.Q(tpi_start__isnull=True)
                | models.Q(tpi_end__isnull=True)
                | models.Q(tpi_end__gte=models.F("tpi_start")),
                name="calendar_tpi_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}: {self.proposal_deadline}"


class Milestone(models.Model):
    """A date the unit sets itself on the road (an internal review, a mock TPI visit)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    title = models.CharField(_("milestone"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class ForecastSnapshot(models.Model):
    """An assessment's three scenarios as last computed (forecast.summary): refreshed by the
    worker after a change that moves them, every night and on request (snapshots.py), read by the
    national table."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="forecast_snapshot")
    computed_at = models.DateTimeField()
    summary = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.assessment_id} @ {self.computed_at}"


class QuestionEffort(models.Model):
    """The effort the coordinator puts on raising a question's answer one option up, in place of
    the default (1, plus one per open linked plan step, plus one when evidence is expected)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="efforts")
    ref = models.CharField(_("question"), max_length=40)
    effort = models.PositiveSmallIntegerField(
        _("effort per option up"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "ref"], name="one_effort_per_question"),
            models.CheckConstraint(
                condition=models.Q(effort__gte=1, effort__lte=100), name="effort_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.effort}"


class Sandbox(models.Model):
    """A person's what-if copy of an assessment's answers (ref → answer text): tried, scored and
    thrown away without touching the assessment, its answers, scores or review."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sandboxes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("copied from"), max_length=10)
    answers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "user"], name="one_sandbox_per_user")]

    def __str__(self) -> str:
        return f"sandbox {self.assessment_id} {self.user_id}"


class PathStep(models.Model):
    """A plan step the cheapest path created: the question it raises and the answer it aims at
    (as stored: "B", "3;9", "100%") with that answer's value, an exact fraction ("1/3"). The
    forecast lands the step at this target, and the path counts the improvement as in progress."""

    step = models.OneToOneField(
        "plans.ActionStep", on_delete=models.CASCADE, related_name="road_target", verbose_name=_("plan step")
    )
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="path_steps")
    ref = models.CharField(_("question"), max_length=40)
    target = models.CharField(_("target answer"), max_length=200)
    value = models.CharField(_("target value"), max_length=60)

    def __str__(self) -> str:
        return f"{self.ref} → {self.target}"
