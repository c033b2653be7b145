"""The whistleblowing system's records. Every field a reporter wrote, every message and file
is stored encrypted (see crypto.py); what is in the clear is only what the recipients' work
needs: the unit, the state, dates (no times for what the reporter does) and the deadlines.

None of these models is registered in the admin site, and the generic audit log never names a
report: the zone keeps its own trail (ReportEvent)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.cases.workflow import load
from zona.orgs.models import Unit

WORKFLOW_FILE = Path(__file__).parent / "data" / "workflow.yaml"


def workflow():
    return load(WORKFLOW_FILE)


class Installation(models.Model):
    """One row: the salt and cost of the receipt-code hash, and the escrow public key. None of
    it is secret; the salt stops a table computed for another installation from working here."""

    salt = models.BinaryField()
    ops = models.PositiveIntegerField()
    mem = models.PositiveBigIntegerField()
    escrow_public = models.BinaryField(null=True, blank=True)
    escrow_set_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return "WBS installation"


class RecipientKey(models.Model):
    """A recipient's or custodian's key pair: the public half in the clear, the private half
    encrypted under their passphrase."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wbs_key")
    public = models.BinaryField()
    wrapped = models.BinaryField()
    salt = models.BinaryField()
    ops = models.PositiveIntegerField()
    mem = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"WBS key of {self.user}"


class Report(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("number"), max_length=60, unique=True)
    state = models.CharField(_("state"), max_length=40)
    received_on = models.DateField(_("received"))
    state_since = models.DateField()
    state_due = models.DateField(null=True, blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    feedback_due = models.DateField(null=True, blank=True)
    feedback_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    retain_until = models.DateField(null=True, blank=True)
    retention_reminded_on = models.DateField(null=True, blank=True)
    lookup = models.CharField(max_length=64, unique=True)  # the receipt code's argon2id hash
    reporter_key = models.BinaryField()  # the data key, wrapped under the receipt-derived key
    content = models.BinaryField()  # the 4W1H answers, encrypted with the data key
    identity = models.BinaryField(null=True, blank=True)  # encrypted with the identity key
    reporter_replied_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.number


class KeyKind(models.TextChoices):
    CONTENT = "content", _("report")
    IDENTITY = "identity", _("reporter's identity")


class ReportKey(models.Model):
    """A data key sealed to one holder's public key (or to the escrow key)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="keys")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    escrow = models.BooleanField(default=False)
    kind = models.CharField(max_length=10, choices=KeyKind.choices)
    sealed = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "holder", "kind"],
                condition=models.Q(escrow=False),
                name="one_key_per_holder",
            ),
            models.UniqueConstraint(
                fields=["report", "kind"], condition=models.Q(escrow=True), name="one_escrow_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"


class Sender(models.TextChoices):
    REPORTER = "reporter", _("reporter")
    RECIPIENT = "recipient", _("recipient")
    NOTE = "note", _("private note")


class Message(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.BinaryField()
    sent_on = models.DateField()

    class Meta:
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.sender} {self.sent_on}"


def blob_path(instance, filename: str) -> str:
    return f"wbs/{filename}"


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, null=True, on_delete=models.CASCADE, related_name="attachments")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    blob = models.FileField(upload_to=blob_path, max_length=200)  # the encrypted bytes, a random name
    meta = models.BinaryField()  # encrypted: original name, type, size, SHA-256
    added_on = models.DateField()

    class Meta:
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return f"{self.report} file {self.pk}"


class RequestState(models.TextChoices):
    PENDING = "pending", _("waiting for the custodian")
    APPROVED = "approved", _("approved")
    REFUSED = "refused", _("refused")


class IdentityRequest(models.Model):
    """A recipient's motivated request to learn who the reporter is; the custodian decides."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identity_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    motivation = models.BinaryField()  # encrypted with the report's data key
    state = models.CharField(max_length=10, choices=RequestState.choices, default=RequestState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.report} identity request {self.state}"


class ReportEvent(models.Model):
    """The zone's own trail: who did what to which report, never what it says."""

    report = models.ForeignKey(Report, null=True, on_delete=models.SET_NULL, related_name="events")
    number = models.CharField(max_length=60)  # kept when the report itself is deleted
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict, blank=True)
    on = models.DateField()  # a date only: the reporter's actions are not timed to the minute

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.action}"
