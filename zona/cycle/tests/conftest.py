from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_user
from zona.orgs.models import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def apip(units):
    """The inspectorate (APIP) over every unit: opens the year, enters the TPN's outcomes."""
    return make_user("inspektorat", units["RI"], Role.APIP, descendants=True)


@pytest.fixture
def opened(units, apip):
    from zona.cycle.services import cycle_open

    cycle_open(year=2026, under=units["SUMSEL"], by=apip)
    from zona.cycle.models import Entry

    return {e.unit.code: e for e in Entry.objects.select_related("unit", "assessment")}


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")


def walk(entry, tpi, until: str, on=date(2026, 5, 20), tpn=None):
    """Record the stages before `until` (proposed for WBK; the selection passed, by `tpn`)."""
    from zona.cycle.services import stage_record

    steps = [
        ("evaluasi_tpi", "", tpi),
        ("usulan", "diusulkan_wbk", tpi),
        ("seleksi_administrasi", "lulus", tpn),
    ]
    for stage, outcome, by in steps:
        if stage == until:
            return
        stage_record(entry=entry, stage=stage, outcome=outcome, on=on, by=by)
