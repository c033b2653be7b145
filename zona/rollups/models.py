"""Summary rows the national pages read instead of recomputing: one per unit (its latest LKE
standing, its evidence, its cases) and one per unit and year (its plan's progress, overdue steps,
open findings, last closed cycle; that year's LKE with its scores and gates).

Nothing here is typed by anyone: `services.refresh` computes the rows from the records with the
same selectors the pages used before, a change marks its unit in the same transaction
(`RollupMark`), the mark is cleared by the refresh right after the commit, and any mark left
(a refresh that failed) is refreshed before a page reads."""

from __future__ import annotations

from django.db import models

from zona.lke.models import Assessment
from zona.orgs.models import Unit
from zona.plans.models import Plan


class UnitSummary(models.Model):
    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, primary_key=True, related_name="summary")
    # the unit itself when it is a province, else its nearest province above (None: the national
    # level's own offices); the national table groups by it
    province = models.ForeignKey(Unit, null=True, on_delete=models.SET_NULL, related_name="+")
    # the latest FINAL LKE (zona.lke.states.Standing), and a newer one still under way
    lke_year = models.PositiveSmallIntegerField(null=True)
    lke_total = models.FloatField(null=True)
    lke_level = models.CharField(max_length=10, blank=True)
    lke_provisional = models.BooleanField(default=False)
    lke_final = models.BooleanField(default=False)
    lke_wbk = models.BooleanField(null=True)
    lke_draft_year = models.PositiveSmallIntegerField(null=True)
    # the unit's own evidence of every module
    evidence_verified = models.PositiveIntegerField(default=0)
    evidence_awaiting = models.PositiveIntegerField(default=0)
    # {case kind: {"received", "open", "finished", "on_time"}} for the modules with open figures
    # (refreshed by the worker every hour, not by each change: see services.refresh_cases)
    cases = models.JSONField(default=dict)
    cases_at = models.DateTimeField(null=True)
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"summary of unit {self.unit_id}"


class YearSummary(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="year_summaries")
    year = models.PositiveSmallIntegerField()
    plan = models.ForeignKey(Plan, null=True, on_delete=models.SET_NULL, related_name="+")
    progress = models.FloatField(null=True)  # the plan's, as zona.plans.selectors.plans_progress
    areas = models.JSONField(default=dict)  # {area code: progress}
    overdue = models.PositiveIntegerField(default=0)  # open steps past their due date on `as_of`
    as_of = models.DateField(null=True)
    # the first due date of an open step not overdue on `as_of`: once today passes it, the overdue
    # count moves without any record changing, and the row is refreshed
    next_due = models.DateField(null=True)
    findings = models.PositiveIntegerField(default=0)  # open monev findings of the plan
    last_quarter = models.PositiveSmallIntegerField(null=True)  # the last closed monev cycle
    assessment = models.ForeignKey(Assessment, null=True, on_delete=models.SET_NULL, related_name="+")
    stage = models.CharField(max_length=20, blank=True)
    self_total = models.FloatField(null=True)
    tpi_total = models.FloatField(null=True)
    tpi_provisional = models.BooleanField(default=False)
    # the level the recap shows (the TPI's once every question is reviewed), and its gates
    shown_level = models.CharField(max_length=10, blank=True)
    shown_provisional = models.BooleanField(default=False)
    wbk = models.BooleanField(null=True)  # the WBK predicate's conditions met (None: no score)
    wbbm = models.BooleanField(null=True)
    gates = models.JSONField(default=dict)  # {"wbk": {...}, "wbbm": {...}} as the scores store them

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="rollups_one_row_per_unit_year")]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"summary of unit {self.unit_id}, {self.year}"


class RollupMark(models.Model):
    """A unit whose summaries a change has moved, written in the change's transaction."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, primary_key=True, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"unit {self.unit_id} to refresh"
