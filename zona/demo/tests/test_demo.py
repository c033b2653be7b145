"""`zona demo` loads a working world: the KPU units, a person for every role, the seed plan with
a closed and an open quarter, and the public channels. Safe to run twice.

The world is built once for this module (`demo`), inside a transaction rolled back after its last
test; each test runs in a savepoint within it, so what one test changes is gone before the next."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from zona.accounts.models import User
from zona.orgs.models import Unit
from zona.plans.models import Plan

PASSWORD = "demo-pass-123"


def demo_run(password: str) -> str:
    """What `zona demo --password PASSWORD` prints."""
    out = StringIO()
    call_command("demo", "--password", password, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> str:
    """The demo world of one run, and what that run printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_run(PASSWORD)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_loads_units_people_and_the_seed_plan(demo):
    assert Unit.objects.filter(level="province").count() == 38
    assert Unit.objects.get(code="SUMSEL").children.count() == 17
    assert Unit.objects.get(code="SUMSEL-PALEMBANG").path == "/RI/SUMSEL/SUMSEL-PALEMBANG/"
    plan = Plan.objects.get(unit__code="SUMSEL", year=2023)
    assert plan.is_established
    assert User.objects.get(username="koordinator").check_password(PASSWORD)
    assert PASSWORD in demo and "koordinator" in demo and "pimpinan.sumsel" in demo
    from zona.monev.models import MonevCycle

    assert sorted(MonevCycle.objects.filter(plan=plan).values_list("quarter", "status")) == [
        (1, "closed"),
        (2, "open"),
    ]
    assert Plan.objects.filter(unit__code="SUMSEL-PALEMBANG").exists()


def _passphrase(out: str) -> str:
    return out.split("kustodian.wbs: ")[1].splitlines()[0]


def _wbs_report_opens(out: str) -> None:
    """The demo's WBS report, found by the receipt printed in `out`, opens for both key holders
    with the passphrase printed there."""
    from zona.wbs.keys import key_unlock, report_key
    from zona.wbs.reports import report_by_receipt

    passphrase = _passphrase(out)
    report, _key = report_by_receipt(out.split("(at /wbs/lacak/): ")[1].splitlines()[0])
    for username in ("penerima.wbs", "kustodian.wbs"):
        user = User.objects.get(username=username)
        assert report_key(report, user, key_unlock(user=user, passphrase=passphrase)) is not None


@pytest.mark.django_db
def test_demo_sets_up_the_integrity_modules(demo, client):
    from zona.coi.models import MainFunction
    from zona.gratification.models import GratificationReport
    from zona.wbs.keys import channel_open

    sumsel = Unit.objects.get(code="SUMSEL")
    assert channel_open(sumsel)
    _wbs_report_opens(demo)
    assert GratificationReport.objects.filter(unit=sumsel).count() == 1
    assert MainFunction.objects.filter(unit=sumsel).count() == 3
    assert "/wbs/sumsel/" in client.get(f"/publik/{sumsel.slug}/").content.decode()


@pytest.mark.django_db
def test_demo_run_twice_adds_nothing_and_seals_the_wbs_report_to_the_new_passphrase(demo):
    from zona.monev.models import MonevCycle
    from zona.risks.models import Register
    from zona.surveys.models import Survey

    out = demo_run("demo-pass-456")
    assert Plan.objects.count() == 2 and Unit.objects.count() == 56 and MonevCycle.objects.count() == 2
    assert Survey.objects.count() == 6  # and 2023's SKM, IPAK and IPKP
    assert Register.objects.count() == 1
    assert _passphrase(out) != _passphrase(demo)
    _wbs_report_opens(out)


@pytest.mark.django_db
def test_demo_has_services_standards_and_surveys(demo, client):
    from zona.surveys.figures import figures
    from zona.surveys.models import FollowUp, ServiceStandard, Status, Survey

    # last quarter's SKM; the plan year's (2023, behind the LKE's derived answers) is published too
    surveys = Survey.objects.exclude(period_end__year=2023)
    published = surveys.get(unit__code="SUMSEL", status=Status.PUBLISHED)
    assert figures(published).result.respondents == 64 and published.posted_on
    assert FollowUp.objects.filter(survey=published, step__pic__username="pic").exists()
    assert Survey.objects.filter(unit__code="SUMSEL", status=Status.OPEN).count() == 2
    assert ServiceStandard.objects.filter(published_on__isnull=False).count() == 2
    portal = client.get("/publik/sumsel/").content.decode()
    assert published.token in portal and "/survei/" in portal
    for survey in Survey.objects.filter(status=Status.OPEN):
        assert client.get(f"/survei/{survey.token}/").status_code == 200
    assert Survey.objects.count() == 6  # and 2023's SKM, IPAK and IPKP


@pytest.mark.django_db
def test_demo_fills_the_registers(demo):
    from zona.lke.figures import figures
    from zona.risks.models import Realisation, Register
    from zona.sops.services import register

    sumsel = Unit.objects.get(code="SUMSEL")
    risk_register = Register.objects.get(unit=sumsel, year=2023)
    assert risk_register.risks.count() == 4 and Realisation.objects.count() == 1
    assert {row.status for row in register(sumsel)} >= {"overdue", "upcoming"}
    from zona.sops.models import Version

    codes = list(Version.objects.filter(sop__unit=sumsel).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 3  # whole numbers, not a title cut short
    assert all(re.fullmatch(r"00[1-3]/SOP/SUMSEL/20\d\d", code) for code in codes), codes
    found = {f.ref: f.as_json() for f in figures(sumsel, 2023)}
    assert found["A.II.3.iii.a"]["percent"] == 66.67  # 3 violations the year before, 1 in 2023
    assert found["A.II.5.iii.a"]["percent"] == 100.0 and found["A.II.5.iii.b"]["percent"] == 50.0
    assert found["A.II.6.i.b"]["percent"] == 66.67
    # the 2023 agreement is not signed: none of its sasaran counts as met (PermenPAN-RB 53/2014)
    assert found["A.II.4.i.a"]["percent"] == 0.0 and "belum ditandatangani" in found["A.II.4.i.a"]["records"]
    assert Register.objects.count() == 1


@pytest.mark.django_db
def test_demo_has_a_reviewed_lke(demo):
    from zona.lke.models import Assessment, Level

    assessment = Assessment.objects.get(unit__code="SUMSEL", year=2023)
    assert assessment.stage == "final"
    assert assessment.answers.filter(level=Level.SELF).count() == 110
    assert assessment.answers.get(level=Level.TPI, ref="A.I.1.i.b").value == "B"
    # the TPI reviewed every answered question itself: nothing was pre-filled, the review is complete
    assert assessment.answers.filter(level=Level.TPI).count() == 110
    assert assessment.scores["tpi"]["provisional"] is False
    assert assessment.scores  # the pages show real figures


@pytest.mark.django_db
def test_the_demos_inspectorate_opens_the_year_and_follows_every_unit_it_opened(demo, client):
    from django.urls import reverse

    from zona.cycle.models import Entry

    call_command("cycle", "open", "--year", "2026", "--under", "SUMSEL", "--by", "apip", stdout=StringIO())
    opened = Entry.objects.filter(year=2026).select_related("unit")
    assert opened.count() == 18
    client.force_login(User.objects.get(username="apip"))
    regency = opened.get(unit__code="SUMSEL-PALEMBANG")
    page = client.get(reverse("cycle:entry", args=[regency.pk]))
    assert page.status_code == 200 and "KPU Kota Palembang" in page.content.decode()
