"""PPID: information requests (on the case engine), objections (keberatan), disputes before the
Komisi Informasi, the Daftar Informasi Publik and the annual report's narrative. Fields follow
UU 14/2008 and Perki 1/2021 (the registers of requests and keberatan, the annual report)."""

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


class Channel(models.TextChoices):
    """How a request or a keberatan reached the PPID: all go on the same register and clock."""

    WEB = "web", _("Website form")
    DESK = "langsung", _("At the desk")
    WHATSAPP = "whatsapp", _("WhatsApp")
    LETTER = "surat", _("Letter")
    EMAIL = "email", _("E-mail")
    EPPID = "e_ppid", _("e-PPID")


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
    # filled by the PPID officer (register permohonan: Perki 1/2021 Standar Layanan Informasi Publik)
    info_status = models.CharField(
        _("information status"), max_length=30, choices=InfoStatus.choices, blank=True
    )
    holder = models.CharField(_("body holding it"), max_length=200, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=30, choices=RefusalReason.choices, blank=True
    )
    exemption_basis = models.CharField(_("exemption basis (Ps 17 letter)"), max_length=100, blank=True)
    # A refusal on exemption grounds rests on a consequence test (uji konsekuensi, Perki 1/2021
    # Ps 49): the exempt DIP entry that holds one, or one made for this request.
    exempt_item = models.ForeignKey(
        "InformationItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refusals",
        verbose_name=_("exempt entry of the DIP"),
    )
    consequence_harm = models.TextField(_("harm if disclosed"), blank=True, max_length=5000)
    consequence_public_interest = models.TextField(
        _("public interest in disclosure"), blank=True, max_length=5000
    )
    consequence_decided_by = models.CharField(
        _("consequence test decided by (name and position)"), max_length=200, blank=True
    )
    consequence_decided_on = models.DateField(_("consequence test decided on"), null=True, blank=True)
    notice_on = models.DateField(_("date of the written notice"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, max_length=2000)
    # The fee may cover copying and sending only (UU 14/2008 Ps 21: cost of copies and delivery).
    copy_pages = models.PositiveIntegerField(_("pages copied"), default=0)
    fee_copy = models.DecimalField(_("copying cost (Rp)"), max_digits=12, decimal_places=0, default=0)
    fee_sending = models.DecimalField(_("sending cost (Rp)"), max_digits=12, decimal_places=0, default=0)
    payment_method = models.CharField(_("payment method"), max_length=100, blank=True)
    identity_checked = models.BooleanField(
        _("identity document shown and checked at the desk"), default=False
    )
    delivered_on = models.DateField(_("information delivered on"), null=True, blank=True)
    delivered_via = models.CharField(_("delivered by"), max_length=20, choices=Delivery.choices, blank=True)
    delivery_note = models.CharField(_("proof of delivery"), max_length=300, blank=True)
    delivery_proof = models.ForeignKey(
        CaseAttachment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proof of delivery (file)"),
    )

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return self.case.number

    @property
    def fee(self):
        return self.fee_copy + self.fee_sending


class Ground(models.TextChoices):
    """UU 14/2008 Pasal 35(1)."""

    A = "a", _("a. Refused on exemption grounds (Ps 17)")
    B = "b", _("b. Periodic information (Ps 9) not provided")
    C = "c", _("c. Request not answered")
    D = "d", _("d. Answered, but not as requested")
    E = "e", _("e. Request not fulfilled")
    F = "f", _("f. Unreasonable fee")
    G = "g", _("g. Information delivered later than the deadline")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "dikabulkan", _("Upheld: the PPID must give the information")
    PARTLY = "sebagian", _("Upheld in part")
    DISMISSED = "ditolak", _("Dismissed: the PPID's decision stands")


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def visible_to(self, user) -> ObjectionQuerySet:
        return self.filter(unit_scope_q(user, prefix="request__case__unit__"))


class Objection(models.Model):
    """A keberatan against a request's handling (register keberatan: UU 14/2008 Pasal 35–36, Perki 1/2021)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="objections")
    number = models.CharField(_("objection number"), max_length=80, unique=True)
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    grounds = models.JSONField(_("grounds (Ps 35)"), default=list)
    case_position = models.TextField(_("statement of the case"), max_length=5000)
    response_due = models.DateField(_("response due"))
    response = models.TextField(_("response of the PPID superior"), blank=True, max_length=5000)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)
    responder = models.CharField(_("name and position of the PPID superior"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ObjectionOutcome.choices, blank=True)
    applicant_reply = models.TextField(_("applicant's reply"), blank=True, max_length=5000)
    # UU 14/2008 Ps 37(2): 14 working days "setelah diterimanya tanggapan tertulis" — from the day
    # the applicant received the answer, not the day it was written.
    answer_received_on = models.DateField(_("applicant received the answer on"), null=True, blank=True)
    commission_deadline = models.DateField(
        _("deadline to go to the Information Commission"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self) -> str:
        return self.number


class DisputeStage(models.TextChoices):
    REGISTERED = "terdaftar", _("Registered at the Komisi Informasi")
    MEDIATION = "mediasi", _("Mediation")
    ADJUDICATION = "ajudikasi", _("Adjudication")
    DECIDED = "putus", _("Decided")


class DisputeOutcome(models.TextChoices):
    GRANTED = "dikabulkan", _("Applicant's claim granted")
    PARTLY = "sebagian", _("Granted in part")
    REJECTED = "ditolak", _("Claim rejected: the PPID's decision stands")
    MEDIATED = "mediasi_berhasil", _("Settled by mediation")
    WITHDRAWN = "dicabut", _("Withdrawn")


class DisputeQuerySet(models.QuerySet["Dispute"]):
    def visible_to(self, user) -> DisputeQuerySet:
        return self.filter(unit_scope_q(user, prefix="objection__request__case__unit__"))


class Dispute(models.Model):
    """A dispute (sengketa informasi) the applicant brought to the Komisi Informasi after a
    keberatan (UU 14/2008 Ps 37–38): its registration, stages and decision."""

    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="disputes")
    commission = models.CharField(_("Information Commission"), max_length=200)
    register_number = models.CharField(_("commission's register number"), max_length=100, blank=True)
    filed_on = models.DateField(_("filed on"))
    stage = models.CharField(
        _("stage"), max_length=20, choices=DisputeStage.choices, default=DisputeStage.REGISTERED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DisputeOutcome.choices, blank=True)
    decision = models.TextField(_("decision"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("information dispute")
        verbose_name_plural = _("information disputes")

    def __str__(self) -> str:
        return f"{self.commission} {self.register_number or self.filed_on}"


class AnnualReportText(models.Model):
    """The parts of the annual public-information report the registers can't give: the policy,
    the means, the obstacles and the recommendations (Perki 1/2021; sent to the Komisi Informasi
    by 31 March of the next year)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ppid_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    policy = models.TextField(_("information-service policy (PPID decree, SOP)"), blank=True, max_length=5000)
    facilities = models.TextField(_("facilities (desk, website, e-PPID)"), blank=True, max_length=5000)
    staff = models.TextField(_("staff (number and roles)"), blank=True, max_length=5000)
    budget = models.TextField(_("budget"), blank=True, max_length=2000)
    obstacles_internal = models.TextField(_("internal obstacles"), blank=True, max_length=5000)
    obstacles_external = models.TextField(_("external obstacles"), blank=True, max_length=5000)
    recommendations = models.TextField(_("recommendations and follow-up plan"), blank=True, max_length=5000)
    submitted_on = models.DateField(_("sent to the Komisi Informasi on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual PPID report")
        verbose_name_plural = _("annual PPID reports")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_ppid_report_per_year")]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.year}"


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
    tested_by = models.CharField(_("consequence test decided by"), max_length=200, blank=True)
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
