"""The field-level audit trail: a change on each audited model is recorded with its old and new
values, stamped with its unit; the fields an app leaves out are never recorded; the history of an
object and the unit's export are read only by those allowed (the APIP alone for complaints, PPID
and gratification)."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from openpyxl import load_workbook

from conftest import body, make_user
from zona.accounts.models import User
from zona.audit.registry import RECORDED, unit_of
from zona.orgs.models import Role, Unit
from zona.plans.models import ActionStep


def _candidates(model, instance):
    """(field, old, new) for the ordinary recorded fields of the instance, in order."""
    left_out = RECORDED[model].left_out
    constrained = {name for c in model._meta.constraints for name in getattr(c, "fields", ())}
    constrained |= {name for group in model._meta.unique_together for name in group}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.unique or not field.editable or field.choices or field.name in left_out:
            continue
        if field.name in constrained:
            continue
        old = getattr(instance, field.attname)
        if isinstance(field, models.CharField | models.TextField):
            new = f"diubah {random.randint(1000, 9999)}"[: field.max_length or 100]
        elif isinstance(field, models.BooleanField):
            new = not old
        elif isinstance(field, models.PositiveSmallIntegerField | models.IntegerField) and old is not None:
            new = old + 1
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            new = old + timedelta(days=1) if old else date(2026, 1, 2)
        else:
            continue
        yield field, old, new


def _change(model, instance):
    """Change one ordinary field and save (a field the database's checks refuse is skipped)."""
    for field, old, new in _candidates(model, instance):
        setattr(instance, field.attname, new)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            setattr(instance, field.attname, old)
            continue
        return field, old, new
    return None


DEMO_DOES_NOT_REACH = {"evaluation", "cycle", "proposal"}


@pytest.mark.django_db
def test_a_change_on_each_audited_model_is_recorded_with_old_and_new_values(capsys):
    call_command("demo", "--password", "demo-pass-123")  # a world across every module
    capsys.readouterr()
    tried, empty, unchangeable = [], [], []
    for model in auditlog.get_models():
        if model._meta.auto_created:
            continue
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            empty.append(model._meta.label)
            continue
        found = _change(model, instance)
        if found is None:
            unchangeable.append(model._meta.label)
            continue
        field, old, new = found
        entry = LogEntry.objects.get_for_object(instance).filter(action=LogEntry.Action.UPDATE).latest("pk")
        recorded = entry.changes_dict[field.name]
        assert [str(v) for v in recorded] == [str(old), str(new)], (model, field.name, recorded)
        assert not set(entry.changes_dict) & RECORDED[model].left_out, model
        unit = unit_of(instance)
        assert entry.additional_data == ({"unit": unit.pk} if unit else {}), model
        tried.append(model._meta.label)
    # every audited model the demo fills is checked
    assert unchangeable == []
    # the demo does not yet walk the evaluation year (tiers, the package's letters, the national
    # cycle), so their empty models are not counted against the bound until it does; every other
    # app's bound is unchanged
    empty = [label for label in empty if label.split(".")[0] not in DEMO_DOES_NOT_REACH]
    assert len(tried) >= 37 and len(empty) <= 30, (len(tried), sorted(empty))


@pytest.mark.django_db
def test_a_password_is_never_recorded(units):
    user = make_user("rahasia")
    user.set_password("another-long-passphrase-9")
    user.save()
    for entry in LogEntry.objects.get_for_object(user):
        assert "password" not in (entry.changes_dict or {})


@pytest.fixture
def changed_step(seed_plan, cast):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).first()
    step.text = "Langkah yang diubah untuk jejak audit"
    step.save()
    return step


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("admin", True), ("reviewer", True), ("coordinator", False), ("viewer", False), ("outsider", False)],
)
def test_who_reads_an_objects_history(client, cast, changed_step, role, allowed):
    client.force_login(cast[role])
    response = client.get(reverse("audit:history", args=["plans.ActionStep", changed_step.pk]))
    assert (b"Langkah yang diubah untuk jejak audit" in body(response)) is allowed
    assert response.status_code == (200 if allowed else 404)


def test_the_unit_trail_exports_for_the_inspektorat(client, cast, changed_step, units):
    apip = make_user("apip", units["SUMSEL"], Role.APIP)
    client.force_login(apip)
    year = date.today().year
    response = client.get(reverse("audit:trail_xlsx", args=[units["SUMSEL"].slug]) + f"?tahun={year}")
    sheet = load_workbook(io.BytesIO(body(response))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert any(row[6] == "text" and row[8] == "Langkah yang diubah untuk jejak audit" for row in values)
    client.force_login(cast["outsider"])
    assert client.get(reverse("audit:trail", args=[units["SUMSEL"].slug])).status_code == 404


def test_complaint_history_is_for_the_apip_only(client, cast, units):
    from zona.complaints.tests.test_complaints import submit  # noqa: PLC0415

    case, _code = submit(units["SUMSEL"])
    case.subject = "Subjek yang diubah"
    case.save()
    client.force_login(cast["admin"])
    url = reverse("audit:history", args=[case._meta.label, case.pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user("apip", units["SUMSEL"], Role.APIP))
    assert b"Subjek yang diubah" in body(client.get(url))
    assert User.objects.exists() and Unit.objects.exists()
