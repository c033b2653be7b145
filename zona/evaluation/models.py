"""The TPI's tiered evaluation of one LKE assessment and the evaluators' requests.

- `TeamMember`: a person evaluating the assessment in one tier (their reviewer role on the unit
  itself lets them read its evidence; nothing beyond).
- `TierAnswer`: a tier's answer to one question, with its note and its score (the answer's value).
- `TierApproval`: a tier's approval of its answers, with a copy of them; cancelled (who, when, why)
  when an answer at or below the tier changes; released to the unit by the tier.
- `InformationRequest`: a request for data or information on a question, due in working days:
  open → answered → accepted / rejected.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zona.evidence.models import EvidenceItem
from zona.lke.models import Assessment


def person(**options) -> models.ForeignKey:
    """Who did something: kept as nobody when the account is deleted, no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", **options
    )


class TeamMember(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tpi_seats")
    tier = models.CharField(_("tier"), max_length=20)
    added_by = person()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "tier", "user__username"]
        constraints = [models.UniqueConstraint(fields=["assessment", "user"], name="one_tier_per_person")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.tier}: {self.user}"


class TierAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="tier_answers")
    tier = models.CharField(_("tier"), max_length=20)
    ref = models.CharField(_("question"), max_length=40)
    value = models.CharField(_("answer"), max_length=200)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=4)  # the answer's value, 0–1
    answered_by = person()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "tier", "ref"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "tier", "ref"], name="one_answer_per_tier")
        ]

    def __str__(self) -> str:
        return f"{self.tier} {self.ref}: {self.value}"


class TierApproval(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="tier_approvals")
    tier = models.CharField(_("tier"), max_length=20)
    answers = models.JSONField(default=dict)  # ref → value, note, score, as approved
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2)
    approved_by = person()
    approved_at = models.DateTimeField(auto_now_add=True)
    cancelled_by = person(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True, max_length=5000)
    released_by = person(blank=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "tier"],
                condition=models.Q(cancelled_at__isnull=True),
                name="one_standing_approval_per_tier",
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.tier} ✓"

    @property
    def standing(self) -> bool:
        return self.cancelled_at is None


class RequestState(models.TextChoices):
    OPEN = "open", pgettext_lazy("information request", "Open")
    ANSWERED = "answered", pgettext_lazy("information request", "Answered")
    ACCEPTED = "accepted", pgettext_lazy("information request", "Accepted")
    REJECTED = "rejected", pgettext_lazy("information request", "Rejected")


class RequestKind(models.TextChoices):
    MISSING = "missing", _("Missing evidence")
    WRONG = "wrong", _("Wrong evidence")
    QUESTION = "question", _("Question for the unit")


class InformationRequest(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="requests")
    ref = models.CharField(_("question"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    text = models.TextField(_("request"), max_length=5000)
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.OPEN
    )
    raised_by = person()
    raised_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="information_requests")
    answered_by = person(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("reviewer's note"), blank=True, max_length=5000)
    decided_by = person(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_before = models.DateField(null=True, blank=True, editable=False)
    reminded_after = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["state", "due_date"])]
        verbose_name = _("request for information")
        verbose_name_plural = _("requests for information")

    def __str__(self) -> str:
        return f"{self.assessment} {self.ref} ({self.state})"
