"""Handling conflicts of interest (PermenPAN-RB 37/2012, Pedoman Umum Penanganan Benturan
Kepentingan): the unit's main functions, the map of potential conflicts in each, officials'
yearly declarations, recusals, and how far handling is socialised and applied per function.
Evaluations and their follow-up are kept with the other integrity records (zona.integrity)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit


class ConflictKind(models.TextChoices):
    GIFT = "gratifikasi", _("Gifts or gratification")
    ASSETS = "aset", _("Use of office assets for private gain")
    INFORMATION = "informasi", _("Confidential information used for private gain")
    RELATIVES = "kerabat", _("Decisions affecting relatives or one's own interest")
    DUAL_POSITION = "rangkap_jabatan", _("Holding two positions")
    BUSINESS = "hubungan_usaha", _("Business relations with service users or vendors")
    SELF_REVIEW = "menilai_diri", _("Assessing one's own work")


class ConflictSource(models.TextChoices):
    AUTHORITY = "kewenangan", _("Authority (kewenangan)")
    DUAL_POSITION = "perangkapan_jabatan", _("Dual positions")
    AFFILIATION = "afiliasi", _("Affiliation (family, friends, business)")
    GRATIFICATION = "gratifikasi", _("Gratification")
    WEAK_SYSTEM = "kelemahan_sistem", _("Weakness of the organisation's system")
    PERSONAL = "kepentingan_pribadi", _("Personal interest")


class MainFunction(models.Model):
    """A main function or service of the unit (tugas fungsi utama / layanan)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    name = models.CharField(_("main function or service"), max_length=300)
    socialised_on = models.DateField(_("conflict handling socialised on"), null=True, blank=True)
    applied_on = models.DateField(_("conflict handling applied since"), null=True, blank=True)
    applied_evidence = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence"),
    )

    class Meta:
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="one_function_name_per_unit")]
        verbose_name = _("main function")
        verbose_name_plural = _("main functions")

    def __str__(self) -> str:
        return self.name


class ConflictRisk(models.Model):
    """One potential conflict in a main function: the map the LKE asks for (A.I.5.v.a)."""

    function = models.ForeignKey(MainFunction, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(_("kind"), max_length=30, choices=ConflictKind.choices)
    source = models.CharField(_("source"), max_length=30, choices=ConflictSource.choices)
    description = models.CharField(_("the situation"), max_length=1000)
    control = models.CharField(_("how it is handled"), max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["function", "id"]
        verbose_name = _("potential conflict")
        verbose_name_plural = _("potential conflicts")

    def __str__(self) -> str:
        return self.description[:80]


class Declaration(models.Model):
    """An official's yearly declaration of potential conflicts, signed."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    has_conflict = models.BooleanField(_("declares a potential conflict"))
    statement = models.TextField(_("statement"), max_length=5000, blank=True)
    signed_on = models.DateField(_("signed on"))
    document = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed declaration")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "official"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "official", "year"], name="one_declaration_a_year")
        ]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self) -> str:
        return f"{self.official} {self.year}"


class Recusal(models.Model):
    """An official stepping aside from a matter because of a conflict."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    function = models.ForeignKey(
        MainFunction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matter = models.CharField(_("matter"), max_length=500)
    kind = models.CharField(_("kind of conflict"), max_length=30, choices=ConflictKind.choices)
    decided_on = models.DateField(_("date"))
    replaced_by = models.CharField(_("handled instead by"), max_length=300)
    evidence = models.ForeignKey(
        EvidenceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")

    def __str__(self) -> str:
        return f"{self.official}: {self.matter[:60]}"
