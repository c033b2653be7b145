"""A unit's LKE self-assessment for a year, its answers per review level, and frozen submissions.

Levels: the unit's self-assessment (mandiri) and the internal reviewer's (TPI). A submission
freezes one level's answers and scores; the TPI may send the assessment back for revision.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit, unit_scope_q


def person(**options) -> models.ForeignKey:
    """Who did something: kept as nobody when the account is deleted, no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", **options
    )


class Level(models.TextChoices):
    SELF = "mandiri", _("Self-assessment")
    TPI = "tpi", _("TPI review")


class Stage(models.TextChoices):
    SELF = "mandiri", _("Self-assessment")
    REVIEW = "reviu", _("TPI review")
    RETURNED = "revisi", _("Returned for revision")
    FINAL = "final", _("Final")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user) -> AssessmentQuerySet:
        return self.filter(unit_scope_q(user))


class Assessment(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    instrument_urn = models.CharField(_("instrument"), max_length=200)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.SELF)
    # WBBM needs a WBK already awarded: proved by its decree (number, date, the file as evidence).
    wbk_decree_number = models.CharField(_("WBK decree number"), max_length=200, blank=True)
    wbk_decree_date = models.DateField(_("WBK decree date"), null=True, blank=True)
    wbk_decree = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("WBK decree (file)"),
    )
    options = models.JSONField(_("instrument options"), default=dict, blank=True)
    # Each level's latest scores (scoring.as_json), kept by the services that change answers,
    # so recaps over hundreds of units read them instead of rescoring.
    scores = models.JSONField(default=dict, blank=True, editable=False)
    created_by = person()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = _("LKE assessment")
        verbose_name_plural = _("LKE assessments")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_assessment_per_unit_year")]

    def __str__(self) -> str:
        return f"LKE {self.unit.code} {self.year}"

    @property
    def holds_wbk(self) -> bool:
        """The unit already holds the WBK predicate, proved by the decree that awarded it."""
        return bool(self.wbk_decree_number and self.wbk_decree_date and self.wbk_decree_id)

    def editable_level(self) -> str | None:
        """Which level's answers may change now: the unit's while it works, the TPI's in review."""
        if self.stage in (Stage.SELF, Stage.RETURNED):
            return Level.SELF
        if self.stage == Stage.REVIEW:
            return Level.TPI
        return None


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    ref = models.CharField(_("question"), max_length=40)
    value = models.CharField(
        _("answer"), max_length=200, help_text=_("A choice (Ya, A…) or numbers joined by ;")
    )
    justification = models.TextField(_("justification"), blank=True, max_length=5000)
    note = models.TextField(_("reviewer's note"), blank=True, max_length=5000)
    returned = models.BooleanField(_("sent back for revision"), default=False)
    # Copied from last year's LKE: it claims nothing for this year until the unit confirms it.
    carried_over = models.BooleanField(_("carried over, to be confirmed"), default=False)
    effective_date = models.DateField(_("effective date of the evidence"), null=True, blank=True)
    suggested_value = models.CharField(_("suggested answer"), max_length=200, blank=True)
    suggestion_source = models.CharField(_("source of the suggestion"), max_length=500, blank=True)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="lke_answers")
    answered_by = person()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "level", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "level", "ref"], name="one_answer_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.value}"


class Submission(models.Model):
    """A frozen level: its answers and scores as they were when submitted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="submissions")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    round = models.PositiveSmallIntegerField(_("round"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Stage.choices)
    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    note = models.TextField(blank=True, max_length=5000)
    submitted_by = person()
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "level", "round"], name="one_submission_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.level} #{self.round}"


class QuestionLink(models.Model):
    """An LKE question tied to a plan indicator: suggested by area and keywords, confirmed by the
    coordinator."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="links")
    ref = models.CharField(max_length=40)
    indicator = models.ForeignKey("plans.Indicator", on_delete=models.CASCADE, related_name="lke_links")
    confirmed = models.BooleanField(default=False)
    confirmed_by = person(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "ref", "indicator"], name="one_link")]

    def __str__(self) -> str:
        return f"{self.ref} → {self.indicator_id}"
