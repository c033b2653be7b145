"""What a new user found on the LKE page and the command line, each case with the rule it cites:
records links every reader of the LKE may open (and none into the sealed WBS register), a draft
plan never yields A.I.1.ii.b's top option, a suggestion under a unit choice names the choice in
force and its alternative, the choices' help in Indonesian, `zona lke explain` complete for the
demo, and A.I.2.iii.a read against the LKE's option texts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from conftest import PASSWORD
from zona.lke.instrument import resolve
from zona.lke.models import Assessment, Level
from zona.lke.options import assessment_options_set
from zona.lke.services import assessment_create
from zona.lke.suggestions import RULES, suggest
from zona.plans.models import Plan, PlanStatus
from zona.ppid.models import InformationItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# -- 1. the records link of every derived answer opens for the coordinator and the TPI ---------
def test_every_records_link_opens_for_the_coordinator_and_the_tpi_and_shows_the_records():
    call_command("demo", "--password", PASSWORD)
    assessment = Assessment.objects.get(unit__code="SUMSEL", year=2023)
    found = suggest(assessment)
    assert {"A.I.2.iii.a", "A.I.2.iii.b", "A.I.5.i.b", "A.I.5.iv.a"} <= set(found)
    for username in ("koordinator", "tpi"):
        client = Client()
        assert client.login(username=username, password=PASSWORD)
        for ref, suggestion in found.items():
            if not suggestion.link:
                continue
            response = client.get(suggestion.link)
            assert response.status_code == 200, f"{username}: {ref} → {suggestion.link}"
            page = response.content.decode()
            assert assessment.unit.name in page, f"{username}: {ref} → {suggestion.link} shows another unit"
        dip = client.get(found["A.I.2.iii.a"].link).content.decode()
        titles = InformationItem.objects.filter(unit=assessment.unit).values_list("title", flat=True)
        assert all(title in dip for title in titles)  # the items counted
        assert "lebih dari 6 bulan" in dip  # the Renstra not updated in 2023 (UU 14/2008 Ps 9(4))
        report = client.get(found["A.I.2.iii.b"].link).content.decode()
        assert "permohonan informasi dalam register" in report  # the pages speak Indonesian
        upg = client.get(found["A.I.5.i.b"].link).content.decode()
        counted = dict(found["A.I.5.i.b"].figures)
        assert f"petugas UPG yang ditunjuk: <strong>{counted['UPG officers appointed']}</strong>" in upg
        assert f"laporan terlambat ke KPK: <strong>{counted['reports late to KPK']}</strong>" in upg
    wbs = found["A.I.5.iv.a"]  # sealed to its recipients: no link, the aggregate figures inline
    assert wbs.link == "" and "visible only to the WBS recipients" in wbs.source and wbs.figures


# -- 2. a draft plan: not A (LKE A.I.1.ii.a–b, targets in the established document) ------------
def test_a_draft_plan_with_priorities_in_every_area_is_b_and_says_why(seed_plan):
    plan = seed_plan
    for area in plan.areas.all():
        area.priorities = area.priorities or "Target prioritas"
        area.save(update_fields=["priorities"])
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    found = suggest(Assessment(unit=plan.unit, year=plan.year))["A.I.1.ii.b"]
    assert found.answer == "B" and "still a draft" in found.source and "A.I.1.ii.a–b" in found.source
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ESTABLISHED)
    assert suggest(Assessment(unit=plan.unit, year=plan.year))["A.I.1.ii.b"].answer == "A"


# -- 7. a suggestion under a unit choice names the choice in force and its alternative ---------
def test_the_disciplinary_suggestion_names_the_choices_in_force_and_their_alternatives(
    units, cast, monkeypatch
):
    from zona.registers import lke_rules, reform

    by = cast["coordinator"]
    assessment = assessment_create(unit=units["SUMSEL"], year=2025, by=by)
    monkeypatch.setattr(reform, "discipline", lambda unit, year: reform.Discipline(0, 0, 0))
    source = lke_rules.discipline(assessment).source
    assert (
        "Decrease in disciplinary violations" in source and "the alternative: this year ÷ last year" in source
    )
    assert "No violations in either year" in source and "scores 0 in force (the default)" in source
    assert "the alternative: scores full marks" in source
    assessment_options_set(assessment=assessment, chosen={"zero_violations": "full"}, by=by)
    source = lke_rules.discipline(Assessment.objects.get(pk=assessment.pk)).source
    assert "scores full marks in force (the unit's choice); the alternative: scores 0" in source
    monkeypatch.setattr(reform, "discipline", lambda unit, year: reform.Discipline(2, 1, 1))
    assert "No violations in either year" not in lke_rules.discipline(assessment).source


# -- 8. the choices' help is translated -------------------------------------------------------
def test_the_choices_help_is_in_indonesian_on_the_page(units, cast):
    assessment = assessment_create(unit=units["SUMSEL"], year=2025, by=cast["coordinator"])
    client = Client()
    client.force_login(cast["coordinator"])
    with translation.override("id"):
        page = client.get(f"/lke/{assessment.pk}/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    instrument = resolve(None)
    for name, spec in instrument.options.items():
        english = " ".join(str(spec["source"]).split())
        assert english[:40] not in page, f"{name}: the help is in English"
    assert "Tidak ditetapkan oleh PermenPAN-RB 90/2021" in page


# -- 10. A.I.2.iii.a against the option texts --------------------------------------------------
def test_a_dip_with_every_item_out_of_date_is_c_as_option_c_reads(units):
    """Option B: "PPID yang menyebarkan sebagian informasi yang dapat diakses secara mutakhir dan
    lengkap" — some information up to date. A DIP whose every item is out of date shows none: C."""
    unit = units["SUMSEL"]
    InformationItem.objects.create(unit=unit, title="LRA", category="berkala", updated_on=date(2025, 2, 1))
    found = suggest(Assessment(unit=unit, year=2025))["A.I.2.iii.a"]
    assert found.answer == "C" and "secara mutakhir" in found.source
    InformationItem.objects.create(
        unit=unit, title="SOP", category="setiap_saat", updated_on=date(2025, 9, 1)
    )
    assert suggest(Assessment(unit=unit, year=2025))["A.I.2.iii.a"].answer == "B"


