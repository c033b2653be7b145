"""Entries of the recap registers (training hours, disciplinary cases, rotation, SKP results,
employee data updates, LHKPN/LHKASN, the helpdesk guest book, services simplified): one row per
entry, its fields as the register type defines them, placed in a year (and a day where the type
is dated); and the unit's number of employees each year, the denominator of the training figure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.orgs.models import Unit


class Entry(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="register_entries")
    kind = models.CharField(_("register"), max_length=40)  # a key of data/types.yaml
    year = models.PositiveSmallIntegerField(_("year"))
    day = models.DateField(_("date"), null=True, blank=True)
    values = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "kind", "day", "id"]
        indexes = [models.Index(fields=["kind", "year", "unit"], name="register_entry_kind_year")]
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.year} #{self.pk}"


class Headcount(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    employees = models.PositiveIntegerField(_("number of employees"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_headcount_a_year")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.employees}"


class NilDeclaration(models.Model):
    """ "Nihil": the unit declares that a register has nothing for a year (no disciplinary violation
    in year N), who declared it and when, with an optional file. A year with neither entries nor
    a declaration is no data, never zero; a declaration is refused for a year with entries."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("register"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    evidence = models.ForeignKey(
        "evidence.EvidenceItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "year"], name="one_nil_a_register_year")
        ]
        verbose_name = _("nil declaration")

    def __str__(self) -> str:
        return f"nihil {self.kind} {self.unit_id} {self.year}"
