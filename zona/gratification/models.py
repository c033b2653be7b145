"""Gratification reports to the unit's UPG (Unit Pengendalian Gratifikasi), and the UPG's
periodic recaps to the Inspektorat (with "nihil" when there was nothing)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.cases.workflow import load
from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit

WORKFLOW_FILE = Path(__file__).parent / "data" / "workflow.yaml"


def workflow():
    return load(WORKFLOW_FILE)


class Kind(models.TextChoices):
    RECEIVED = "diterima", _("received")
    REFUSED = "ditolak", _("refused")


class Form(models.TextChoices):
    MONEY = "uang", _("money or its equivalent (voucher, transfer)")
    GOODS = "barang", _("goods")
    FOOD = "makanan", _("food or drink")
    FACILITY = "fasilitas", _("facility (travel, lodging, entertainment)")
    OTHER = "lainnya", _("other")


class Channel(models.TextChoices):
    """How the report reached KPK's reach: through the UPG, or straight to KPK by the receiver
    (recorded here so the UPG knows of it and recaps it)."""

    UPG = "upg", _("through the UPG")
    GOL = "gol", _("directly to KPK on GOL (gol.kpk.go.id)")
    EMAIL = "email", _("directly to KPK by e-mail (pelaporan.gratifikasi@kpk.go.id)")


class Decision(models.TextChoices):
    STATE = "milik_negara", _("property of the state (milik negara)")
    RECEIVER = "milik_penerima", _("property of the receiver (milik penerima)")


class GratificationReport(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=60, unique=True)
    kind = models.CharField(_("received or refused"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("kind of gift"), max_length=30)
    form = models.CharField(_("form"), max_length=20, choices=Form.choices)
    description = models.CharField(_("what it was"), max_length=500)
    value = models.DecimalField(_("estimated value (Rp)"), max_digits=15, decimal_places=0)
    received_on = models.DateField(_("date received or offered"))
    place = models.CharField(_("place"), max_length=300)
    giver_name = models.CharField(_("giver"), max_length=300)
    giver_relationship = models.CharField(_("the giver's relationship to you"), max_length=300)
    occasion = models.CharField(_("reason or occasion"), max_length=500)
    chronology = models.TextField(_("chronology"), max_length=5000)
    handed_over = models.BooleanField(_("handed to the UPG for safekeeping (titipan)"), default=False)
    # what the limits said when it was reported
    must_report = models.BooleanField(default=True)
    rule_applied = models.CharField(max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=30)
    channel = models.CharField(_("reported"), max_length=10, choices=Channel.choices, default=Channel.UPG)
    reported_on = models.DateField(_("reported to the UPG"))
    # The UPG holding the report now (the unit's own, or the UPG above after a sub-UPG passed it
    # on) and the day it received it: the UPG's deadlines run from that day.
    upg_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("UPG")
    )
    upg_received_on = models.DateField(_("received by this UPG"), null=True, blank=True)
    passed_up_on = models.DateField(_("passed to the UPG above"), null=True, blank=True)
    # The UPG's finding at verification: must it reach KPK? (None: not verified yet)
    reportable = models.BooleanField(_("must be reported to KPK"), null=True, blank=True)
    kpk_asked_on = models.DateField(_("KPK asked for completion on"), null=True, blank=True)
    late_to_upg = models.BooleanField(default=False)
    state_due = models.DateField(null=True, blank=True)
    kpk_due = models.DateField(_("due at KPK"))
    incomplete_note = models.CharField(max_length=2000, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    forwarded_on = models.DateField(_("forwarded to KPK"), null=True, blank=True)
    kpk_reference = models.CharField(_("KPK report number"), max_length=100, blank=True)
    decision = models.CharField(_("KPK decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=200, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    handover_proof = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("hand-over proof"),
    )
    closed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("gratification report")
        verbose_name_plural = _("gratification reports")

    def __str__(self) -> str:
        return self.number

    @property
    def holder(self) -> Unit:
        """The unit whose UPG holds the report."""
        return self.upg_unit or self.unit

    @property
    def late_to_kpk(self) -> bool:
        """It reached KPK after the 30 working days from receipt."""
        return self.forwarded_on is not None and self.forwarded_on > self.kpk_due


class Attachment(models.Model):
    report = models.ForeignKey(GratificationReport, on_delete=models.CASCADE, related_name="attachments")
    evidence = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return str(self.evidence)


class ReportEvent(models.Model):
    report = models.ForeignKey(GratificationReport, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    note = models.CharField(max_length=2000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.action}"


class Recap(models.Model):
    """The UPG's recap of a period, sent to the Inspektorat: the reports of the period, or nihil."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    count = models.PositiveIntegerField(_("reports"))
    nihil = models.BooleanField(_("nihil"))
    document = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(_("sent on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["unit", "period_start"], name="one_recap_per_period")]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period_start}–{self.period_end}"
