"""The Django admin's user page: the person's roles on it (orgs' inline) with the superuser's
reset of two-factor sign-in (twofactor's action), whichever app registers the page last; and no
admin page that only fails (a notification is written by Zona, never added by hand)."""

import re

import pytest
from django.urls import reverse

from conftest import make_user
from zona.notifications.models import Notification
from zona.orgs.models import Role, RoleAssignment


@pytest.mark.django_db
def test_the_user_page_edits_the_roles_and_offers_the_two_factor_reset(admin_client, units):
    person = make_user("pic_sumsel", units["SUMSEL"], Role.PIC)
    page = admin_client.get(reverse("admin:accounts_user_change", args=[person.pk])).content.decode()
    prefix = _prefix(page)
    assert prefix is not None  # the roles' inline is on the page
    assert units["SUMSEL"].name in page  # the role held, on the person's page
    listing = admin_client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert 'value="reset_two_factor"' in listing
    # the inline saves: the role removed from the person's page is gone
    role = RoleAssignment.objects.get(user=person)
    data = _user_form(page) | {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-0-id": str(role.pk),
        f"{prefix}-0-user": str(person.pk),
        f"{prefix}-0-unit": str(role.unit_id),
        f"{prefix}-0-role": role.role,
        f"{prefix}-0-DELETE": "on",
    }
    response = admin_client.post(reverse("admin:accounts_user_change", args=[person.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not RoleAssignment.objects.filter(pk=role.pk).exists()


def _prefix(page: str) -> str | None:
    found = re.search(r'name="([\w-]+)-TOTAL_FORMS"', page)
    return found.group(1) if found else None


def _user_form(page: str) -> dict:
    """The user form's own fields as the page fills them (inputs with a value, checked boxes)."""
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        if "TOTAL_FORMS" not in name and "INITIAL_FORMS" not in name and "__prefix__" not in name:
            data.setdefault(name, value)
    for name in re.findall(r'<input[^>]*type="checkbox"[^>]*name="([^"]+)"[^>]*checked', page):
        data[name] = "on"
    data.pop("csrfmiddlewaretoken", None)
    return data


@pytest.mark.django_db
def test_a_notification_is_never_added_by_hand(admin_client, cast):
    assert admin_client.get(reverse("admin:notifications_notification_add")).status_code == 403
    before = Notification.objects.count()
    admin_client.post(reverse("admin:notifications_notification_add"), {"text": "x"})
    assert Notification.objects.count() == before
    listing = admin_client.get(reverse("admin:notifications_notification_changelist")).content.decode()
    assert reverse("admin:notifications_notification_add") not in listing
