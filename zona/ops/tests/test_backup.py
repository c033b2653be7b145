"""A backup restores into an empty instance: every record count and every file's hash equal; a restore
that differs from its manifest names the count that differs."""

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


@pytest.mark.django_db
def test_a_restore_that_differs_from_its_manifest_names_each_count(units, tmp_path, settings):
    import io
    import json
    import tarfile

    from zona.ops.backup import BackupError, backup_write, restore

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "files")}},
    }  # fmt: skip
    archive, tampered = tmp_path / "asli.tar.gz", tmp_path / "diubah.tar.gz"
    manifest = backup_write(archive)
    manifest["counts"]["orgs.unit"] += 2  # the backup claims two units more than it holds
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        raw = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(raw)
        target.addfile(info, io.BytesIO(raw))
        data = source.getmember("data.json")
        target.addfile(data, source.extractfile(data))
    with pytest.raises(BackupError) as refused:
        restore(tampered, force=True)  # over the same records: every other count matches
    assert str(refused.value) == f"orgs.unit: {len(units) + 2} in the backup, {len(units)} restored"
