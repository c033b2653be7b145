"""The SPIP risk register (Daftar Risiko) of a unit per year: risks with their inherent and
residual assessment, the control plan (RTP) and its quarterly realisation in the monev cycles;
which risk-level matrix the unit's Inspektorat chose, and every level a matrix change replaced."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.monev.models import MonevCycle
from zona.orgs.models import Unit

from .matrix import scheme

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class MatrixChoice(models.Model):
    """The matrix the Inspektorat chose for the unit from a date (the latest one holds)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    matrix = models.CharField(_("matrix"), max_length=40)
    chosen_on = models.DateField(_("chosen on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.matrix} {self.chosen_on}"


class Register(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="risk_registers")
    year = models.PositiveSmallIntegerField(_("year"))
    matrix = models.CharField(_("matrix"), max_length=40)  # the levels below are read from it
    established_on = models.DateField(_("established on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_risk_register_a_year")]
        verbose_name = _("risk register")
        verbose_name_plural = _("risk registers")

    def __str__(self) -> str:
        return f"Daftar Risiko {self.unit} {self.year}"


class Source(models.TextChoices):
    INTERNAL = "internal", _("internal")
    EXTERNAL = "external", _("external")


class Risk(models.Model):
    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="risks")
    code = models.CharField(_("risk code"), max_length=30)
    objective = models.CharField(_("objective (sasaran)"), max_length=500)
    process = models.CharField(_("activity or process"), max_length=500, blank=True)
    statement = models.CharField(_("risk statement"), max_length=1000)
    cause = models.CharField(_("cause"), max_length=1000, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.INTERNAL)
    consequence = models.CharField(_("impact (what happens)"), max_length=1000, blank=True)
    category = models.CharField(_("category"), max_length=60, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("risk owner"),
    )
    owner_title = models.CharField(_("risk owner (position)"), max_length=200, blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=SCALE)
    controls = models.TextField(_("existing controls"), max_length=2000, blank=True)
    controls_adequate = models.BooleanField(_("existing controls adequate"), default=False)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True, validators=SCALE
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=SCALE
    )
    inherent_level = models.PositiveSmallIntegerField(_("inherent level"))
    residual_level = models.PositiveSmallIntegerField(_("residual level"), null=True, blank=True)

    class Meta:
        ordering = ["register", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["register", "code"], name="one_risk_code_per_register")
        ]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:60]}"

    @property
    def inherent_band(self) -> str:
        return scheme().band(self.inherent_level).key


class LevelChange(models.Model):
    """A level replaced when the matrix changed (or the assessment was revised): kept."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="level_history")
    matrix = models.CharField(max_length=40)
    inherent_level = models.PositiveSmallIntegerField()
    residual_level = models.PositiveSmallIntegerField(null=True)
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    residual_likelihood = models.PositiveSmallIntegerField(null=True)
    residual_impact = models.PositiveSmallIntegerField(null=True)
    reason = models.CharField(max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.risk_id} {self.matrix} {self.inherent_level}"


class ControlAction(models.Model):
    """An item of the control plan (RTP, Rencana Tindak Pengendalian)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    response = models.CharField(_("response"), max_length=20)
    activity = models.CharField(_("control activity"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person in charge"),
    )
    owner_title = models.CharField(_("person in charge (position)"), max_length=200, blank=True)
    target_text = models.CharField(_("target period"), max_length=100, blank=True)
    target_start = models.DateField(null=True, blank=True)
    target_end = models.DateField(_("due"), null=True, blank=True)
    output = models.CharField(_("output indicator"), max_length=500, blank=True)

    class Meta:
        ordering = ["risk", "id"]
        verbose_name = _("control action (RTP)")
        verbose_name_plural = _("control actions (RTP)")

    def __str__(self) -> str:
        return self.activity[:80]


class Progress(models.TextChoices):
    NOT_STARTED = "belum", _("not started")
    ONGOING = "berjalan", _("ongoing")
    DONE = "selesai", _("done")


class Realisation(models.Model):
    """What was done of a control action in a quarter, reported in that quarter's monev cycle."""

    action = models.ForeignKey(ControlAction, on_delete=models.CASCADE, related_name="realisations")
    cycle = models.ForeignKey(MonevCycle, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Progress.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    note = models.CharField(_("what was done"), max_length=2000, blank=True)
    evidence = models.ForeignKey(
        EvidenceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["action", "cycle__quarter"]
        constraints = [models.UniqueConstraint(fields=["action", "cycle"], name="one_realisation_per_cycle")]

    def __str__(self) -> str:
        return f"{self.action} TW{self.cycle.quarter}"
