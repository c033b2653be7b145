"""The ZI work plan (Rencana Kerja Pembangunan ZI), as set by the unit's decree.

Plan → six areas (Lampiran I priorities) → components → indicators (with the evidence required
and the target period) → action steps (langkah aksi). Progress is derived (see progress.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.evidence.models import Status as EvidenceStatus
from zona.orgs.models import Unit, unit_scope_q


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ESTABLISHED = "ditetapkan", _("Established (ditetapkan)")


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user) -> PlanQuerySet:
        return self.filter(unit_scope_q(user))

    def published(self) -> PlanQuerySet:
        return self.filter(status=PlanStatus.ESTABLISHED)


class Plan(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    decree_number = models.CharField(_("decree number"), max_length=200, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    decree_unit = models.CharField(_("issuing office"), max_length=300, blank=True)
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    established_at = models.DateTimeField(_("established at"), null=True, blank=True)
    source_name = models.CharField(_("imported from"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_plan_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}"

    @property
    def is_established(self) -> bool:
        return self.status == PlanStatus.ESTABLISHED


class PlanArea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("area"), max_length=4)  # I..VI, see areas.json
    name = models.CharField(_("name"), max_length=200)
    priorities = models.JSONField(_("priority targets (Lampiran I)"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="one_area_per_plan")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Component(models.Model):
    area = models.ForeignKey(PlanArea, on_delete=models.CASCADE, related_name="components")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("component"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area", "order"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def visible_to(self, user) -> IndicatorQuerySet:
        return self.filter(unit_scope_q(user, prefix="component__area__plan__unit__"))

    def with_progress_facts(self) -> IndicatorQuerySet:
        """Annotate step counts and whether any linked evidence is verified (no N+1)."""
        steps = ActionStep.objects.filter(indicator=OuterRef("pk")).order_by().values("indicator")
        return self.annotate(
            steps_total=Coalesce(
                Subquery(steps.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
            ),
            steps_done=Coalesce(
                Subquery(
                    steps.filter(done_at__isnull=False).annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                0,
            ),
            has_verified=Exists(
                Indicator.evidence.through.objects.filter(
                    indicator=OuterRef("pk"), evidenceitem__status=EvidenceStatus.VERIFIED
                )
            ),
        )


class Indicator(models.Model):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="indicators")
    text = models.TextField(_("indicator"), max_length=2000)
    evidence_text = models.TextField(_("evidence required (bukti fisik)"), blank=True, max_length=2000)
    target_text = models.CharField(_("target period"), max_length=200, blank=True)
    target_start = models.DateField(_("target start"), null=True, blank=True)
    target_end = models.DateField(_("target end"), null=True, blank=True)
    pic_text = models.CharField(_("person in charge (as written)"), max_length=300, blank=True)
    # The LKE question the indicator serves (A.I.1.i.a), when the plan was written per question;
    # the LKE treats it as a confirmed link.
    lke_ref = models.CharField(_("LKE question"), max_length=40, blank=True, db_index=True)
    # Quantitative sub-rows the plan lists under the indicator ("Jumlah agen perubahan").
    measures = models.JSONField(_("measures"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    evidence = models.ManyToManyField(
        EvidenceItem, blank=True, related_name="indicators", verbose_name=_("evidence")
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["component", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_start__isnull=True) | Q(target_end__gte=models.F("target_start")),
                name="indicator_target_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.text[:120]


class StepStatus(models.TextChoices):
    """A step's state, set on the plan page or by a monev report (one status per step)."""

    NOT_STARTED = "belum_mulai", _("Not started")
    RUNNING = "berjalan", _("In progress")
    DONE = "selesai", _("Done")
    BLOCKED = "terkendala", _("Blocked")


class ActionStepQuerySet(models.QuerySet["ActionStep"]):
    def with_due(self) -> ActionStepQuerySet:
        """Each step's `due` date: its own when it has one, else its indicator's target end."""
        return self.annotate(due=Coalesce("due_on", "indicator__target_end"))


class ActionStep(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("action step"), max_length=2000)
    order = models.PositiveSmallIntegerField(default=0)
    pic = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps",
        verbose_name=_("person in charge"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The one status and progress of the step: the plan page and the monev reports both write
    # them through services.step_set_state; "selesai" is 100 % and sets done_at.
    status = models.CharField(
        _("status"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Evidence attached to the step (in a monev report); it is linked to the indicator as well.
    evidence = models.ManyToManyField(
        EvidenceItem, blank=True, related_name="action_steps", verbose_name=_("evidence")
    )
    # A step added later with its own date (a survey follow-up); else the indicator's target counts.
    due_on = models.DateField(_("due"), null=True, blank=True)

    objects = ActionStepQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "order"]
        indexes = [models.Index(fields=["pic", "done_at"])]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def due_date(self):
        """Its own date, else the indicator's target end (querysets: `with_due()` gives `due`)."""
        return self.due_on or self.indicator.target_end


class ImportMapping(models.Model):
    """How a unit's files name their columns (field → column header), kept when the user mapped
    them, and offered again when a file with the same header row comes back."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="import_mappings")
    signature = models.CharField(max_length=500)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        constraints = [models.UniqueConstraint(fields=["unit", "signature"], name="one_mapping_per_header")]

    def __str__(self) -> str:
        return f"{self.unit.code}: {self.signature[:60]}"


class PlanSnapshot(models.Model):
    """A plan's whole tree, kept when an import (or a restore) replaced it: `zona plan-snapshots`
    lists them, `zona restore-plan-snapshot` puts one back."""

    class Reason(models.TextChoices):
        IMPORT = "import", _("replaced by an import")
        RESTORE = "restore", _("replaced by restoring a snapshot")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="plan_snapshots")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    tree = models.JSONField(default=dict, editable=False)
    counts = models.JSONField(default=dict, editable=False)  # areas, components, indicators, actions
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who replaced the plan, as a name: the account on the web, the system user on the command line.
    taken_by_name = models.CharField(_("taken by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("plan snapshot")
        verbose_name_plural = _("plan snapshots")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year} ({self.taken_at:%Y-%m-%d %H:%M})"
