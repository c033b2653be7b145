"""Performance accountability (SAKIP): the unit's performance agreement (Perjanjian Kinerja) of a
year, its strategic targets (sasaran) cascaded to teams and individuals, each target's key
performance indicators (IKU) with formula, measure and annual target, and their quarterly
realisation with evidence."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit


class Agreement(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="performance_agreements")
    year = models.PositiveSmallIntegerField(_("year"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    document = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    # The achievement choices of data/formulas.yaml the unit made (option → choice); what is
    # missing is the default. See rules.py.
    formulas = models.JSONField(_("achievement formulas"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_agreement_a_year")]
        verbose_name = _("performance agreement")

    def __str__(self) -> str:
        return f"PK {self.unit} {self.year}"

    @property
    def signed(self) -> bool:
        """Signed by the head and the superior (PermenPAN-RB 53/2014): only then are its targets
        the unit's agreed targets."""
        return self.signed_on is not None


class Level(models.TextChoices):
    UNIT = "unit", _("unit")
    TEAM = "tim", _("team")
    PERSON = "individu", _("individual")


class Target(models.Model):
    """A strategic target of the unit (level "unit"), or its cascade to a team or a person."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="targets")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.UNIT)
    holder = models.CharField(_("held by (team or position)"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=20)
    text = models.CharField(_("target (sasaran)"), max_length=500)

    class Meta:
        ordering = ["agreement", "code", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class Direction(models.TextChoices):
    UP = "naik", _("higher is better")
    DOWN = "turun", _("lower is better")


class Aggregation(models.TextChoices):
    LATEST = "terakhir", _("the latest quarter (cumulative figure)")
    SUM = "jumlah", _("the sum of the quarters")


class Indicator(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("indicator (IKU)"), max_length=500)
    formula = models.CharField(_("formula"), max_length=1000, blank=True)
    measure = models.CharField(_("unit of measure"), max_length=50)
    annual_target = models.DecimalField(_("annual target"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.UP
    )
    aggregation = models.CharField(
        _("year's realisation"), max_length=10, choices=Aggregation.choices, default=Aggregation.LATEST
    )
    last_year = models.DecimalField(
        _("last year's realisation"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["target", "code", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:60]}"


class Realisation(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    value = models.DecimalField(_("realisation"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    evidence = models.ForeignKey(
        EvidenceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="one_realisation_a_quarter")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} TW{self.quarter}: {self.value}"
