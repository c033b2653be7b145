"""Units (national → province → regency/city) and the roles people hold on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    REGENCY = "regency", _("Regency/city")
    OFFICE = "office", _("Work unit")


class Role(models.TextChoices):
    ADMIN = "admin", _("Unit admin")
    COORDINATOR = "coordinator", _("ZI coordinator")
    AREA_COORDINATOR = "area_coordinator", _("Area coordinator")
    PIC = "pic", _("Person in charge (PIC)")
    REVIEWER = "reviewer", _("Internal reviewer (TPI)")
    VIEWER = "viewer", _("Viewer")
    COMPLAINT_OFFICER = "complaint_officer", _("Complaint officer")
    COMPLAINT_SUPERVISOR = "complaint_supervisor", _("Complaint supervisor")
    APIP = "apip", _("Inspectorate / APIP (integrity complaints)")
    PPID_OFFICER = "ppid_officer", _("PPID officer")
    ATASAN_PPID = "atasan_ppid", _("PPID superior (atasan PPID)")
    WBS_RECIPIENT = "wbs_recipient", _("WBS recipient")
    WBS_CUSTODIAN = "wbs_custodian", _("WBS custodian (reporters' identities)")
    UPG_OFFICER = "upg_officer", _("Gratification control officer (UPG)")


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user) -> UnitQuerySet:
        return self.filter(unit_scope_q(user, prefix=""))


class Unit(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True, allow_unicode=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/RI/SUMSEL/PALEMBANG/": descendants are one indexed prefix query.
    path = models.CharField(max_length=500, unique=True, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.code}/"

    def ancestor_paths(self) -> list[str]:
        parts = [p for p in self.path.split("/") if p]
        return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="roles", verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    include_descendants = models.BooleanField(
        _("also over descendant units"),
        default=False,
        help_text=_("The role also applies to every unit below this one."),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_role_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


def _assignments(user) -> list[tuple[int, str, str, bool]]:
    """(unit id, unit path, role, include_descendants) for the user; cached on the user object."""
    cached = getattr(user, "_zona_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user).values_list(
                "unit_id", "unit__path", "role", "include_descendants"
            )
        )
        user._zona_roles = cached
    return cached


def unit_scope_q(user, *, prefix: str = "unit__", roles: set[str] | None = None) -> Q:
    """A filter for rows whose unit the user may see (optionally: through one of `roles`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    query = Q(pk__in=[])
    direct: set[int] = set()
    for unit_id, path, role, descendants in _assignments(user):
        if roles is not None and role not in roles:
            continue
        if descendants:
            query |= Q(**{f"{prefix}path__startswith": path})
        else:
            direct.add(unit_id)
    if direct:
        query |= Q(**{f"{prefix}id__in": sorted(direct)})
    return query


def roles_on(user, unit: Unit) -> set[str]:
    """Every role the user holds on `unit`, directly or from an ancestor over descendants."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Role.values)
    ancestors = set(unit.ancestor_paths())
    held: set[str] = set()
    for unit_id, path, role, descendants in _assignments(user):
        if unit_id == unit.pk or (descendants and path in ancestors):
            held.add(role)
    return held
