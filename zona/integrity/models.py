"""What a unit does to make its integrity instruments known and to check that they work: the
socialisation (public campaign) of WBS, gratification control and conflict-of-interest handling,
their periodic evaluations, and the follow-up of each evaluation. The LKE asks for all three
(Penguatan Pengawasan: A.I.5.i, A.I.5.iv, A.I.5.v)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit


class Topic(models.TextChoices):
    WBS = "wbs", _("Whistleblowing system (WBS)")
    GRATIFICATION = "gratifikasi", _("Gratification control")
    CONFLICT = "benturan_kepentingan", _("Conflict of interest")


class Channel(models.TextChoices):
    MEETING = "tatap_muka", _("Meeting or briefing")
    ONLINE = "daring", _("Online session")
    SOCIAL_MEDIA = "media_sosial", _("Social media")
    BANNER = "spanduk", _("Banner, poster or standing sign")
    WEBSITE = "laman", _("Website")
    CIRCULAR = "surat_edaran", _("Circular letter")
    OTHER = "lainnya", _("Other")


class Socialisation(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("what was done"), max_length=300)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="+", verbose_name=_("evidence"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("socialisation")
        verbose_name_plural = _("socialisations")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class Evaluation(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    held_on = models.DateField(_("date"))
    summary = models.TextField(_("findings"), max_length=5000)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="+", verbose_name=_("evidence"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} {self.held_on:%Y-%m-%d}"


class FollowUp(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("follow-up action"), max_length=500)
    owner = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("what was done"), blank=True, max_length=2000)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="+", verbose_name=_("evidence"))

    class Meta:
        ordering = ["evaluation", "id"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.action
