"""Services, their surveys per period, the answers, and their service standards.

A survey keeps the definition it was run with (a frozen copy), so later edits to a definition
never change past figures. Each response keeps its answers in one small column per item, and
each survey keeps a running tally (sums and counts per item) that every submission and every
"suspect" mark updates in the same transaction: the figures are one row away, at any volume."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit
from zona.plans.models import ActionStep

from .definitions import Definition, parse
from .ikm import EXACT, PRINTED, Tally


class Service(models.Model):
    """A service the unit gives the public (layanan), surveyed and given a standard."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    name = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["unit", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="one_service_name_per_unit")]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class CustomDefinition(models.Model):
    """A unit's own questionnaire (or its edited IPAK/IPKP), as the library's YAML."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(_("code"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    text = models.TextField(_("definition (YAML)"), max_length=20000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "code", "version"], name="one_definition_version")
        ]

    def __str__(self) -> str:
        return f"{self.code}@{self.version}"


class Weight(models.TextChoices):
    EXACT = EXACT, _("exactly 1/n (recommended)")
    PRINTED = PRINTED, _("as printed in the regulation (0.111 for 9 unsur)")


class Status(models.TextChoices):
    OPEN = "open", _("collecting answers")
    CLOSED = "closed", _("closed")
    PUBLISHED = "published", _("published")


def _token() -> str:
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("unit"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("service")
    )
    title = models.CharField(_("title"), max_length=200)
    definition_key = models.CharField(max_length=100)
    definition = models.JSONField()  # the frozen definition (the YAML as data)
    kind = models.CharField(max_length=10)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    population = models.PositiveIntegerField(_("service users in the period (population)"), default=0)
    weight = models.CharField(
        _("weight of each item"), max_length=10, choices=Weight.choices, default=Weight.EXACT
    )
    one_per_device = models.BooleanField(_("one answer per device"), default=True)
    require_ticket = models.BooleanField(_("a one-time code from the receipt is required"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    token = models.CharField(max_length=20, unique=True, default=_token)
    closed_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(_("published online"), null=True, blank=True)
    posted_on = models.DateField(_("posted on the board (offline)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "service__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="survey_period_ordered"
            )
        ]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    def spec(self) -> Definition:
        return parse(self.definition)


class Channel(models.TextChoices):
    ONLINE = "online", _("online form")
    PAPER = "paper", _("paper questionnaire, entered by staff")
    UPLOAD = "upload", _("uploaded spreadsheet")


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    age_group = models.CharField(_("age"), max_length=20, blank=True)
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    education = models.CharField(_("education"), max_length=40, blank=True)
    occupation = models.CharField(_("occupation"), max_length=60, blank=True)
    device = models.CharField(max_length=64, blank=True)  # a keyed hash of the device's token
    ticket = models.CharField(max_length=20, blank=True)
    suspect = models.BooleanField(default=False)
    suspect_reason = models.CharField(max_length=500, blank=True)
    suspect_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_on = models.DateField(auto_now_add=True)
    # one column per item, MAX_ITEMS of them (definitions.py); a test holds the two together
    a1 = models.PositiveSmallIntegerField(null=True, blank=True)
    a2 = models.PositiveSmallIntegerField(null=True, blank=True)
    a3 = models.PositiveSmallIntegerField(null=True, blank=True)
    a4 = models.PositiveSmallIntegerField(null=True, blank=True)
    a5 = models.PositiveSmallIntegerField(null=True, blank=True)
    a6 = models.PositiveSmallIntegerField(null=True, blank=True)
    a7 = models.PositiveSmallIntegerField(null=True, blank=True)
    a8 = models.PositiveSmallIntegerField(null=True, blank=True)
    a9 = models.PositiveSmallIntegerField(null=True, blank=True)
    a10 = models.PositiveSmallIntegerField(null=True, blank=True)
    a11 = models.PositiveSmallIntegerField(null=True, blank=True)
    a12 = models.PositiveSmallIntegerField(null=True, blank=True)
    a13 = models.PositiveSmallIntegerField(null=True, blank=True)
    a14 = models.PositiveSmallIntegerField(null=True, blank=True)
    a15 = models.PositiveSmallIntegerField(null=True, blank=True)
    a16 = models.PositiveSmallIntegerField(null=True, blank=True)
    a17 = models.PositiveSmallIntegerField(null=True, blank=True)
    a18 = models.PositiveSmallIntegerField(null=True, blank=True)
    a19 = models.PositiveSmallIntegerField(null=True, blank=True)
    a20 = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "id"]
        indexes = [models.Index(fields=["survey", "suspect"]), models.Index(fields=["survey", "device"])]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def answers(self, items: int) -> list[int | None]:
        return [getattr(self, f"a{i}") for i in range(1, items + 1)]


class SurveyTally(models.Model):
    """The running sums and counts of a survey's responses that are not suspect."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="tally", primary_key=True)
    respondents = models.BigIntegerField(default=0)
    # per item: the sum of its answers (s) and how many answered it (c), MAX_ITEMS of each
    s1 = models.BigIntegerField(default=0)
    c1 = models.BigIntegerField(default=0)
    s2 = models.BigIntegerField(default=0)
    c2 = models.BigIntegerField(default=0)
    s3 = models.BigIntegerField(default=0)
    c3 = models.BigIntegerField(default=0)
    s4 = models.BigIntegerField(default=0)
    c4 = models.BigIntegerField(default=0)
    s5 = models.BigIntegerField(default=0)
    c5 = models.BigIntegerField(default=0)
    s6 = models.BigIntegerField(default=0)
    c6 = models.BigIntegerField(default=0)
    s7 = models.BigIntegerField(default=0)
    c7 = models.BigIntegerField(default=0)
    s8 = models.BigIntegerField(default=0)
    c8 = models.BigIntegerField(default=0)
    s9 = models.BigIntegerField(default=0)
    c9 = models.BigIntegerField(default=0)
    s10 = models.BigIntegerField(default=0)
    c10 = models.BigIntegerField(default=0)
    s11 = models.BigIntegerField(default=0)
    c11 = models.BigIntegerField(default=0)
    s12 = models.BigIntegerField(default=0)
    c12 = models.BigIntegerField(default=0)
    s13 = models.BigIntegerField(default=0)
    c13 = models.BigIntegerField(default=0)
    s14 = models.BigIntegerField(default=0)
    c14 = models.BigIntegerField(default=0)
    s15 = models.BigIntegerField(default=0)
    c15 = models.BigIntegerField(default=0)
    s16 = models.BigIntegerField(default=0)
    c16 = models.BigIntegerField(default=0)
    s17 = models.BigIntegerField(default=0)
    c17 = models.BigIntegerField(default=0)
    s18 = models.BigIntegerField(default=0)
    c18 = models.BigIntegerField(default=0)
    s19 = models.BigIntegerField(default=0)
    c19 = models.BigIntegerField(default=0)
    s20 = models.BigIntegerField(default=0)
    c20 = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"tally of {self.survey}"

    def as_tally(self, items: int) -> Tally:
        return Tally(
            tuple(getattr(self, f"s{i}") for i in range(1, items + 1)),
            tuple(getattr(self, f"c{i}") for i in range(1, items + 1)),
            self.respondents,
        )


