"""What the drafted letters of a proposal need beyond the LKE: who signs for the unit, where it
is, and the letter's number. One per assessment; a new year starts from the unit's last one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.lke.models import Assessment


class ProposalDetails(models.Model):
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, related_name="proposal", primary_key=True
    )
    head_name = models.CharField(_("head of unit (name)"), max_length=200)
    head_nip = models.CharField(_("head of unit (NIP)"), max_length=30, blank=True)
    head_position = models.CharField(_("head of unit (position)"), max_length=200)
    address = models.CharField(_("office address"), max_length=300)
    city = models.CharField(_("city (place of signing)"), max_length=100)
    letter_number = models.CharField(_("cover letter number"), max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal details")
        verbose_name_plural = _("proposal details")

    def __str__(self) -> str:
        return f"{self.assessment} {self.head_name}"
