"""Run by test_trust.py in a child process under the production settings (deploy/zona.env.example,
DEBUG off): a client that is not the trusted proxy sends a new forged X-Forwarded-For with every
request. Prints what happened as JSON: whether the sign-in lock-out, the complaint rate limit
and the tracking-code limit still bit, and (for contrast) whether the trusted proxy's header is
believed.

Before that, the same process evaluates the settings under each environment it reads as JSON
on its standard input (zona/tests/settings_child.py), so test_trust.py starts one process, not
one more per environment; the answers are under "settings"."""

from __future__ import annotations

import json
import sys

import django

from zona.tests.settings_child import evaluate

# The settings under each environment given, evaluated before this process's own are set up.
EVALUATED = evaluate(*json.load(sys.stdin)) if __name__ == "__main__" else {}
django.setup()

from django.conf import settings  # noqa: E402 - after django.setup()
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

UNTRUSTED = "203.0.113.7"
HOST = "zona.example.go.id"
PASSWORD = "correct-horse-battery"


def forged(client: Client, url: str, data: dict, n: int):
    return client.post(url, data, secure=True, HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}")


def sign_in_locked(client: Client) -> bool:
    from zona.accounts.models import User

    User.objects.create_user(username="koordinator", password=PASSWORD)
    url = reverse("accounts:login")
    for n in range(settings.AXES_FAILURE_LIMIT):
        forged(client, url, {"username": "koordinator", "password": "salah"}, n)
    right = forged(client, url, {"username": "koordinator", "password": PASSWORD}, 251)
    return right.status_code == 429 and "_auth_user_id" not in client.session


def complaints_limited(client: Client, unit) -> dict:
    from zona.cases.models import Case

    url = reverse("complaints_public:form", args=[unit.slug])
    form = {"subject": "Loket", "description": "Antre", "category": "pelayanan", "reporter_contact": "08123"}
    allowance = int(settings.ZONA_PUBLIC_FORM_RATE.split("/")[0])
    statuses = [forged(client, url, form, n).status_code for n in range(allowance + 1)]
    return {"last": statuses[-1], "cases": Case.objects.count(), "allowance": allowance}


def tracking_limited(client: Client, unit, *, peer: str) -> int:
    url = reverse("complaints_public:track", args=[unit.slug])
    allowance = int(settings.ZONA_PUBLIC_FORM_RATE.split("/")[0])
    last = None
    for n in range(allowance + 1):
        guess = {"number": f"ADU/{unit.code}/2026/{900000 + n}", "code": "SALAHKODE1"}
        last = client.post(url, guess, secure=True, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    return last.status_code


def main() -> None:
    from zona.tests.dbtemplate import from_template

    setup_test_environment()
    original = connection.settings_dict["NAME"]
    with from_template():  # a copy of the suite's migrated template, not a migration of its own
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        result = probe()
    finally:  # the copy is dropped (on PostgreSQL it would stay on the server)
        connection.creation.destroy_test_db(original, verbosity=0)
    print(json.dumps(result))


def probe() -> dict:
    from zona.orgs.models import Level
    from zona.orgs.services import unit_create

    unit = unit_create(code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=Level.PROVINCE)
    # The lock-out counts wrong passwords whatever their hash costs: a cheap hash here, where
    # the production one (argon2) would cost a second of this machine per wrong password.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        locked = sign_in_locked(Client(HTTP_HOST=HOST, REMOTE_ADDR=UNTRUSTED))
    result = {
        "settings": EVALUATED,
        "debug": settings.DEBUG,
        "trusted": list(settings.ZONA_TRUSTED_PROXIES),
        "sign_in_locked": locked,
        "complaints": complaints_limited(Client(HTTP_HOST=HOST, REMOTE_ADDR=UNTRUSTED), unit),
        "tracking_untrusted": tracking_limited(Client(HTTP_HOST=HOST), unit, peer=UNTRUSTED),
        "tracking_from_proxy": tracking_limited(Client(HTTP_HOST=HOST), unit, peer="127.0.0.1"),
    }
    return result


if __name__ == "__main__":
    main()
