"""Which models the field-level audit trail records, declared by each app of its own models.

The trail is opt-in: a model is recorded only when its app says so, in an `audit.py` module of
its own (found at start-up, as the admin finds `admin.py`), so this app never names a later
one:

    from zona.audit.registry import never, record
    from .models import Case, CaseCounter

    record(Case, secret=("tracking_hash", "reporter_name"), narrow=True)
    record(Plan, noise=("updated_at",))
    never(CaseCounter, why="a counter that moves with every new case")

`secret` fields hold what must never reach the trail (a confidential reporter's name and contact,
hashes, keys, passwords): they are left out, never masked (django-auditlog's masking keeps half
of the value). `noise` fields are left out because they say nothing the entry does not (a
timestamp that changes on every save, a large copy kept elsewhere). A `narrow` model's trail is
read by the APIP only (records narrower than the unit: cases, gratification reports); the others
by whoever reads the unit's trail. Each entry carries the unit its object belongs to, found by
following the object's foreign keys (a plan's unit, an indicator's plan's unit, …), never through
a person.

`never` says, with the reason, that a model is not recorded at all; a test requires every model of
Zona's apps to be either recorded or declared never, so a new model is a decision, not an
accident. The apps before this one (people, units) are declared in this app's own `audit.py`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules

from zona.orgs.models import Unit

DEPTH = 6  # how many foreign keys away an object's unit may be


@dataclass(frozen=True)
class Recorded:
    """How one model is recorded: every field but `secret` and `noise`; read by the APIP only
    when `narrow`."""

    secret: frozenset[str]
    noise: frozenset[str]
    narrow: bool = False

    @property
    def left_out(self) -> frozenset[str]:
        return self.secret | self.noise


RECORDED: dict[type[models.Model], Recorded] = {}
NEVER: dict[type[models.Model], str] = {}


def _field_names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}


def _is_person(field) -> bool:
    return field.related_model._meta.label == settings.AUTH_USER_MODEL


def unit_of(instance, depth: int = DEPTH) -> Unit | None:
    """The unit an object belongs to, following its foreign keys (not those to people): a direct
    unit first, then the first parent that has one."""
    if isinstance(instance, Unit):
        return instance
    if instance is None or depth == 0:
        return None
    keys = [
        f
        for f in instance._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and not _is_person(f) and getattr(instance, f.attname) is not None
    ]
    for field in keys:
        if field.related_model is Unit:
            return getattr(instance, field.name)
    for field in keys:
        found = unit_of(getattr(instance, field.name), depth - 1)
        if found is not None:
            return found
    return None


def _additional_data(self) -> dict:
    """Every entry carries the unit its object belongs to, so the trail is read per unit."""
    unit = unit_of(self)
    return {"unit": unit.pk} if unit is not None else {}


def record(
    model: type[models.Model], *, secret: Iterable[str] = (), noise: Iterable[str] = (), narrow: bool = False
) -> None:
    """Record every create, change and delete of `model` in the trail, with each field's old and
    new value (many-to-many links too), except the `secret` and `noise` fields: their values are
    never stored."""
    secret, noise = frozenset(secret), frozenset(noise)
    unknown = (secret | noise) - _field_names(model)
    if unknown:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no field {sorted(unknown)} to leave out of the trail"
        )
    if model in NEVER or model in RECORDED:
        raise ImproperlyConfigured(f"{model._meta.label} is declared twice for the audit trail")
    entry = Recorded(secret=secret, noise=noise, narrow=narrow)
    m2m = [f.name for f in model._meta.many_to_many if f.name not in entry.left_out]
    auditlog.register(model, exclude_fields=sorted(entry.left_out), m2m_fields=m2m)
    if not hasattr(model, "get_additional_data"):
        model.get_additional_data = _additional_data
    RECORDED[model] = entry


def never(*models_: type[models.Model], why: str) -> None:
    """Declare that these models are never recorded in the trail, and why."""
    for model in models_:
        if model in NEVER or model in RECORDED:
            raise ImproperlyConfigured(f"{model._meta.label} is declared twice for the audit trail")
        NEVER[model] = why


def discover() -> None:
    """Import every installed app's `audit` module (called once, when the apps are ready)."""
    autodiscover_modules("audit")
