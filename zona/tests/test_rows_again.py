"""The standard units and cast copied from their first making (rows_again.py) are what the
services make: every table's rows, field by field (timestamps aside), and the objects returned."""

import pytest
from django.db import models, transaction

from conftest import _cast, _units
from zona.tests import rows_again


def _world() -> dict:
    units = _units()
    return {**units, **_cast(units)}


def _rows() -> dict[str, list]:
    """Every table's rows, without the fields that hold the moment they were written."""
    found = {}
    for model in rows_again._tables():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not isinstance(f, models.DateTimeField | models.DateField)
        ]
        found[model._meta.label] = sorted(map(repr, model._base_manager.values_list(*fields)))
    return found


def _seen(made: dict) -> dict:
    return {key: (type(obj), obj.pk, str(obj)) for key, obj in made.items()}


@pytest.mark.django_db
def test_the_rows_copied_are_the_rows_the_services_wrote():
    rows_again._KEPT.pop("probe", None)
    outcomes = []
    for _ in range(2):  # the first time made by the services, the second copied
        with transaction.atomic():
            made = rows_again.made_once("probe", _world)
            outcomes.append((_rows(), _seen(made)))
            transaction.set_rollback(True)
    assert "probe" in rows_again._KEPT, "the second making was not a copy"
    (made_rows, made_objects), (copied_rows, copied_objects) = outcomes
    assert made_rows["orgs.Unit"] and made_rows["orgs.RoleAssignment"]
    assert copied_rows == made_rows
    assert copied_objects == made_objects


@pytest.mark.django_db(transaction=True)
def test_a_committed_test_gets_the_services_making(monkeypatch):
    """A transactional test (what runs after the commit matters there) is never given a copy."""
    calls = []
    rows_again._KEPT["probe-committed"] = ([], {})

    def build():
        calls.append(1)
        return {}

    assert rows_again.made_once("probe-committed", build) == {} and calls == [1]
