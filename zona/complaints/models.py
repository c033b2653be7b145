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
    INTEGRITY = "integritas", _("Levies, gratification, corruption")
    ELECTION = "kepemiluan", _("Election administration")
    OTHER = "lainnya", _("Other")


class Complaint(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complaint", primary_key=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    complaint_type = models.CharField(
        _("complaint type"), max_length=30, choices=ComplaintType.choices, blank=True
    )
    lapor_id = models.CharField(_("SP4N-LAPOR! tracking ID"), max_length=40, blank=True)
    responded_on = models.DateField(_("last response to the reporter"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.case.number
