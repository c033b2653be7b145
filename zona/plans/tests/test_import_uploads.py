"""Only the uploaded file waits between the web import's steps: the session holds its key and the
chosen mapping, never the parsed plan; a key is its uploader's alone; expired files go."""

import json
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from zona.plans.models import Indicator, Plan
from zona.plans.uploads import PENDING, upload_find, upload_keep, uploads_clean

from .test_import_web import CHOICES, UNKNOWN, upload


@pytest.fixture(autouse=True)
def _own_storage(tmp_path, settings):
    """Each test its own storage: files kept by another test are not this one's."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }


def _held(client) -> dict:
    return client.session["zona_import"]


def _stored(user) -> list[str]:
    try:
        return default_storage.listdir(f"{PENDING}/{user.pk}")[1]
    except FileNotFoundError:
        return []


def test_the_session_holds_the_files_key_and_mapping_not_the_plan(client, cast, units, seed_bytes):
    client.force_login(cast["coordinator"])
    page = upload(client, seed_bytes, "sk.md", units["SUMSEL"]).content.decode()
    assert "6 area, 22 komponen, 43 indikator" in page  # the preview was read from the file
    held = _held(client)
    assert set(held) == {"key", "mapping"} and held["mapping"] is None
    session = json.dumps(dict(client.session.items()))
    assert "AMRAH MUSLIMIN" not in session and "indicators" not in session and "Tim Kerja" not in session
    assert sorted(_stored(cast["coordinator"])) == [f"{held['key']}.json", f"{held['key']}.upload"]
    client.post(reverse("plans:import_confirm"))  # saved from the file read again
    plan = Plan.objects.get()
    assert Indicator.objects.filter(component__area__plan=plan).count() == 43
    assert "zona_import" not in client.session and _stored(cast["coordinator"]) == []


def test_a_mapped_file_is_read_again_with_the_mapping_on_save(client, cast, units):
    client.force_login(cast["coordinator"])
    upload(client, UNKNOWN, "rencana.csv", units["SUMSEL"], year="2026")
    client.post(reverse("plans:import_mapping"), CHOICES)
    held = _held(client)
    assert set(held) == {"key", "mapping"} and held["mapping"]["indicator"] == "Sasaran"
    assert "Rapat pembentukan tim" not in json.dumps(dict(client.session.items()))
    client.post(reverse("plans:import_confirm"))
    assert Plan.objects.get().year == 2026


def test_another_users_key_is_refused(client, cast, units, seed_bytes):
    owner, other = cast["coordinator"], cast["admin"]
    client.force_login(owner)
    upload(client, seed_bytes, "sk.md", units["SUMSEL"])
    key = _held(client)["key"]
    client.force_login(other)  # may import on the same unit, but the key is not theirs
    session = client.session
    session["zona_import"] = {"key": key, "mapping": None}
    session.save()
    page = client.post(reverse("plans:import_confirm"), follow=True).content.decode()
    assert "unggah berkas lagi" in page and Plan.objects.count() == 0
    page = client.get(reverse("plans:import_mapping"), follow=True).content.decode()
    assert "unggah berkas lagi" in page
    assert upload_find(other, key) is None and upload_find(owner, key) is not None
    assert len(_stored(owner)) == 2  # the other user's attempts leave the owner's file alone
    # the other user may import a file of their own on this unit
    upload(client, seed_bytes, "sk.md", units["SUMSEL"])
    client.post(reverse("plans:import_confirm"))
    assert Plan.objects.get().created_by == other


def test_made_up_keys_find_nothing(db, cast):
    user = cast["coordinator"]
    key = upload_keep(user, b"x", filename="a.md", unit=1, year=None, replace=False)
    for forged in ("../" + key, key.upper(), f"{key}/../{key}", "", None, "0" * 32):
        assert upload_find(user, forged) is None


def test_expired_files_are_refused_and_cleaned(client, cast, units, seed_bytes):
    user = cast["coordinator"]
    client.force_login(user)
    upload(client, seed_bytes, "sk.md", units["SUMSEL"])
    key = _held(client)["key"]
    later = timezone.now() + timedelta(days=1, minutes=1)
    assert upload_find(user, key) is not None and upload_find(user, key, now=later) is None
    assert uploads_clean() == 0 and len(_stored(user)) == 2  # a fresh file stays
    assert uploads_clean(now=later) == 2 and _stored(user) == []
    page = client.post(reverse("plans:import_confirm"), follow=True).content.decode()
    assert "unggah berkas lagi" in page and Plan.objects.count() == 0


def test_the_command_deletes_only_expired_files(db, cast, capsys):
    user = cast["coordinator"]
    key = upload_keep(user, b"x", filename="a.md", unit=1, year=None, replace=False)
    call_command("plan_uploads_clean")
    assert upload_find(user, key) is not None
    assert "0" in capsys.readouterr().out
