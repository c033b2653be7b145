"""Each key page against its floor in the same run: the same middleware, session and user, the
same selector over the same rows, and a minimal template listing them (bench/floor_urls.py).
Prints each page's median, its floor's and the ratio (target: at most 2×), with the queries of
both. Data: the SUMSEL subtree with full plans and four closed monev cycles, a scored LKE, 200
complaints, 60 steps in the person's tasks.

Run: .venv/bin/python bench/page_floor.py   (DATABASE_URL=postgres://… for PostgreSQL)
"""

import os
import time

from _setup import django_ready, median_ms

django_ready()

from _data import close_four_cycles, make_plans  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.complaints.services import complaint_submit  # noqa: E402
from zona.lke.services import assessment_create, sheet_import  # noqa: E402
from zona.orgs.loaders import units_load  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402
from zona.plans.models import ActionStep, Indicator, Plan  # noqa: E402
from zona.rollups.services import rebuild  # noqa: E402

ROUNDS = 25
ANSWERS = os.path.join(os.path.dirname(__file__), "..", "zona", "demo", "data", "lke_answers.csv")


def build():
    units_load()
    sumsel = Unit.objects.get(code="SUMSEL")
    make_plans(list(Unit.objects.filter(path__startswith=sumsel.path)), evidence=2_000)
    close_four_cycles(list(Plan.objects.all()))
    rebuild()  # the plans were bulk-created (no change signal): the dashboard's summaries rebuilt
    user = User.objects.create_user("bench", password="x")
    role_grant(user=user, unit=sumsel, role=Role.COORDINATOR, include_descendants=True)
    role_grant(user=user, unit=sumsel, role=Role.COMPLAINT_OFFICER)
    plan = Plan.objects.get(unit=sumsel)
    steps = ActionStep.objects.filter(indicator__component__area__plan=plan, done_at=None)[:60]
    ActionStep.objects.filter(pk__in=[s.pk for s in steps]).update(pic=user)
    assessment = assessment_create(unit=sumsel, year=2023, by=user)
    lines = open(ANSWERS, encoding="utf-8").read().splitlines()[1:]
    answers = dict(line.split(",", 1) for line in lines)
    sheet_import(assessment=assessment, values=answers, notes={}, source="bench", by=user)
    for n in range(200):
        values = {"description": "Antrean lama di loket", "category": "pelayanan", "reporter_name": "Warga",
                  "reporter_contact": "warga@example.org"}  # fmt: skip
        complaint_submit(unit=sumsel, subject=f"Aduan {n}", **values)
    indicator = Indicator.objects.filter(component__area__plan=plan).order_by("-pk").first()
    return user, plan, indicator, assessment, sumsel


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def queries(client, url: str) -> int:
    seen = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: seen.append(sql) or execute(
            sql, params, many, context)):  # fmt: skip
        client.get(url)
    return len(seen)


def main() -> None:
    user, plan, indicator, assessment, unit = build()
    client = Client()
    client.force_login(user)
    pairs = [
        ("plan overview", f"/rencana/{plan.pk}/", f"/lantai/rencana/{plan.pk}/"),
        ("indicator", f"/indikator/{indicator.pk}/", f"/lantai/indikator/{indicator.pk}/"),
        ("Tugas saya", "/tugas-saya/", "/lantai/tugas-saya/"),
        ("dashboard", f"/monev/dasbor/{unit.slug}/", f"/lantai/dasbor/{unit.slug}/"),
        ("LKE assessment", f"/lke/{assessment.pk}/", f"/lantai/lke/{assessment.pk}/"),
        ("case list", "/pengaduan/", "/lantai/pengaduan/"),
    ]
    print(f"on {connection.vendor}; median of {ROUNDS} requests each, page and floor alternating")
    print(f"{'page':<16} {'page ms':>8} {'floor ms':>9} {'ratio':>6} {'queries':>9}")
    worst = 0.0
    with override_settings(ROOT_URLCONF="floor_urls"):
        for name, page, floor in pairs:
            for url in (page, floor):  # warm caches and templates
                timed(client, url)
            pages, floors = [], []
            for _ in range(ROUNDS):
                pages.append(timed(client, page))
                floors.append(timed(client, floor))
            p, f = median_ms(pages), median_ms(floors)
            worst = max(worst, p / f)
            counted = f"{queries(client, page)}/{queries(client, floor)}"
            print(f"{name:<16} {p:>8.1f} {f:>9.1f} {p / f:>5.2f}× {counted:>9}")
    print(f"worst ratio {worst:.2f}× (target: every page at most 2× its floor)")


if __name__ == "__main__":
    main()
