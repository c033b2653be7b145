"""A deadline past the last year whose cuti bersama are confirmed (2027 in the pinned holiday
data, SKB 3 Menteri) is an estimate: the page and the register export say "perkiraan"."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import body
from zona.complaints.export_kinds import REGISTER
from zona.complaints.services import complaint_submit
from zona.orgs.models import Role
from zona.orgs.services import role_grant

pytestmark = pytest.mark.django_db


def _submit(unit, received_on):
    return complaint_submit(
        unit=unit,
        subject="Antrean layanan",
        description="Lama",
        category="pelayanan",
        reporter_name="Budi",
        reporter_contact="0812",
        received_on=received_on,
    )[0]


def test_a_deadline_in_2028_is_marked_perkiraan_on_the_page_and_in_the_register(client, cast, units):
    role_grant(user=cast["pic"], unit=units["SUMSEL"], role=Role.COMPLAINT_OFFICER)
    late = _submit(units["SUMSEL"], date(2027, 12, 30))
    early = _submit(units["SUMSEL"], date(2027, 6, 1))
    assert late.due_on.year == 2028 and early.due_on.year == 2027
    client.force_login(cast["pic"])
    page = body(client.get(reverse("complaints:detail", args=[late.pk]))).decode()
    assert "perkiraan" in page and "2027" in page
    assert "perkiraan" not in body(client.get(reverse("complaints:detail", args=[early.pk]))).decode()
    # the register as the worker makes it for this officer (zona.evidence.exports)
    register = REGISTER.render(
        units["SUMSEL"], "xlsx", {"start": "2027-01-01", "end": "2027-12-31"}, cast["pic"], 0, None
    )
    rows = {r[0]: r for r in load_workbook(io.BytesIO(register)).active.iter_rows(values_only=True)}
    assert rows[late.number][9] == f"{late.due_on:%d-%m-%Y} (perkiraan)"
    assert rows[early.number][9] == f"{early.due_on:%d-%m-%Y}"
