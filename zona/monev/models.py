"""Quarterly monitoring & evaluation (monev) of a ZI plan.

A cycle per quarter: PICs report on every action step; the coordinator closes the cycle, which
freezes a snapshot. Meetings and findings (with follow-up, tindak lanjut) run across cycles.
The ZI team and the change agents (agen perubahan) are kept with the decree that appointed them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from zona.evidence.models import EvidenceItem
from zona.orgs.models import Unit, unit_scope_q
from zona.plans.models import ActionStep, Plan, StepStatus


class CycleStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("monev", "Open")
    CLOSED = "closed", pgettext_lazy("monev", "Closed")


class CycleQuerySet(models.QuerySet["MonevCycle"]):
    def visible_to(self, user) -> CycleQuerySet:
        return self.filter(unit_scope_q(user, prefix="plan__unit__"))


class MonevCycle(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cycles")
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("coordinator's summary"), blank=True, max_length=5000)
    # Frozen at close: the whole plan with every report, progress per node and the findings.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    progress = models.FloatField(null=True, blank=True, editable=False)  # plan progress at close

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "quarter"]
        verbose_name = _("monev cycle")
        verbose_name_plural = _("monev cycles")
        constraints = [
            models.UniqueConstraint(fields=["plan", "quarter"], name="one_cycle_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} TW {self.quarter}"

    @property
    def is_closed(self) -> bool:
        return self.status == CycleStatus.CLOSED


# A report states the step's status: the plan step's own choices (one status per step).
ReportStatus = StepStatus


class StepReport(models.Model):
    """A PIC's report on one action step in one cycle."""

    cycle = models.ForeignKey(MonevCycle, on_delete=models.CASCADE, related_name="reports")
    step = models.ForeignKey(ActionStep, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    # Why the report moved a finished ("selesai") step back; asked for, and kept, only then.
    reopen_reason = models.TextField(_("reason for reopening"), blank=True, max_length=2000)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="step_reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "step"], name="one_report_per_step_and_cycle"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.step}"


class Meeting(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="meetings")
    cycle = models.ForeignKey(
        MonevCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    agenda = models.TextField(_("agenda"), blank=True, max_length=5000)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="meetings")
    guests = models.TextField(_("guests"), blank=True, max_length=2000, help_text=_("One per line."))
    # The LKE asks whether monev involves the leadership (A.I.1.iii.b): who led it, if present.
    leader_present = models.BooleanField(_("the unit's leader attended"), default=False)
    leader_name = models.CharField(_("leader (name and position)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"


class DocumentKind(models.TextChoices):
    INVITATION = "undangan", _("Invitation")
    ATTENDANCE = "daftar_hadir", _("Attendance list")
    MINUTES = "notulen", _("Minutes")
    PHOTO = "foto", _("Photo")
    OTHER = "lainnya", _("Other")


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.item}"


class FindingStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("monev", "Open")
    CLOSED = "closed", pgettext_lazy("monev", "Closed")


class FindingQuerySet(models.QuerySet["Finding"]):
    def visible_to(self, user) -> FindingQuerySet:
        return self.filter(unit_scope_q(user, prefix="plan__unit__"))

    def open(self) -> FindingQuerySet:
        return self.filter(status=FindingStatus.OPEN)


class Finding(models.Model):
    """A monev finding (temuan) and its follow-up (tindak lanjut); open until closed with evidence."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="findings")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    cycle = models.ForeignKey(
        MonevCycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings_raised"
    )
    title = models.CharField(_("finding"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="findings", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    follow_up = models.TextField(_("follow-up (tindak lanjut)"), blank=True, max_length=5000)
    evidence = models.ManyToManyField(EvidenceItem, blank=True, related_name="findings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_date", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == FindingStatus.OPEN


class TeamKind(models.TextChoices):
    WORK_TEAM = "tim_kerja", _("ZI work team (Tim Kerja ZI)")
    CHANGE_AGENTS = "agen_perubahan", _("Change agents (Agen Perubahan)")


class Team(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="teams")
    kind = models.CharField(_("team"), max_length=20, choices=TeamKind.choices)
    decree_number = models.CharField(_("decree number"), max_length=200, blank=True)
    decree = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decree (SK) as evidence"),
    )
    period_start = models.DateField(_("serves from"))
    period_end = models.DateField(_("serves until"))

    class Meta:
        ordering = ["unit", "kind", "-period_start"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="team_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.unit.code} {self.period_start:%Y}"


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    team_role = models.CharField(
        _("role in the team"), max_length=200, help_text=_("e.g. Ketua, Sekretaris, Anggota")
    )

    class Meta:
        ordering = ["team", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.team_role})"


class AgentChange(models.Model):
    """A concrete change a change agent (agen perubahan) made: what, when, its evidence, and
    whether it is integrated into the management system (an SOP, a decree, an application) —
    the inputs of the LKE's Reform item A.II.1.i."""

    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="changes")
    title = models.CharField(_("change"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    made_on = models.DateField(_("made on"))
    evidence = models.ForeignKey(
        EvidenceItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("evidence"),
    )
    integrated = models.BooleanField(_("integrated into the management system"), default=False)
    integration = models.CharField(
        _("how it is integrated (SOP, decree, application…)"), max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("change by a change agent")
        verbose_name_plural = _("changes by change agents")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(integrated=False) | ~models.Q(integration=""), name="integrated_says_how"
            )
        ]

    def __str__(self) -> str:
        return self.title
