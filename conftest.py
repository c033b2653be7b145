"""The standard cast for every test: units in a small tree and people holding roles on them.

RI (national) → SUMSEL (province) → SUMSEL-PALEMBANG, SUMSEL-LAHAT (cities/regencies);
RI → JAMBI (another province). The seed decree's plan belongs to SUMSEL.
"""

from pathlib import Path

import pytest

from zona.accounts.models import User
from zona.orgs.models import Level, Role, Unit
from zona.orgs.services import role_grant, unit_create

SEED = Path(__file__).parent / "zona" / "plans" / "fixtures" / "sk-34-2023-kpu-sumsel.md"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def units(db) -> dict[str, Unit]:
    ri = unit_create(code="RI", name="KPU RI", level=Level.NATIONAL)
    sumsel = unit_create(code="SUMSEL", name="KPU Provinsi Sumatera Selatan", level=Level.PROVINCE, parent=ri)
    jambi = unit_create(code="JAMBI", name="KPU Provinsi Jambi", level=Level.PROVINCE, parent=ri)
    plg = unit_create(code="SUMSEL-PALEMBANG", name="KPU Kota Palembang", level=Level.REGENCY, parent=sumsel)
    lahat = unit_create(code="SUMSEL-LAHAT", name="KPU Kabupaten Lahat", level=Level.REGENCY, parent=sumsel)
    return {"RI": ri, "SUMSEL": sumsel, "JAMBI": jambi, "PALEMBANG": plg, "LAHAT": lahat}


def make_user(username: str, unit: Unit | None = None, role: str | None = None,
              descendants: bool = False) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, first_name=username.title())
    if unit is not None and role is not None:
        role_grant(user=user, unit=unit, role=role, include_descendants=descendants)
    return user


@pytest.fixture
def cast(units) -> dict[str, User]:
    """Who is who: keys name the relation to SUMSEL, the unit that owns the seed plan."""
    return {
        "coordinator": make_user("koordinator", units["SUMSEL"], Role.COORDINATOR),
        "admin": make_user("admin_unit", units["SUMSEL"], Role.ADMIN),
        "pic": make_user("pic", units["SUMSEL"], Role.PIC),
        "area_coordinator": make_user("koor_area", units["SUMSEL"], Role.AREA_COORDINATOR),
        "reviewer": make_user("tpi", units["SUMSEL"], Role.REVIEWER, descendants=True),
        "viewer": make_user("pemantau", units["SUMSEL"], Role.VIEWER),
        "national": make_user("pimpinan", units["RI"], Role.VIEWER, descendants=True),
        "child": make_user("palembang", units["PALEMBANG"], Role.COORDINATOR),
        "outsider": make_user("jambi", units["JAMBI"], Role.COORDINATOR, descendants=True),
        "no_role": make_user("tanpa_peran"),
    }


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def seed_plan(units, cast, seed_bytes):
    from zona.plans.importers import read_plan
    from zona.plans.services import plan_import

    return plan_import(parsed=read_plan(seed_bytes, SEED.name), unit=units["SUMSEL"],
                       by=cast["coordinator"], source_name=SEED.name)