class Ticket(models.Model):
    """A one-time code printed on a service receipt or queue ticket: one answer each."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tickets")
    code = models.CharField(max_length=20)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="one_code_per_survey")]

    def __str__(self) -> str:
        return self.code


class FollowUp(models.Model):
    """A follow-up of a weak item, made a step of the unit's plan (tracked through monev)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="follow_ups")
    item_key = models.CharField(_("item"), max_length=20)
    step = models.OneToOneField(ActionStep, on_delete=models.PROTECT, related_name="survey_follow_up")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"{self.survey} {self.item_key}"


class ServiceStandard(models.Model):
    """A version of a service's standard (its components) and its maklumat pelayanan."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="standards")
    version = models.PositiveSmallIntegerField(_("version"))
    decree_number = models.CharField(_("decree number"), max_length=200, blank=True)
    effective_on = models.DateField(_("in force from"))
    components = models.JSONField(_("components"), default=dict)
    maklumat = models.TextField(_("maklumat pelayanan"), max_length=5000)
    published_on = models.DateField(_("published"), null=True, blank=True)
    # Where else the maklumat is announced (board, social media, …): LKE A.I.6.i.b's option A asks
    # for the website and other media; Zona sees only its own portal.
    other_media = models.CharField(_("also announced on"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "-version"]
        constraints = [models.UniqueConstraint(fields=["service", "version"], name="one_standard_version")]
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"


class StandardReview(models.Model):
    """A review of a service standard against the service's survey and complaint figures."""

    standard = models.ForeignKey(ServiceStandard, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    used_survey = models.BooleanField(_("used the survey results"), default=False)
    used_complaints = models.BooleanField(_("used the complaints"), default=False)
    stakeholders = models.CharField(_("stakeholders involved"), max_length=500, blank=True)
    figures = models.JSONField(default=dict)  # what the figures were when reviewed
    result = models.TextField(_("result"), max_length=5000)
    evidence = models.ForeignKey(
        EvidenceItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.standard} {self.reviewed_on}"
