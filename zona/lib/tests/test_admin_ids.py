"""Ids the database can't hold, typed or forged in the Django admin (zona.lib.admin_ids): on every
registered admin, in an object's address, a list's filters, an action's selection and a form's
links (autocomplete, select, inline), the admin answers as for an id not found — never with a
server error (SQLite can't bind such a number: OverflowError). A value that is no id at all
(`abc`, `1.5`) is answered the same way. On both databases."""

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from zona.lib.admin_ids import BoundedIdsAdmin
from zona.orgs.models import RoleAssignment, Unit
from zona.portal.models import PortalSettings
from zona.workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db
HUGE = "9" * 21  # past a 64-bit integer
JUST_PAST = str(2**63)  # one past the largest id a BigAutoField holds
NOT_IDS = ["abc", "1.5", ""]  # no whole number: the query fails on it (ValueError)
ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _links(model) -> list[str]:
    """The model's links to another record (forward, concrete): what its lookups compare."""
    return [f.name for f in model._meta.get_fields() if f.is_relation and f.concrete and f.related_model]


def _lookups(model) -> list[str]:
    found = ["id", "pk", "id__in", "id__range", "id__gt"]
    for name in _links(model):
        found += [name, f"{name}__exact", f"{name}__in", f"{name}__id__exact", f"{name}__id__in"]
    return found


def test_every_registered_admin_holds_ids_to_their_columns():
    reverse("admin:index")  # the URL configuration loaded, as before any request
    assert ADMINS and all(isinstance(model_admin, BoundedIdsAdmin) for _model, model_admin in ADMINS)


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=lambda v: getattr(v, "_meta", v).__str__())
def test_no_admin_page_fails_on_an_id_too_large(admin_client, model, model_admin):
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    changelist = reverse(f"{base}_changelist")
    for lookup in _lookups(model):
        for value in (HUGE, JUST_PAST, f"1,{HUGE}"):
            response = admin_client.get(changelist, {lookup: value})
            assert response.status_code in (200, 302), (lookup, value)
    for page in ("change", "delete", "history"):
        for value in (HUGE, JUST_PAST):
            response = admin_client.get(reverse(f"{base}_{page}", args=[value]))
            # "doesn't exist", back to the index (or no right to the page at all: a trail's)
            assert response.status_code in (302, 403), (page, value)
    for confirmed in ({}, {"post": "yes"}):
        data = {"action": "delete_selected", "_selected_action": [HUGE], **confirmed}
        assert admin_client.post(changelist, data).status_code in (200, 302)


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=lambda v: getattr(v, "_meta", v).__str__())
def test_no_admin_page_fails_on_a_value_that_is_no_id(admin_client, model, model_admin, units, cast):
    """Every action of every list (delete_selected, a person's reset_two_factor, …) with such a
    value selected acts on nothing; an object's address and a list's filters with it answer as for
    an id not found."""
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"
    changelist = reverse(f"{base}_changelist")
    before = model._default_manager.count()
    action_form = admin_client.get(changelist).context.get("action_form")
    actions = [name for name, _label in action_form.fields["action"].choices if name] if action_form else []
    for action in actions:
        for confirmed in ({}, {"post": "yes"}):
            data = {"action": action, "_selected_action": [*NOT_IDS, f"1,{NOT_IDS[0]}"], **confirmed}
            assert admin_client.post(changelist, data).status_code in (200, 302), action
    assert model._default_manager.count() == before
    for value in NOT_IDS[:2]:
        for page in ("change", "delete", "history"):
            response = admin_client.get(reverse(f"{base}_{page}", args=[value]))
            assert response.status_code in (302, 403), (page, value)
        for lookup in _lookups(model):
            response = admin_client.get(changelist, {lookup: value})
            assert response.status_code in (200, 302), (lookup, value)


def test_an_object_address_with_such_an_id_is_an_object_not_found(admin_client, units):
    PortalSettings.objects.create(unit=units["SUMSEL"])  # its key is a link to the unit
    for model in (Unit, PortalSettings):
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[HUGE])
        response = admin_client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == reverse("admin:index")
        assert any(HUGE in str(m) for m in response.context["messages"])


