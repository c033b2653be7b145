"""A backup restores into an empty instance: every record count and every file's hash equal."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from zona.ops.backup import _sha256 as sha256
from zona.ops.backup import counts, stored_files


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_instance(tmp_path, settings, capsys):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "files")}},
    }  # fmt: skip
    call_command("demo", "--password", "demo-pass-123")  # every module, files included
    before_counts = counts()
    before_files = {name: sha256(name) for name in stored_files()}
    assert sum(before_counts.values()) > 1000 and len(before_files) >= 3
    archive = tmp_path / "zona-backup.tar.gz"
    call_command("backup", str(archive))
    assert "records" in capsys.readouterr().out

    with pytest.raises(CommandError, match="holds data"):
        call_command("restore", str(archive))  # never over a live instance

    call_command("flush", interactive=False, verbosity=0)  # an empty instance
    for name in stored_files():
        default_storage.delete(name)
    assert not any(counts().values()) and stored_files() == []

    call_command("restore", str(archive))
    assert "restored and checked" in capsys.readouterr().out
    assert counts() == before_counts
    assert {name: sha256(name) for name in stored_files()} == before_files
    from zona.accounts.models import User

    assert User.objects.get(username="koordinator").check_password("demo-pass-123")
