from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.cases.models import Case
from zona.cases.workflow import load

WORKFLOW_FILE = Path(__file__).parent / "data" / "workflow.yaml"
KIND = "complaint"
PREFIX = "ADU"


def workflow():
    return load(WORKFLOW_FILE)


class Channel(models.TextChoices):
    WEB = "web", _("Website form")
    WALK_IN = "langsung", _("Walk-in")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "telepon", _("Phone")
    LETTER = "surat", _("Letter")
    EPPID = "e_ppid", _("e-PPID")
    LAPOR = "lapor", _("SP4N-LAPOR!")


class ComplaintType(models.TextChoices):
    LIGHT = "ringan", _("Light (2 working days)")
    NORMATIVE = "normatif", _("Normative (5 working days)")
    NO_OVERSIGHT = "tidak_berkadar_pengawasan", _("Without oversight content (14 working days)")
    OVERSIGHT = "berkadar_pengawasan", _("With oversight content (60 working days)")


class Category(models.TextChoices):
    SERVICE = "pelayanan", _("Service")
    INFORMATION = "informasi", _("Information")
    CONDUCT = "perilaku", _("Officer conduct")
    INTEGRITY = "integritas", _("Levies, gratification, corruption, abuse of office")
    ELECTION = "kepemiluan", _("Election administration")
    OTHER = "lainnya", _("Other")


class LaporStatus(models.TextChoices):
    """The report's status on SP4N-LAPOR! as last read there (by hand, or by an API link)."""

    UNVERIFIED = "belum_terverifikasi", _("Not yet verified")
    NOT_FOLLOWED_UP = "belum_ditindaklanjuti", _("Not yet followed up")
    IN_PROCESS = "proses", _("In process")
    DONE = "selesai", _("Completed")
    ON_HOLD = "ditunda", _("On hold")
    ARCHIVED = "arsip", _("Archived")
    NOT_COMPETENT = "bukan_wewenang", _("Not the unit's competence")


class Complaint(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complaint", primary_key=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    complaint_type = models.CharField(
        _("complaint type"), max_length=30, choices=ComplaintType.choices, blank=True
    )
    lapor_id = models.CharField(_("SP4N-LAPOR! tracking ID"), max_length=40, blank=True)
    lapor_status = models.CharField(
        _("status on SP4N-LAPOR!"), max_length=30, choices=LaporStatus.choices, blank=True
    )
    lapor_synced_on = models.DateField(_("status read on SP4N-LAPOR! on"), null=True, blank=True)
    responded_on = models.DateField(_("last response to the reporter"), null=True, blank=True)
    # The day the follow-up was recorded as completed (what was done, the result): what the
    # completion deadline and the on-time figures measure. Cleared when the follow-up reopens.
    completed_on = models.DateField(_("follow-up completed on"), null=True, blank=True)
    forwarded_to = models.CharField(_("forwarded to (competent agency)"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.case.number