# -- 3. `zona lke explain`: every derived question with its rule, source and inputs -------------
def test_explain_gives_every_derived_question_its_rule_source_and_inputs_for_the_demo(capsys):
    call_command("demo", "--password", PASSWORD)
    capsys.readouterr()
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2023", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assessment = Assessment.objects.get(unit__code="SUMSEL", year=2023)
    every_derived = {d["ref"]: d for d in data["derived"]}
    derived = {ref: d for ref, d in every_derived.items() if d["status"] != "no_records"}
    assert set(derived) == set(suggest(assessment)) and set(every_derived) == set(RULES)
    # the demo shows provenance on EVERY derived answer: a rule added without demo records fails here
    assert sorted(set(RULES) - set(derived)) == [], "derived rules without records in the demo"
    for ref, d in derived.items():
        assert d["rule"] and d["source"] and "zona." not in d["source"], ref
        assert d["inputs"] and not d["inputs_note"], ref  # the figures or records counted
    every = set(every_derived) | {t["ref"] for t in data["typed"]} | set(data["unanswered"])
    assert every == set(resolve(None).questions)  # A.I.4.i.c, A.I.6.ii.b: neither derived nor typed
    assert {"A.I.4.i.c", "A.I.6.ii.b"} <= set(data["unanswered"])
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2023")
    text = capsys.readouterr().out
    assert "A.I.4.i.c" in text and "PermenPAN-RB 90/2021" in text


def test_explain_lists_a_rule_that_found_no_records_as_derived_never_as_typed(capsys):
    """A question a rule covers is derived, even when the rule found no records: listed with
    "tidak ada catatan" and what the rule looks for (its rule in data/derivations.yaml), beside
    the unit's typed answer when there is one — never as "typed by the unit, no rule"."""
    from zona.surveys.models import StandardReview

    call_command("demo", "--password", PASSWORD)
    capsys.readouterr()
    StandardReview.objects.all().delete()  # the demo has records for every rule: A.I.6.i.c loses its
    empty = {"B.1.a", "B.2.a", "A.I.1.i.a", "A.I.5.iv.b", "A.I.5.iv.c", "A.I.5.v.d", "A.I.5.v.e"}
    empty |= {"A.I.6.i.c", "A.I.6.iv.b", "A.I.6.iv.c", "A.II.3.iii.a"}
    for code, year, refs in (("SUMSEL", 2023, {"A.I.6.i.c"}), ("SUMSEL-OKI", 2025, empty)):
        with translation.override("id"):
            call_command("lke", "explain", "--unit", code, "--year", str(year), "--format", "json")
        data = json.loads(capsys.readouterr().out)
        derived = {d["ref"]: d for d in data["derived"]}
        typed = {t["ref"] for t in data["typed"]}
        assert not typed & set(RULES) and not set(data["unanswered"]) & set(RULES), code
        for ref in refs:
            d = derived[ref]
            assert (d["status"], d["answer"], d["inputs"]) == ("no_records", "", {}), ref
            assert d["inputs_note"].startswith("tidak ada catatan: "), ref
            assert d["rule"] and d["rule"] in d["inputs_note"] and d["source"] and d["function"], ref
    # typed by the unit and covered by a rule: both shown
    assessment = Assessment.objects.get(unit__code="SUMSEL", year=2023)
    answer = assessment.answers.filter(level=Level.SELF, ref="A.I.6.i.c").first()
    if answer is None:
        from zona.lke.services import answer_save

        answer_save(assessment=assessment, level=Level.SELF, ref="A.I.6.i.c", raw="B", by=None)
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2023", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    both = next(d for d in data["derived"] if d["ref"] == "A.I.6.i.c")
    assert both["status"] == "no_records" and both["self_answer"] in "ABCD" and both["self_answer"]
    assert "A.I.6.i.c" not in {t["ref"] for t in data["typed"]}
    call_command("lke", "explain", "--unit", "SUMSEL", "--year", "2023")
    text = capsys.readouterr().out
    assert "A.I.6.i.c" in text and "no records: the rule looks for:" in text


def test_a_derived_answer_that_counted_nothing_says_so_with_the_reason():
    from zona.lke.figures import Figure

    empty = Figure("A.I.1.i.a", "q", records="No team recorded in 2025", function="zona.monev.x")
    assert empty.inputs_note() == "no records: No team recorded in 2025"
    with translation.override("id"):
        assert empty.inputs_note().startswith("tidak ada catatan: ")
