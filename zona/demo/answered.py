"""The demo's records of the plan year behind the derived LKE answers the other demo modules leave
without one, so every derived answer of the demo's LKE shows its suggestion and figures: the Tim
Kerja ZI with its decree, the WBS and conflict-of-interest evaluations with their follow-up, a
service standard review, an SKM period closed, published and followed up, and an IPAK and an IPKP
survey that reached their sample."""

from __future__ import annotations

import random
from datetime import date

from zona.integrity.services import evaluation_record, follow_up_done
from zona.monev.models import Team, TeamKind
from zona.monev.services import team_member_add, team_save
from zona.plans.services import step_set_state
from zona.surveys.answers import response_submit
from zona.surveys.models import Channel, Service
from zona.surveys.service_standards import standard_review
from zona.surveys.services import follow_up_create, survey_close, survey_create, survey_posted, survey_publish

# A small population keeps the demo quick: 10 service users need all 10 (Krejcie & Morgan).
POPULATION = 10


def load(unit, plan, people) -> None:
    year, by = plan.year, people["koordinator"]
    if Team.objects.filter(unit=unit, kind=TeamKind.WORK_TEAM).exists():
        return
    team = team_save(
        team=Team(unit=unit, kind=TeamKind.WORK_TEAM, decree_number=f"SK Tim Kerja ZI 05/{year}",
                  period_start=date(year, 1, 1), period_end=date(year, 12, 31)),
        by=by,
    )  # fmt: skip
    members = (("Ketua KPU Provinsi Sumatera Selatan", "Penanggung jawab"), ("Sekretaris", "Ketua tim"))
    for name, role in members:
        team_member_add(team=team, name=name, team_role=role, by=by)
    _evaluations(unit, year, people)
    _surveys(unit, plan, people)


def _evaluations(unit, year: int, people) -> None:
    """WBS and conflict-of-interest handling evaluated in each half of the year; the WBS's
    follow-ups all done, one of the conflict-of-interest ones still open."""
    by = people["upg"]
    for topic, what in (("wbs", "WBS"), ("benturan_kepentingan", "penanganan benturan kepentingan")):
        for month in (5, 11):
            evaluation = evaluation_record(
                unit=unit, topic=topic, held_on=date(year, month, 20), summary=f"Evaluasi {what} (contoh)",
                actions=[(f"Perbaiki {what} ({month}/{year})", "Sekretaris", date(year, 12, 15))],
                by=by,
            )  # fmt: skip
            if topic == "wbs" or month == 5:
                for follow_up in evaluation.follow_ups.all():
                    follow_up_done(follow_up=follow_up, done_on=date(year, 12, 10), note="Selesai", by=by)


def _answers(rng, keys) -> dict[str, int]:
    return {key: rng.choice([3, 4, 4, 4]) for key in keys}


def _surveys(unit, plan, people) -> None:
    """An SKM of the year's third quarter (closed, published online and at the service, its weak
    item followed up in the plan and done), the year's IPAK and IPKP (closed at their sample), and
    the service standard reviewed with the survey's and the complaints' input."""
    by, year = people["koordinator"], plan.year
    service = Service.objects.filter(unit=unit).order_by("pk").first()
    rng = random.Random(year)
    for key, start, end in (("skm@2017", date(year, 7, 1), date(year, 9, 30)),
                            ("ipak@1", date(year, 8, 1), date(year, 10, 31)),
                            ("ipkp@1", date(year, 8, 1), date(year, 10, 31))):  # fmt: skip
        survey = survey_create(unit=unit, service=service, definition_key=key, period_start=start,
                               period_end=end, population=POPULATION, by=by)  # fmt: skip
        keys = [item.key for item in survey.spec().items]
        for _n in range(POPULATION):
            response_submit(survey=survey, answers=_answers(rng, keys), channel=Channel.PAPER, by=by,
                            profile={"sex": rng.choice(["Laki-laki", "Perempuan"])})  # fmt: skip
        if key != "skm@2017":
            survey_close(survey=survey, by=by)
            continue
        survey_publish(survey=survey, by=by)
        survey_posted(survey=survey, day=date(year, 10, 9), by=by)
        indicator = plan.areas.order_by("-code").first().components.first().indicators.first()
        follow_up = follow_up_create(survey=survey, item_key=keys[2], indicator=indicator,
                                     text="Jadwal layanan diumumkan di papan dan laman", pic=people["pic"],
                                     due_on=date(year, 11, 30), by=by)  # fmt: skip
        step_set_state(step=follow_up.step, status="selesai", progress=100, by=by)
    standard = service.standards.order_by("-pk").first()
    standard_review(
        standard=standard, reviewed_on=date(year, 11, 14), used_survey=True, used_complaints=True,
        stakeholders="Perwakilan pemilih pemula dan partai politik",
        result="Waktu layanan informasi dipersingkat menjadi 5 hari kerja", by=by,
    )  # fmt: skip