def test_a_list_filtered_by_such_an_id_says_so_and_shows_the_list_without_filters(admin_client, units):
    url = reverse("admin:orgs_unit_changelist")
    for query in ({"parent": HUGE}, {"parent__id__exact": HUGE}, {"id__in": f"1,{HUGE}"}):
        response = admin_client.get(url, query, follow=True)
        page = response.content.decode()
        assert response.status_code == 200 and response.redirect_chain[-1][0] == f"{url}?e=1"
        assert f"Tidak ada data dengan id {HUGE}" in page
        assert all(unit.code in page for unit in units.values())


@pytest.mark.parametrize("query", [{"id__range": "5"}, {"level__range": "kab"}, {"id__range": "1,2,3"}])
def test_a_range_of_one_value_is_a_filter_the_admin_cannot_read(admin_client, units, query):
    url = reverse("admin:orgs_unit_changelist")
    response = admin_client.get(url, query)
    assert response.status_code == 302 and response["Location"] == f"{url}?e=1"


@pytest.mark.parametrize("forged", [HUGE, *NOT_IDS])
def test_an_action_drops_such_ids_and_acts_on_the_others(admin_client, cast, forged):
    kept = CalendarOverride.objects.create(date="2023-05-19", kind="day_off", reason="Tetap")
    gone = CalendarOverride.objects.create(date="2023-05-22", kind="day_off", reason="Dihapus")
    url = reverse("admin:workdays_calendaroverride_changelist")
    data = {"action": "delete_selected", "_selected_action": [gone.pk, forged], "post": "yes"}
    assert admin_client.post(url, data).status_code == 302
    assert list(CalendarOverride.objects.all()) == [kept]


def test_a_form_link_with_such_an_id_is_an_invalid_choice_and_nothing_is_saved(admin_client, units, cast):
    """The autocomplete of a unit's parent and of a role's person and unit, a person's groups (a
    multiple select)."""
    before = (Unit.objects.count(), RoleAssignment.objects.count(), LogEntry.objects.count())
    person = cast["viewer"]
    pages = [
        (
            reverse("admin:orgs_unit_add"),
            {"code": "BARU", "name": "Baru", "level": "regency", "parent": HUGE},
        ),
        (reverse("admin:orgs_roleassignment_add"), {"user": HUGE, "unit": HUGE, "role": "viewer"}),
        (
            reverse("admin:accounts_user_change", args=[person.pk]),
            {"username": person.username, "groups": [HUGE]},
        ),
    ]
    for url, data in pages:
        response = admin_client.post(url, data)
        assert response.status_code == 200, url  # the form again, with its errors
        errors = response.context["adminform"].form.errors
        links = {"parent", "user", "unit", "groups"} & set(errors)
        assert links and all("pilihan yang valid" in str(errors[name]) for name in links), url
    assert (Unit.objects.count(), RoleAssignment.objects.count(), LogEntry.objects.count()) == before
    assert not person.groups.exists()
    # a form opened with such an id as its initial value shows it as not found
    assert admin_client.get(reverse("admin:orgs_unit_add"), {"parent": HUGE}).status_code == 200


def test_an_inline_link_with_such_an_id_is_an_invalid_choice(rf, cast):
    """An inline's links too (a person's roles, as orgs.admin lays them out on a person's page)."""
    from zona.accounts.models import User
    from zona.lib.admin_ids import BoundedFormFields, bound_admin_ids
    from zona.orgs.admin import UserWithRolesAdmin

    site = admin.AdminSite(name="admin")  # its URLs: the admin's own (the autocomplete's)
    site.register(User, UserWithRolesAdmin)
    bound_admin_ids(site)
    request = rf.get("/")
    request.user = User.objects.create_superuser(username="super", password="x")
    [inline] = site._registry[User].get_inline_instances(request, cast["viewer"])
    assert isinstance(inline, BoundedFormFields)
    data = {
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-0-unit": HUGE,
        "roles-0-role": "viewer",
    }
    formset = inline.get_formset(request, cast["viewer"])(data, instance=cast["viewer"], prefix="roles")
    assert not formset.is_valid() and "pilihan yang valid" in str(formset.forms[0].errors["unit"])
    assert "<option" not in str(formset.forms[0]["unit"])  # the autocomplete looked nothing up
