"""PPID: information requests (on the case engine), objections (keberatan), the Daftar Informasi
Publik. Fields follow shared domain.md 3.4–3.6."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.cases.models import Case, CaseAttachment
from zona.cases.workflow import load
from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit, unit_scope_q

WORKFLOW_FILE = Path(__file__).parent / "data" / "workflow.yaml"
KIND = "ppid"
PREFIX = "PPID"


def workflow():
    return load(WORKFLOW_FILE)


def rule(key: str) -> int:
    return workflow().settings[key]


class ApplicantType(models.TextChoices):
    PERSON = "perorangan", _("Individual")
    LEGAL_ENTITY = "badan_hukum", _("Legal entity")
    GROUP = "kelompok", _("Group of people")


class ObtainMethod(models.TextChoices):
    SEE = "melihat", _("See / read / listen / take notes")
    SOFT_COPY = "salinan_soft", _("Copy (softcopy)")
    HARD_COPY = "salinan_hard", _("Copy (hardcopy)")


class Delivery(models.TextChoices):
    IN_PERSON = "langsung", _("Collect in person")
    POST = "pos", _("Post")
    COURIER = "kurir", _("Courier")
    EMAIL = "email", _("E-mail")


class InfoStatus(models.TextChoices):
    HELD = "dikuasai", _("Held")
    NOT_HELD = "tidak_dikuasai", _("Not held (held by another body)")
    UNDOCUMENTED = "belum_didokumentasikan", _("Not yet documented")


class Decision(models.TextChoices):
    FULL = "seluruhnya", _("Granted in full")
    PARTIAL = "sebagian", _("Granted in part")
    REFUSED = "ditolak", _("Refused")


class RefusalReason(models.TextChoices):
    EXEMPT = "dikecualikan", _("Exempt information (UU 14/2008 Ps 17)")
    NOT_HELD = "tidak_dikuasai", _("Not held")
    UNDOCUMENTED = "belum_didokumentasikan", _("Not yet documented")


class InformationRequest(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="ppid", primary_key=True)
    applicant_type = models.CharField(_("applicant"), max_length=20, choices=ApplicantType.choices)
    address = models.CharField(_("address"), max_length=300)
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    identity = models.ForeignKey(
        CaseAttachment,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("identity document"),
    )
    purpose = models.TextField(_("purpose of use"), max_length=2000)
    obtain_method = models.CharField(_("how to obtain it"), max_length=20, choices=ObtainMethod.choices)
    delivery = models.CharField(_("how to receive the copy"), max_length=20, choices=Delivery.choices)
    # filled by the PPID officer (register permohonan, domain.md 3.5)
    info_status = models.CharField(
        _("information status"), max_length=30, choices=InfoStatus.choices, blank=True
    )
    holder = models.CharField(_("body holding it"), max_length=200, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    exemption_basis = models.CharField(_("exemption basis (Ps 17 letter)"), max_length=100, blank=True)
    notice_on = models.DateField(_("date of the written notice"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, max_length=2000)
    fee = models.DecimalField(_("fee (Rp)"), max_digits=12, decimal_places=0, default=0)
    payment_method = models.CharField(_("payment method"), max_length=100, blank=True)
    delivered_on = models.DateField(_("information delivered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return self.case.number


class Ground(models.TextChoices):
    """UU 14/2008 Pasal 35(1) (domain.md 3.2)."""

    A = "a", _("a. Refused on exemption grounds (Ps 17)")
    B = "b", _("b. Periodic information (Ps 9) not provided")
    C = "c", _("c. Request not answered")
    D = "d", _("d. Answered, but not as requested")
    E = "e", _("e. Request not fulfilled")
    F = "f", _("f. Unreasonable fee")
    G = "g", _("g. Information delivered later than the deadline")


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def visible_to(self, user) -> ObjectionQuerySet:
        return self.filter(unit_scope_q(user, prefix="request__case__unit__"))


class Objection(models.Model):
    """A keberatan against a request's handling (register keberatan, domain.md 3.6)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="objections")
    number = models.CharField(_("objection number"), max_length=80, unique=True)
    received_on = models.DateField(_("received on"))
    grounds = models.JSONField(_("grounds (Ps 35)"), default=list)
    case_position = models.TextField(_("statement of the case"), max_length=5000)
    response_due = models.DateField(_("response due"))
    response = models.TextField(_("response of the PPID superior"), blank=True, max_length=5000)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    responder = models.CharField(_("name and position of the PPID superior"), max_length=200, blank=True)
    applicant_reply = models.TextField(_("applicant's reply"), blank=True, max_length=5000)
    commission_deadline = models.DateField(
        _("deadline to go to the Information Commission"), null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.number


class InfoCategory(models.TextChoices):
    PERIODIC = "berkala", _("Periodic (berkala)")
    IMMEDIATE = "serta_merta", _("Immediate (serta merta)")
    ANY_TIME = "setiap_saat", _("Available at any time (setiap saat)")
    EXEMPT = "dikecualikan", _("Exempt (dikecualikan)")


class InformationItemQuerySet(models.QuerySet["InformationItem"]):
    def public(self) -> InformationItemQuerySet:
        return self.exclude(category=InfoCategory.EXEMPT)


class InformationItem(models.Model):
    """An entry of the Daftar Informasi Publik."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="information_items")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, max_length=2000)
    category = models.CharField(_("category"), max_length=20, choices=InfoCategory.choices)
    responsible = models.CharField(_("responsible official"), max_length=200, blank=True)
    updated_on = models.DateField(_("last updated"))
    document = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    # uji konsekuensi for exempt information (Perki 1/2021 Ps 49)
    exemption_basis = models.CharField(_("exemption basis (Ps 17 letter)"), max_length=100, blank=True)
    consequence_test = models.TextField(_("consequence test (uji konsekuensi)"), blank=True, max_length=5000)
    tested_on = models.DateField(_("tested on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InformationItemQuerySet.as_manager()

    class Meta:
        ordering = ["category", "title"]
        verbose_name = _("public information item")
        verbose_name_plural = _("Daftar Informasi Publik")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="dikecualikan") | ~models.Q(consequence_test=""),
                name="exempt_needs_consequence_test",
            )
        ]

    def __str__(self) -> str:
        return self.title
