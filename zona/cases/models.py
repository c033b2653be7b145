"""The shared case engine: numbered cases per unit and year, a secret tracking code for the
citizen, states from a workflow file, deadlines from the working-day calendar, assignment,
messages, attachments and a timeline. Case modules (complaints, PPID, …) add a 1:1 detail model."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.lib.text import safe_filename
from zona.orgs.models import Unit, unit_scope_q


class CaseCounter(models.Model):
    """The last number given per module, unit and year (locked while a number is taken)."""

    kind = models.CharField(max_length=20)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "unit", "year"], name="one_counter")]

    def __str__(self) -> str:
        return f"{self.kind} {self.unit_id} {self.year}: {self.last}"


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user, roles: set[str] | None = None) -> CaseQuerySet:
        return self.filter(unit_scope_q(user, roles=roles))


class Case(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cases", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(_("number"), max_length=80, unique=True)
    tracking_hash = models.CharField(max_length=64)
    # HMAC of the public form's token: a resubmission of the same form finds this case.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    state = models.CharField(_("status"), max_length=30)
    state_since = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)  # the current state's deadline
    channel = models.CharField(_("channel"), max_length=20)
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    reporter_name = models.CharField(_("name"), max_length=150, blank=True)
    reporter_contact = models.CharField(_("contact (e-mail or phone)"), max_length=150, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    confidential = models.BooleanField(_("keep my identity confidential"), default=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
        verbose_name=_("officer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "unit", "year", "seq"], name="one_case_number")
        ]
        indexes = [models.Index(fields=["kind", "unit", "state"]), models.Index(fields=["due_on"])]

    def __str__(self) -> str:
        return self.number


class CaseEvent(models.Model):
    """The timeline: every transition, assignment and message, with who and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    reason = models.TextField(blank=True, max_length=5000)
    public = models.BooleanField(default=True)  # shown on the citizen's tracking page

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class Sender(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    OFFICER = "officer", _("Officer")


class CaseMessage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("message"), max_length=5000)
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.sender}"


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    return f"cases/{instance.case.unit.code}/{uuid.uuid4().hex}{instance.extension}"


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    extension = models.CharField(max_length=10)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    mime = models.CharField(max_length=120)
    sender = models.CharField(max_length=10, choices=Sender.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        """The original name with the extension of the type its content was recognised as."""
        return safe_filename(self.original_name, self.extension)
