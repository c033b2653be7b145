"""The road's defects a walk through it found: the survey indices kept in every forecast, a path
step forecast at its own target and never planned twice, numbers read as the LKE page reads them,
the evidence-expiry reminders of `zona send-reminders`, the calendar's note in Indonesian, the
forecast's margins."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from zona.lke.instrument import resolve
from zona.lke.reading import answer_words
from zona.lke.services import instrument_of
from zona.notifications.models import Notification
from zona.plans.models import ActionStep
from zona.road.calendar import default_calendar
from zona.road.forecast import forecast, reached, steps_target, target_value
from zona.road.models import PathStep
from zona.road.path import Step, paths
from zona.road.selectors import LinkedStep
from zona.road.services import RoadError, path_to_plan

from .conftest import answer, evidence

pytestmark = pytest.mark.django_db


def run(world):
    a = world["assessment"]
    return forecast(a, instrument_of(a), today=world["today"], deadline=world["deadline"])


def test_the_survey_indices_keep_todays_value_in_every_scenario(world):
    # PermenPAN-RB 90/2021, Komponen Hasil: IPAK (B.1.a) and IPKP (B.2.a) are the external survey's
    # result; neither plan steps nor the unit's evidence move them.
    answer(world["assessment"], "B.1.a", "3.5")
    answer(world["assessment"], "B.2.a", "4")
    result = run(world)
    assert result.readiness["B.1.a"].state != "ready"  # no evidence attached: the trap
    today = result.scenarios["today"].result.nodes
    for key in ("on_time", "on_schedule"):
        scenario = result.scenarios[key]
        assert not {"B.1.a", "B.2.a"} & {m.ref for m in scenario.moves}
        assert scenario.result.nodes["B.1.a"] == today["B.1.a"] == Fraction(35, 40) * Fraction(35, 2)
        assert scenario.result.nodes["B.2.a"] == today["B.2.a"] == Fraction(35, 2)


def test_a_step_the_path_created_lands_at_its_own_target(world):
    ActionStep.objects.filter(pk=world["behind"].pk).delete()
    PathStep.objects.create(
        step=world["ahead"], assessment=world["assessment"], ref="A.I.1.i.b", target="B", value="1/2"
    )
    move = next(m for m in run(world).scenarios["on_time"].moves if m.ref == "A.I.1.i.b")
    assert (move.before, move.after, move.value_after) == ("C", "B", Fraction(1, 2))  # not A (1)


def test_the_path_turned_into_steps_forecasts_each_target_and_is_not_planned_twice(
    area_failing, cast, seed_plan
):
    _inputs, found = paths(area_failing)
    steps = found["WBK"].steps
    args = {
        "assessment": area_failing,
        "predicate": "WBK",
        "refs": [s.question.ref for s in steps],
        "pic_id": cast["pic"].pk,
        "due_on": date(seed_plan.year, 4, 30),
        "by": cast["coordinator"],
    }
    created, _skipped = path_to_plan(**args)
    assert {(p.ref, p.target) for p in PathStep.objects.all()} == {(s.question.ref, s.target) for s in steps}
    result = forecast(
        area_failing,
        instrument_of(area_failing),
        today=date(seed_plan.year, 3, 1),
        deadline=date(seed_plan.year, 5, 31),
    )
    after = {m.ref: m.value_after for m in result.scenarios["on_time"].moves}
    # a question with only the path's steps open lands at its target; another open step linked to
    # it (not from the path) aims at the best option, and the highest aim counts
    own = [s for s in steps if all(x.target for x in result.steps[s.question.ref] if x.is_open)]
    assert any(s.value < 1 for s in own)  # a target below the best option: the trap
    assert {s.question.ref: after[s.question.ref] for s in own} == {s.question.ref: s.value for s in own}
    before = ActionStep.objects.count()
    with pytest.raises(RoadError, match="sudah ada di rencana kerja"):
        path_to_plan(**args)  # pressed twice: nothing new
    assert ActionStep.objects.count() == before and created


def test_numbers_read_as_on_the_lke_page(kspstk):
    instrument = instrument_of(kspstk)
    question = instrument.questions["A.II.4.i.a"]
    step = Step(question, "9;1", "9;3", 1, Fraction(0), [], Fraction(1, 3), {})
    assert step.now_label == answer_words(question, "9;1", {}) and ";" not in step.now_label
    assert ";" not in step.target_label and "33,33 %" in step.target_label


def test_the_sandbox_shows_a_numeric_answer_by_its_inputs(client, kspstk, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("road:sandbox", args=[kspstk.pk])).content.decode()
    row = page[page.index('id="try-A-II-4-i-a"') :]
    row = row[: row.index("</tr>")]
    assert "9;1" not in row and "Jumlah sasaran kinerja</label>" in row and 'value="9"' in row
    assert "1 dari 9 sasaran tercapai 100% atau lebih (11,11 %)" in row
    url = reverse("road:sandbox_answer", args=[kspstk.pk])
    client.post(url, {"ref": "A.II.4.i.a", "n0": "9", "n1": "3"}, HTTP_HX_REQUEST="true")
    assert kspstk.sandboxes.get(user=cast["coordinator"]).answers["A.II.4.i.a"] == "9;3"


def test_send_reminders_sends_the_evidence_expiry_reminders_once_each(units, cast):
    today = date(2025, 1, 1)
    evidence(units["SUMSEL"], cast["pic"], "Laporan survei IPKP", 2025, expires_on=today + timedelta(days=7))
    for _run in range(2):
        call_command("send_reminders", "--date", today.isoformat())
    notes = Notification.objects.filter(user=cast["pic"], key__startswith="evidence-expiry:")
    assert [n.key.rsplit(":", 1)[1] for n in notes] == ["7"]
    call_command("send_reminders", "--date", (today + timedelta(days=6)).isoformat())
    assert sorted(n.key.rsplit(":", 1)[1] for n in notes.all()) == ["1", "7"]


def test_the_calendar_note_reads_in_indonesian():
    with override("id"):
        note = default_calendar(2025).note
    assert "usulan" in note and "proposal" not in note
    with override("en"):
        assert "proposal" in default_calendar(2025).note


def test_the_forecast_tables_show_each_gate_margin(client, world, cast):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("road:forecast", args=[world["assessment"].pk])).content.decode()
    scenario = page[page.index('id="scenario-on_time"') :]
    assert "Selisih" in scenario[:3000] and 'class="text-end margin">−' in scenario


@given(st.lists(st.sampled_from(["A", "B", "C", None]), min_size=1, max_size=4), st.integers(0, 4))
def test_a_question_reaches_at_most_the_highest_aim_of_its_steps(aims, landed):
    question = resolve(None).questions["A.I.1.i.b"]  # A–C: 1, 0.5, 0
    steps = [
        LinkedStep(
            n, question.ref, 1, "i", "t", "berjalan", 0, None, None, None, a or "", question.options.get(a)
        )
        for n, a in enumerate(aims)
    ]
    aim = steps_target(question, steps)
    assert aim == max(target_value(question) if a is None else question.options[a] for a in aims)
    share = Fraction(min(landed, len(steps)), len(steps))
    value = reached(question, Fraction(0), share, aim)
    assert 0 <= value <= aim and value in question.options.values()
    assert (value == aim) == (share == 1 or aim == 0)
