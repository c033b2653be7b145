"""The WBS cast: a recipient and a custodian of KPU Sumsel with their keys, and a helper that
files a report the way the public page does."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from zona.orgs.models import Role
from zona.wbs.keys import key_create
from zona.wbs.reports import report_submit

PASSPHRASE = "kunci rahasia yang panjang sekali"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def recipient(units):
    user = make_user("penerima", units["SUMSEL"], Role.WBS_RECIPIENT)
    key_create(user=user, passphrase=PASSPHRASE)
    return user


@pytest.fixture
def custodian(units):
    user = make_user("kustodian", units["SUMSEL"], Role.WBS_CUSTODIAN)
    key_create(user=user, passphrase=PASSPHRASE)
    return user


def submit(unit, *, what="Pungutan liar di loket", identity=None, files=()):
    return report_submit(
        unit=unit,
        answers={"what": what, "who": "", "when": "", "where": "", "how": ""},
        identity=identity,
        uploads=list(files),
    )


def pdf(name="bukti.pdf", extra=b""):
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


def unlock(client, user, passphrase=PASSPHRASE):
    client.force_login(user)
    return client.post(reverse("wbs:key_open"), {"passphrase": passphrase})


@pytest.fixture
def own_store(settings, tmp_path):
    """A file store of this test's own (the suite's workers share one otherwise)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path
