"""The national evaluation cycle of a unit for a year (its stages with their dates and outcomes,
the TPI team that evaluates it, the TPN's survey figures), the predicates awarded with their
decree and their revocations, and the TPI's confirmation tasks for integrity incidents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment
from zona.orgs.models import Unit, unit_scope_q


def person(**options) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", **options
    )


class TpiTeam(models.Model):
    """A team of internal evaluators (TPI) for a year, assigned to units when the year opens."""

    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("team"), max_length=120)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="tpi_teams")
    created_by = person()

    class Meta:
        ordering = ["year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="one_tpi_team_name_per_year")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class EntryQuerySet(models.QuerySet["Entry"]):
    def visible_to(self, user) -> EntryQuerySet:
        return self.filter(unit_scope_q(user))


class Entry(models.Model):
    """A unit's place in the year's national cycle: the stage it has reached."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cycle_entries", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="cycle_entry")
    tpi_team = models.ForeignKey(
        TpiTeam,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        verbose_name=_("TPI team"),
    )
    stage = models.CharField(_("stage"), max_length=30)
    stage_on = models.DateField(_("stage date"))
    opened_by = person()
    opened_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_cycle_entry_per_unit_year")]
        indexes = [models.Index(fields=["year", "stage"])]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}: {self.stage}"


class StageRecord(models.Model):
    """One stage reached, with its date, outcome and notes (the history of the unit's year)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="records")
    stage = models.CharField(_("stage"), max_length=30)
    outcome = models.CharField(_("outcome"), max_length=30, blank=True)
    on = models.DateField(_("date"))
    note = models.TextField(_("notes"), blank=True, max_length=5000)
    recorded_by = person()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "id"]  # the order recorded

    def __str__(self) -> str:
        return f"{self.entry_id} {self.stage} {self.outcome}"


class TpnFigures(models.Model):
    """The external survey's indexes as the national team (TPN) gives them (0–4): they replace
    the unit's own stand-in in the LKE's score and gates."""

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, related_name="tpn_figures")
    ipak = models.DecimalField(_("IPAK (TPN)"), max_digits=4, decimal_places=2)
    ipkp = models.DecimalField(_("IPKP (TPN)"), max_digits=4, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = person()
    entered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.entry_id}: IPAK {self.ipak}, IPKP {self.ipkp}"


class Kind(models.TextChoices):
    WBK = "WBK", "WBK"
    WBBM = "WBBM", "WBBM"


class Predicate(models.Model):
    """A predicate awarded to a unit, proved by its decree (number, date, the file as evidence)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="predicates", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year of the evaluation"))
    kind = models.CharField(_("predicate"), max_length=4, choices=Kind.choices)
    decree_number = models.CharField(_("decree number"), max_length=200)
    decree_date = models.DateField(_("decree date"))
    decree = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("decree (file)")
    )
    awarded_by = person()
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="one_predicate_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit.code} {self.year}"


class Revocation(models.Model):
    """KemenPAN-RB's revocation of a predicate, with its reason and the decree or announcement."""

    predicate = models.OneToOneField(Predicate, on_delete=models.PROTECT, related_name="revocation")
    on = models.DateField(_("revoked on"))
    reason = models.TextField(_("reason"), max_length=5000)
    basis = models.CharField(_("decree or announcement"), max_length=300)
    revoked_by = person()
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.predicate} revoked {self.on}"


class TaskState(models.TextChoices):
    OPEN = "open", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed as an integrity incident")
    DISMISSED = "dismissed", _("Not an integrity incident")


class IncidentTask(models.Model):
    """The TPI's task to confirm an integrity incident the APIP marked on a WBS report or a
    complaint. It names the unit and the channel only, never the report's content."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    source = models.CharField(_("channel"), max_length=20)  # the case kind or "wbs"
    source_id = models.PositiveBigIntegerField()
    marked_on = models.DateField(_("marked on"))
    due_on = models.DateField(_("due on"))
    state = models.CharField(_("status"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    note = models.TextField(_("TPI's note"), blank=True, max_length=5000)
    decided_by = person()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="one_incident_task")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.source} {self.due_on}"
