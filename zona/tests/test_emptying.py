"""A transactional test leaves the database as Django's flush would: every table empty but the
content types and permissions, which stay complete."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from zona.orgs.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)

_seen: dict[str, int] = {}


def test_a_transactional_test_writes_rows(units):
    _seen["content_types"] = ContentType.objects.count()
    _seen["permissions"] = Permission.objects.count()
    assert Unit.objects.count() == 5


def test_the_next_one_starts_empty_with_every_content_type_and_permission():
    assert not Unit.objects.exists()
    if _seen:  # run after the first (the order is not guaranteed under xdist)
        assert ContentType.objects.count() == _seen["content_types"]
        assert Permission.objects.count() == _seen["permissions"]
    assert ContentType.objects.get_for_model(Unit).model_class() is Unit
    assert Permission.objects.filter(codename="view_unit").exists()
