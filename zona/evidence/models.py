"""Evidence (bukti fisik / bukti dukung): files and links a unit keeps as proof.

An item belongs to a unit; plans, the LKE and later modules link to items, so one file can
serve several indicators or questions. A file item keeps every version uploaded.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.lib.text import safe_filename
from zona.orgs.models import Unit, unit_scope_q
from zona.orgs.permissions import ALLOWED, Action


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class Kind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class EvidenceQuerySet(models.QuerySet["EvidenceItem"]):
    def visible_to(self, user) -> EvidenceQuerySet:
        """Items of the units the user sees; a restricted item only through its own rule."""
        query = models.Q(restricted_to="") & unit_scope_q(user)
        for action in RESTRICTIONS:
            query |= models.Q(restricted_to=action) & unit_scope_q(user, roles=set(ALLOWED[action]))
        return self.filter(query)

    def unrestricted(self) -> EvidenceQuerySet:
        return self.filter(restricted_to="")


# Restricted files carry their own access rule instead of the unit's: the action whose roles
# may read them (an exempt DIP document: the PPID officers and the atasan PPID only).
RESTRICTIONS = (Action.READ_EXEMPT_INFORMATION, Action.HANDLE_GRATIFICATION)


class EvidenceItem(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    effective_date = models.DateField(
        _("effective date"),
        null=True,
        blank=True,
        help_text=_("The date of the document itself, not of the upload."),
    )
    # What the document covers (an SK for a year, a survey for a semester) and, where it has one,
    # the date it stops being valid: evidence of another year, or expired, is stale for the LKE.
    period_start = models.DateField(_("covers from"), null=True, blank=True)
    period_end = models.DateField(_("covers until"), null=True, blank=True)
    expires_on = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty when the document does not expire.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    restricted_to = models.CharField(
        _("readable only by"),
        max_length=40,
        blank=True,
        choices=[(a.value, a.value) for a in RESTRICTIONS],
        help_text=_("Empty: everyone who sees the unit. Otherwise only the roles of this rule."),
    )
    review_comment = models.TextField(_("review comment"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="link") | ~models.Q(url=""), name="evidence_link_has_url"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="evidence_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> EvidenceVersion | None:
        versions = getattr(self, "prefetched_versions", None)
        if versions is not None:
            return versions[0] if versions else None
        return self.versions.order_by("-number").first()


def version_path(instance: EvidenceVersion, filename: str) -> str:
    # Names are not guessable and carry no personal data; the original name is kept in the row.
    return f"evidence/{instance.item.unit.code}/{uuid.uuid4().hex}{instance.extension}"


class EvidenceVersion(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=version_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    extension = models.CharField(max_length=10)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size"))
    mime = models.CharField(_("type"), max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="unique_evidence_version")]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"

    @property
    def download_name(self) -> str:
        """The original name with the extension of the type its content was recognised as."""
        return safe_filename(self.original_name, self.extension)


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE = (ExportStatus.PENDING, ExportStatus.RUNNING)


class ExportJob(models.Model):
    """A file made in the background worker for one person: a plan, a Lembar Monev, a recap.

    `kind` names a registered export (zona.evidence.exports); `object_id` and `params` say which
    data. `target` is the export of that data: asked again while waiting or running, the same
    job answers; `key` adds the data's version: a file already built of unchanged data is given
    instead of making it again."""

    kind = models.CharField(max_length=40)
    fmt = models.CharField(max_length=4, choices=[("xlsx", "XLSX"), ("pdf", "PDF"), ("zip", "ZIP")])
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("export"), max_length=300)
    target = models.CharField(max_length=64, blank=True, db_index=True)  # the export, object, params
    key = models.CharField(max_length=64, blank=True, db_index=True)  # … and the data's version
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True, max_length=300)
    error = models.CharField(max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The API token that asked (its id; tokens live in a later app): each token has its own cap.
    token_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["requested_by", "status"]),
            models.Index(fields=["token_id", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.fmt} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
