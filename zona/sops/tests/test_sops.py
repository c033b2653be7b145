"""The SOP register's rules: the next review at most three years after approval or the last
"tetap" review (LKE A.I.2.i.c), across leap years; revisions as versions; cabut withdraws;
reminders sent once before and once after the date; service SOPs public, nothing else; LKE
A.I.2.i.a and c suggested from the register."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from zona.lke.models import Assessment
from zona.lke.suggestions import suggest
from zona.notifications.models import Notification
from zona.sops import services
from zona.sops.models import Reminder
from zona.sops.services import SopError, add_years

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: TODAY)


def pdf(name="sop.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 SOP", content_type="application/pdf")


def make_sop(unit, approved_on=date(2024, 2, 29), by=None, **extra):
    values = {"title": "SOP Layanan Informasi", "process": "Layanan PPID", "is_service": True,
              "code": "SOP-01/PPID", "approved_on": approved_on, "signer": "Ketua KPU", **extra}  # fmt: skip
    return services.sop_create(unit=unit, upload=pdf(), by=by, **values)


@pytest.mark.parametrize(
    ("approved", "due"),
    [
        (date(2024, 2, 29), date(2027, 2, 28)),  # a leap day: never past three years
        (date(2023, 3, 1), date(2026, 3, 1)),
        (date(2025, 2, 28), date(2028, 2, 28)),  # into a leap year: the same day
        (date(2021, 12, 31), date(2024, 12, 31)),
    ],
)
def test_the_next_review_is_three_years_on(units, approved, due):
    sop = make_sop(units["SUMSEL"], approved_on=approved)
    assert sop.versions.get().review_due == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(1, 3))
def test_add_years_never_passes_the_anniversary(day, years):
    later = add_years(day, years)
    assert later.year == day.year + years
    assert (later.month, later.day) <= (day.month, day.day)
    assert (later - day).days <= 366 * years


def test_a_shorter_cycle_is_allowed_a_longer_one_is_not(units, settings):
    with pytest.raises(SopError, match="paling lambat"):
        make_sop(units["SUMSEL"], review_due=date(2027, 3, 1))
    sop = make_sop(units["SUMSEL"], review_due=date(2025, 6, 30))
    assert sop.versions.get().review_due == date(2025, 6, 30)
    settings.ZONA_SOP_REVIEW_YEARS = 2
    assert make_sop(units["SUMSEL"]).versions.get().review_due == date(2026, 2, 28)
    settings.ZONA_SOP_REVIEW_YEARS = 5  # never more than three
    assert make_sop(units["SUMSEL"]).versions.get().review_due == date(2027, 2, 28)


def test_reviews_and_revisions(units):
    sop = make_sop(units["SUMSEL"], approved_on=date(2023, 1, 10))
    assert services.status_of(sop, date(2025, 6, 1)).status == "ok"
    assert services.status_of(sop, date(2025, 12, 1)).status == "upcoming"  # within 90 days of 10 Jan 2026
    row = services.status_of(sop, date(2026, 1, 11))
    assert (row.due, row.status) == (date(2026, 1, 10), "overdue")

    services.review_record(
        sop=sop, reviewed_on=date(2026, 1, 20), reviewers="Tim ZI", result="tetap", note="", by=None
    )
    row = services.status_of(sop, TODAY)
    assert (row.due, row.status) == (date(2029, 1, 20), "ok")

    services.review_record(
        sop=sop, reviewed_on=date(2026, 3, 2), reviewers="Tim ZI", result="revisi", note="Alur", by=None
    )
    assert services.status_of(sop, TODAY).status == "revision"
    with pytest.raises(SopError):
        services.version_add(
            sop=sop, code="SOP-01", approved_on=date(2022, 1, 1), signer="Ketua", upload=pdf(), by=None
        )
    version = services.version_add(
        sop=sop,
        code="SOP-01/PPID/2026",
        approved_on=date(2026, 4, 1),
        signer="Ketua",
        upload=pdf(),
        by=None,
        note="Alur baru",
    )
    assert version.number == 2
    row = services.status_of(sop, TODAY)
    assert (row.version, row.due, row.status) == (version, date(2029, 4, 1), "ok")

    services.review_record(
        sop=sop, reviewed_on=date(2026, 5, 2), reviewers="Tim ZI", result="cabut", note="", by=None
    )
    sop.refresh_from_db()
    assert sop.withdrawn_on == date(2026, 5, 2) and services.status_of(sop, TODAY).status == "withdrawn"
    with pytest.raises(SopError, match="dicabut"):
        services.review_record(sop=sop, reviewed_on=TODAY, reviewers="x", result="tetap", note="", by=None)
    with pytest.raises(SopError):
        make_sop(units["SUMSEL"], approved_on=date(2026, 7, 1))  # in the future


def test_reminders_are_sent_once_before_and_once_after(units, cast, settings):
    settings.ZONA_SOP_NOTICE_DAYS = 30
    sop = make_sop(units["SUMSEL"], approved_on=date(2023, 6, 20))  # due 20 June 2026
    assert services.sop_reminders(date(2026, 5, 1)) == 0  # not yet within 30 days
    assert services.sop_reminders(date(2026, 5, 25)) == 1
    assert services.sop_reminders(date(2026, 5, 26)) == 0  # once
    managers = {cast["coordinator"].pk, cast["admin"].pk, cast["area_coordinator"].pk}
    assert set(Notification.objects.values_list("user_id", flat=True)) == managers
    assert services.sop_reminders(date(2026, 6, 21)) == 1  # overdue: once more
    assert services.sop_reminders(date(2026, 7, 30)) == 0
    assert Notification.objects.count() == 2 * len(managers)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"upcoming", "overdue"}
    services.review_record(
        sop=sop, reviewed_on=date(2026, 6, 1), reviewers="Tim", result="tetap", note="", by=None
    )
    assert services.sop_reminders(date(2026, 7, 30)) == 0  # the new due date is three years away


def test_only_service_sops_in_force_are_public(client, units):
    public = make_sop(units["SUMSEL"], title="SOP Layanan Pengaduan")
    internal = make_sop(units["SUMSEL"], title="SOP Arsip Internal", is_service=False)
    page = client.get(reverse("sops_public:list", args=[units["SUMSEL"].slug])).content.decode()
    assert "SOP Layanan Pengaduan" in page and "SOP Arsip Internal" not in page
    assert (
        "SOP Layanan Pengaduan"
        in client.get(reverse("portal:unit", args=[units["SUMSEL"].slug])).content.decode()
    )
    response = client.get(reverse("sops_public:file", args=[units["SUMSEL"].slug, public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("sops_public:file", args=[units["SUMSEL"].slug, internal.pk])).status_code == 404
    )
    assert client.get(reverse("sops_public:file", args=[units["JAMBI"].slug, public.pk])).status_code == 404
    services.review_record(sop=public, reviewed_on=TODAY, reviewers="Tim", result="cabut", note="", by=None)
    assert client.get(reverse("sops_public:file", args=[units["SUMSEL"].slug, public.pk])).status_code == 404


def test_lke_suggestions(units):
    unit = units["SUMSEL"]
    assessment = Assessment(unit=unit, year=2026)
    assert "A.I.2.i.c" not in suggest(assessment)
    first = make_sop(unit, approved_on=date(2022, 1, 5))
    second = make_sop(unit, approved_on=date(2022, 1, 5), process="")
    found = suggest(assessment)
    assert found["A.I.2.i.a"].answer == "C"  # 1 of 2 name a business process
    assert found["A.I.2.i.c"].answer == "E"  # never evaluated
    services.review_record(
        sop=first, reviewed_on=date(2026, 1, 5), reviewers="Tim", result="revisi", note="", by=None
    )
    assert suggest(assessment)["A.I.2.i.c"].answer == "D"  # half evaluated
    services.review_record(
        sop=second, reviewed_on=date(2026, 1, 6), reviewers="Tim", result="tetap", note="", by=None
    )
    assert suggest(assessment)["A.I.2.i.c"].answer == "C"  # all evaluated, one revision not done
    services.version_add(
        sop=first, code="SOP-01 rev", approved_on=date(2026, 2, 1), signer="Ketua", upload=pdf(), by=None
    )
    assert suggest(assessment)["A.I.2.i.c"].answer == "A"
    assert "2 dari 2" in suggest(assessment)["A.I.2.i.c"].source


def test_reminders_reach_managers_over_the_unit_and_skip_the_inactive(units, cast, settings):
    """The register managers are the role holders of zona.orgs.holders: those holding the role on
    the unit itself or over it from an ancestor, active ones only."""
    from conftest import make_user
    from zona.orgs.models import Role

    settings.ZONA_SOP_NOTICE_DAYS = 30
    above = make_user("koordinator_ri", units["RI"], Role.COORDINATOR, descendants=True)
    only_ri = make_user("koordinator_ri_saja", units["RI"], Role.COORDINATOR)
    cast["admin"].is_active = False
    cast["admin"].save()
    make_sop(units["SUMSEL"], approved_on=date(2023, 6, 20))  # due 20 June 2026
    assert services.sop_reminders(date(2026, 5, 25)) == 1
    reminded = set(Notification.objects.values_list("user_id", flat=True))
    assert reminded == {cast["coordinator"].pk, cast["area_coordinator"].pk, above.pk}
    assert only_ri.pk not in reminded and cast["admin"].pk not in reminded
