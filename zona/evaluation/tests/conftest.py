"""An LKE of SUMSEL under the TPI's review, its three-tier team, and one of JAMBI with its own."""

import pytest

from conftest import make_user
from zona.evaluation.services import team_member_add
from zona.lke.models import Level
from zona.lke.review import assessment_submit
from zona.lke.services import answer_save, assessment_create

ANSWERS = {"A.I.1.i.a": "Ya", "A.I.1.i.b": "A", "A.I.2.i.a": "B"}


def under_review(unit, coordinator, answers=ANSWERS):
    assessment = assessment_create(unit=unit, year=2023, by=coordinator)
    for ref, raw in answers.items():
        answer_save(
            assessment=assessment, level=Level.SELF, ref=ref, raw=raw, by=coordinator, justification="-"
        )
    return assessment_submit(assessment=assessment, by=coordinator)


@pytest.fixture
def assessment(units, cast):
    return under_review(units["SUMSEL"], cast["coordinator"])


@pytest.fixture
def team(assessment, cast):
    """anggota, ketua, pengendali: seated by the unit's reviewer; no role of their own before."""
    people = {}
    for code in ("anggota", "ketua", "pengendali"):
        people[code] = make_user(f"tpi_{code}")
        team_member_add(assessment=assessment, user=people[code], tier_code=code, by=cast["reviewer"])
    return people


@pytest.fixture
def other(units, cast):
    """JAMBI's LKE under review, with an anggota tim of its own."""
    found = under_review(units["JAMBI"], cast["outsider"])
    member = make_user("tpi_jambi")
    team_member_add(assessment=found, user=member, tier_code="anggota", by=cast["outsider"])
    return found, member
