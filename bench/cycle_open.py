"""Opening the year's evaluation for 4,000 units at once on PostgreSQL (`zona cycle open`): a
self-assessment for each unit with last year's full LKE carried forward (every unit answered the
previous year's), its place in the national cycle at the first stage, four TPI teams assigned
(their three members seated in the three tiers of each unit's TPI evaluation);
then the national page (units at each stage per province) for the country, with its query count.
Target: the opening < 5 min; the page's queries constant in the number of units.

Run: .venv/bin/python bench/cycle_open.py   (a throw-away database `zona_cycle_bench` on
127.0.0.1:5432, BENCH_DB names another, refused unless "bench" is in its name; BENCH_UNITS to
scale down)
"""

import os
import time

from _setup import django_ready, fresh_postgres, measure_page

fresh_postgres("zona_cycle_bench")  # BENCH_DB; another name refused unless named for benches

django_ready()

from _data import make_units_bulk  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from zona.accounts.models import User  # noqa: E402
from zona.cycle.models import Entry  # noqa: E402
from zona.evaluation.models import TeamMember  # noqa: E402
from zona.lke.models import Answer, Assessment  # noqa: E402
from zona.ops.national import make_assessments  # noqa: E402
from zona.orgs.models import Role, Unit  # noqa: E402
from zona.orgs.services import role_grant  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", 4000))
YEAR = 2026


def last_year(units) -> int:
    """Every unit's full LKE of the year before (the demo's answers), in bulk."""
    make_assessments(units, YEAR - 1)
    first = Assessment.objects.get(unit=units[0], year=YEAR - 1)
    rows = list(Answer.objects.filter(assessment=first).values_list("ref", "value", "justification"))
    others = Assessment.objects.filter(year=YEAR - 1).exclude(pk=first.pk).values_list("pk", flat=True)
    Answer.objects.bulk_create(
        (
            Answer(assessment_id=pk, level="mandiri", ref=r, value=v, justification=j)
            for pk in others
            for r, v, j in rows
        ),
        batch_size=5000,
    )
    return len(rows)


def main() -> None:
    units = make_units_bulk(UNITS)
    answered = last_year(units)
    inspectorate = User.objects.create_user("inspektorat", password="x")
    role_grant(user=inspectorate, unit=Unit.objects.get(code="RI"), role=Role.APIP, include_descendants=True)
    for n in range(12):
        User.objects.create_user(f"tpi{n}", password="x")
    tiers = ("anggota", "ketua", "pengendali")
    teams = [
        f"Tim {t}=" + ",".join(f"tpi{3 * t + k}:{tier}" for k, tier in enumerate(tiers)) for t in range(4)
    ]
    start = time.perf_counter()
    call_command(
        "cycle", "open", "--year", str(YEAR), "--under", "RI", "--by", "inspektorat",
        *[arg for team in teams for arg in ("--tpi-team", team)],
    )  # fmt: skip
    took = time.perf_counter() - start
    opened = Entry.objects.filter(year=YEAR).count()
    assert opened == len(units) == Assessment.objects.filter(year=YEAR).count()
    carried = Answer.objects.filter(assessment__year=YEAR).count()
    seated = TeamMember.objects.count()
    print(f"\nopening {opened} units (a self-assessment each, {carried} answers carried forward of "
          f"{answered} a unit last year, 4 TPI teams of 3 seated in {seated} tiers): "
          f"{took:.1f} s (target < 300 s)")  # fmt: skip
    client = Client()
    client.force_login(inspectorate)
    q, ms = measure_page(client, f"/siklus/?tahun={YEAR}", 5)
    print(
        f"national page, units at each stage per province ({opened} units): {ms:.0f} ms median, {q} queries"
    )
    Entry.objects.filter(year=YEAR).exclude(unit__code="RI").filter(
        pk__gt=Entry.objects.order_by("pk")[100].pk
    ).delete()
    q_small, _ms = measure_page(client, f"/siklus/?tahun={YEAR}", 1)
    print(f"the same page with 101 units open: {q_small} queries (constant: {q_small == q})")


if __name__ == "__main__":
    main()
