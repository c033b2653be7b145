"""Two-factor sign-in: who must use it, enrolment on the first sign-in, backup codes used once,
a superuser's reset; each recorded in the audit log. Checked by what the person then reaches."""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, make_user
from zona.audit.models import AuditEvent
from zona.orgs.models import Role
from zona.twofactor import services as twofactor

PLANS = "/"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.ZONA_TWO_FACTOR = True
    # no wait after a wrong code here; test_a_wrong_code_makes_the_next_try_wait checks the wait
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def code(device, ahead: int = 0) -> str:
    """The app's code now, or `ahead` steps later (a code is accepted once: the next sign-in in
    the same 30 seconds uses the next one, within the device's tolerance of one step)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + ahead
    )
    return f"{value:0{device.digits}d}"


def enrol(client, user) -> list[str]:
    client.get(reverse("twofactor:enrol"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(reverse("twofactor:enrol"), {"token": code(device), "next": PLANS})
    return [c for c in page.context["codes"]]


@pytest.mark.parametrize(
    ("who", "required"),
    [
        ("admin", True),
        ("wbs_recipient", True),
        ("wbs_custodian", True),
        ("upg_officer", True),
        ("superuser", True),
        ("coordinator", False),
        ("pic", False),
    ],
)
def test_who_must_use_it(units, who, required):
    if who == "superuser":
        user = make_user("root")
        user.is_superuser = True
        user.save()
    else:
        user = make_user(who, units["SUMSEL"], getattr(Role, who.upper()))
    assert twofactor.required(user) is required


def test_a_unit_admin_enrols_at_the_first_sign_in(client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    response = client.get(PLANS)
    assert response.status_code == 302 and response["Location"].startswith(reverse("twofactor:enrol"))
    page = client.get(reverse("twofactor:enrol")).content.decode()
    assert "<svg" in page and 'id="secret"' in page
    # a wrong code confirms nothing
    client.post(reverse("twofactor:enrol"), {"token": "000000"})
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    codes = enrol(client, admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(PLANS).status_code == 200
    assert AuditEvent.objects.filter(action="2fa.enrolled", actor=admin).exists()


def test_the_next_sign_in_asks_for_the_code_and_a_backup_code_works_once(client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    codes = enrol(client, admin)
    client.post(reverse("accounts:logout"))

    sign_in(client, admin)
    response = client.get(PLANS)
    assert response["Location"].startswith(reverse("twofactor:verify"))
    assert client.get(PLANS).status_code == 302  # nothing behind it until the code is given
    client.post(reverse("twofactor:verify"), {"token": "123456"})
    assert client.get(PLANS).status_code == 302
    response = client.post(reverse("twofactor:verify"), {"token": codes[0], "next": PLANS})
    assert response.status_code == 302 and response["Location"] == PLANS
    assert client.get(PLANS).status_code == 200
    assert AuditEvent.objects.filter(action="2fa.backup_used", actor=admin).count() == 1
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post(reverse("accounts:logout"))

    sign_in(client, admin)
    client.post(reverse("twofactor:verify"), {"token": codes[0]})  # used up
    assert client.get(PLANS).status_code == 302
    device = TOTPDevice.objects.get(user=admin)
    client.post(reverse("twofactor:verify"), {"token": code(device, ahead=1)})
    assert client.get(PLANS).status_code == 200


def test_optional_for_others_and_then_asked_for(client, units):
    pic = make_user("pic", units["SUMSEL"], Role.PIC)
    sign_in(client, pic)
    assert client.get(PLANS).status_code == 200  # not required
    enrol(client, pic)
    client.post(reverse("accounts:logout"))
    sign_in(client, pic)
    assert client.get(PLANS).status_code == 302  # turned on: asked for
    client.post(reverse("twofactor:verify"), {"token": code(TOTPDevice.objects.get(user=pic), ahead=1)})
    client.post(reverse("twofactor:disable"))
    assert not TOTPDevice.objects.filter(user=pic).exists()
    assert AuditEvent.objects.filter(action="2fa.disabled", actor=pic).exists()


def test_a_required_person_cant_turn_it_off(client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    enrol(client, admin)
    client.post(reverse("twofactor:disable"))
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_a_superuser_resets_it_and_the_person_enrols_again(client, admin_client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    enrol(client, admin)
    root = make_user("root")
    root.is_superuser = root.is_staff = True
    root.save()
    # the admin site is behind the second factor too: the superuser enrols first
    client.logout()
    sign_in(client, root)
    assert client.get("/admin/").status_code == 302
    enrol(client, root)
    client.post(
        "/admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [admin.pk]}, follow=True
    )
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert AuditEvent.objects.filter(action="2fa.reset", actor=root, object_id=str(admin.pk)).exists()
    client.logout()
    sign_in(client, admin)
    assert client.get(PLANS)["Location"].startswith(reverse("twofactor:enrol"))


def test_a_staff_member_who_is_not_superuser_cant_reset(client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    enrol(client, admin)
    staff = make_user("staff")
    staff.is_staff = True
    staff.save()
    from django.contrib.auth.models import Permission

    staff.user_permissions.set(Permission.objects.filter(codename__in=["change_user", "view_user"]))
    client.logout()
    sign_in(client, staff)
    client.post("/admin/accounts/user/", {"action": "reset_two_factor", "_selected_action": [admin.pk]})
    assert TOTPDevice.objects.filter(user=admin).exists()


def test_reset_from_the_command_line(units, capsys):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    TOTPDevice.objects.create(user=admin, name="authenticator", confirmed=True)
    call_command("reset_2fa", "admin_unit")
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert AuditEvent.objects.filter(action="2fa.reset", object_id=str(admin.pk)).exists()


def test_public_pages_stay_reachable_half_signed_in(client, units):
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    assert client.get(f"/publik/{units['SUMSEL'].slug}/").status_code == 200


def test_a_wrong_code_makes_the_next_try_wait(client, units, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 1
    admin = make_user("admin_unit", units["SUMSEL"], Role.ADMIN)
    sign_in(client, admin)
    codes = enrol(client, admin)
    client.post(reverse("accounts:logout"))
    sign_in(client, admin)
    client.post(reverse("twofactor:verify"), {"token": "999999"})
    client.post(reverse("twofactor:verify"), {"token": codes[1]})  # right, but too soon
    assert client.get(PLANS).status_code == 302
    time.sleep(1.1)
    client.post(reverse("twofactor:verify"), {"token": codes[1]})
    assert client.get(PLANS).status_code == 200
