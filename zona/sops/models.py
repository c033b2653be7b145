"""The unit's SOP register: each SOP with its business process and its versions (number,
approval date, signer, the signed file, the next review date), the reviews (tetap / revisi /
cabut) and the reminders sent before and after a review falls due (each once)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit


class Sop(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sops")
    title = models.CharField(_("title"), max_length=300)
    process = models.CharField(_("business process"), max_length=300, blank=True)
    is_service = models.BooleanField(_("public service SOP (published on the portal)"), default=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "title"]
        verbose_name = _("SOP")
        verbose_name_plural = _("SOPs")

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    code = models.CharField(_("SOP number"), max_length=100)
    approved_on = models.DateField(_("approved on"))
    signer = models.CharField(_("signed by"), max_length=200)
    document = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="+")
    review_due = models.DateField(_("next review"))
    note = models.CharField(_("what changed"), max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sop", "-number"]
        constraints = [models.UniqueConstraint(fields=["sop", "number"], name="one_sop_version_number")]

    def __str__(self) -> str:
        return f"{self.code} v{self.number}"


class Result(models.TextChoices):
    KEEP = "tetap", _("tetap (unchanged)")
    REVISE = "revisi", _("revisi (to be revised)")
    WITHDRAW = "cabut", _("cabut (withdrawn)")


class Review(models.Model):
    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    reviewers = models.CharField(_("reviewers"), max_length=500)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    note = models.CharField(_("findings"), max_length=2000, blank=True)
    minutes = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("minutes"),
    )
    next_due = models.DateField(_("next review"), null=True, blank=True)  # after "tetap"
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sop", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.sop} {self.reviewed_on} {self.result}"


class Reminder(models.Model):
    """A reminder sent for a due date: once before ("upcoming") and once after ("overdue")."""

    sop = models.ForeignKey(Sop, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    kind = models.CharField(max_length=10)  # upcoming | overdue
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sop", "due_on", "kind"], name="one_sop_reminder")]

    def __str__(self) -> str:
        return f"{self.sop_id} {self.due_on} {self.kind}"
