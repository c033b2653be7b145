"""Conflict of interest and the shared integrity records: coverage of the main functions, the LKE's
A.I.5.v answers, declarations and recusals, regularity, follow-up; who may record."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from zona.coi import services
from zona.coi.models import ConflictRisk, Declaration, MainFunction, Recusal
from zona.integrity.models import Evaluation, FollowUp, Socialisation
from zona.integrity.selectors import evaluation_regularity
from zona.integrity.services import IntegrityError, evaluation_record, follow_up_done
from zona.lke.services import assessment_create
from zona.lke.suggestions import share_answer, suggest

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf():
    return SimpleUploadedFile("deklarasi.pdf", PDF)


@given(whole=st.integers(min_value=0, max_value=50), part=st.integers(min_value=0, max_value=50))
def test_coverage_scale_grows_with_the_share(whole, part):
    """A all, B more than half, C some, D none; never a better answer for fewer functions."""
    part = min(part, whole)
    answer = share_answer(part, whole)
    assert answer in "ABCD"
    if part < whole:
        assert share_answer(part + 1, whole) <= answer
    assert (answer == "A") == (whole > 0 and part == whole)
    assert (answer == "D") == (part == 0)


def test_lke_answers_from_the_functions_map(cast, units):
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    assert "A.I.5.v.a" not in suggest(assessment)  # no function listed: nothing to say
    names = ["Pencalonan", "Pengadaan barang/jasa", "Rekrutmen PPK", "Layanan informasi"]
    functions = [services.function_add(unit=unit, name=n, by=by) for n in names]
    services.risk_add(
        function=functions[0],
        kind="kerabat",
        source="afiliasi",
        description="Calon kerabat pegawai",
        control="Pegawai mundur dari verifikasi",
        by=by,
    )
    assert suggest(assessment)["A.I.5.v.a"].answer == "C"  # 1 of 4
    for function in functions[1:3]:
        services.risk_add(
            function=function,
            kind="hubungan_usaha",
            source="kewenangan",
            description="Penyedia dikenal",
            control="Panitia lain",
            by=by,
        )
    assert suggest(assessment)["A.I.5.v.a"].answer == "B"  # 3 of 4: most
    services.risk_add(
        function=functions[3],
        kind="informasi",
        source="kepentingan_pribadi",
        description="Data pemohon",
        control="Akses dibatasi",
        by=by,
    )
    first = suggest(assessment)["A.I.5.v.a"]
    assert first.answer == "A" and "4 dari 4" in first.source
    for function in functions:
        services.function_mark(
            function=function, socialised_on=date(2026, 2, 1), applied_on=None, upload=None, by=by
        )
    services.function_mark(
        function=functions[0], socialised_on=None, applied_on=date(2026, 3, 1), upload=pdf(), by=by
    )
    answers = suggest(assessment)
    assert answers["A.I.5.v.b"].answer == "A" and answers["A.I.5.v.c"].answer == "C"
    assert MainFunction.objects.get(pk=functions[0].pk).applied_evidence is not None


def test_applying_without_evidence_does_not_count_for_the_lke(cast, units):
    """LKE A.I.5.v.c (PermenPAN-RB 90/2021; PermenPAN-RB 37/2012): conflict handling *applied* in a
    main function is judged on its evidence; a function said to apply it with no evidence uploaded
    is not counted, so it never lifts the share (1 of 2 with evidence: C, not A)."""
    unit, by = units["SUMSEL"], cast["coordinator"]
    shown = services.function_add(unit=unit, name="Layanan informasi", by=by)
    said = services.function_add(unit=unit, name="Pengadaan", by=by)
    services.function_mark(
        function=shown, socialised_on=None, applied_on=date(2026, 3, 1), upload=pdf(), by=by
    )
    services.function_mark(function=said, socialised_on=None, applied_on=date(2026, 3, 1), upload=None, by=by)
    assert services.coverage(unit, 2026).applied == 1
    found = suggest(assessment_create(unit=unit, year=2026, by=by))["A.I.5.v.c"]
    assert found.answer == "C" and "1 dari 2" in found.source


def test_evaluations_and_follow_up_feed_the_lke(cast, units):
    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    evaluation = evaluation_record(
        unit=unit, topic="benturan_kepentingan", held_on=date(2026, 3, 10), summary="Peta belum lengkap",
        actions=[("Lengkapi peta", "Kabag", date(2026, 4, 30)), ("Sosialisasi ulang", "Humas", None)], by=by,
    )  # fmt: skip
    answers = suggest(assessment)
    assert answers["A.I.5.v.d"].answer == "B" and answers["A.I.5.v.e"].answer == "C"
    first, second = FollowUp.objects.filter(evaluation=evaluation)
    with pytest.raises(IntegrityError, match="sebelum evaluasi"):
        follow_up_done(follow_up=first, done_on=date(2026, 3, 1), note="x", by=by)
    follow_up_done(follow_up=first, done_on=date(2026, 4, 20), note="Peta lengkap", by=by)
    assert suggest(assessment)["A.I.5.v.e"].answer == "B"
    follow_up_done(follow_up=second, done_on=date(2026, 5, 2), note="Selesai", by=by)
    evaluation_record(
        unit=unit, topic="benturan_kepentingan", held_on=date(2026, 9, 10), summary="Baik", actions=[], by=by
    )
    answers = suggest(assessment)
    assert answers["A.I.5.v.d"].answer == "A" and answers["A.I.5.v.e"].answer == "A"
    assert evaluation_regularity(unit, "benturan_kepentingan", 2026).periods == 2
    with pytest.raises(IntegrityError, match="sudah tercatat"):
        follow_up_done(follow_up=first, done_on=date(2026, 4, 21), note="again", by=by)


def test_the_integrity_period_is_read_from_the_derivation_data(cast, units, monkeypatch):
    """ "Secara berkala" is Zona's reading (each half of the year by default), not a regulation's:
    with regular_periods.integrity_months at 3 in zona/lke/data/derivations.yaml, evaluations in
    March and September cover 2 of 4 quarters, no longer regular (A.I.5.v.d B, not A)."""
    from zona.lke.derivations import derivations

    unit, by = units["SUMSEL"], cast["coordinator"]
    assessment = assessment_create(unit=unit, year=2026, by=by)
    for day in (date(2026, 3, 10), date(2026, 9, 10)):
        evaluation_record(
            unit=unit, topic="benturan_kepentingan", held_on=day, summary="Baik", actions=[], by=by
        )
    assert suggest(assessment)["A.I.5.v.d"].answer == "A"
    monkeypatch.setitem(derivations()["regular_periods"], "integrity_months", 3)
    regularity = evaluation_regularity(unit, "benturan_kepentingan", 2026)
    assert (regularity.periods, regularity.of, regularity.regular) == (2, 4, False)
    found = suggest(assessment)["A.I.5.v.d"]
    assert found.answer == "B" and "3" in found.source


def test_declarations_need_the_signed_file_and_come_once_a_year(cast, units):
    unit, by = units["SUMSEL"], cast["coordinator"]
    with pytest.raises(services.CoiError, match="Lampirkan"):
        services.declaration_add(
            unit=unit,
            official=cast["pic"],
            year=2026,
            has_conflict=False,
            statement="",
            signed_on=date(2026, 1, 5),
            upload=None,
            by=by,
        )
    with pytest.raises(services.CoiError, match="Sebutkan potensi"):
        services.declaration_add(
            unit=unit,
            official=cast["pic"],
            year=2026,
            has_conflict=True,
            statement=" ",
            signed_on=date(2026, 1, 5),
            upload=pdf(),
            by=by,
        )
    services.declaration_add(
        unit=unit,
        official=cast["pic"],
        year=2026,
        has_conflict=False,
        statement="",
        signed_on=date(2026, 1, 5),
        upload=pdf(),
        by=by,
    )
    with pytest.raises(services.CoiError, match="sudah membuat deklarasi"):
        services.declaration_add(
            unit=unit,
            official=cast["pic"],
            year=2026,
            has_conflict=False,
            statement="",
            signed_on=date(2026, 1, 6),
            upload=pdf(),
            by=by,
        )
    assert Declaration.objects.count() == 1
    services.recusal_add(
        unit=unit,
        official=cast["pic"],
        matter="Verifikasi calon X",
        kind="kerabat",
        decided_on=date(2026, 5, 1),
        replaced_by="Kasubbag Teknis",
        by=by,
    )
    assert Recusal.objects.get().replaced_by == "Kasubbag Teknis"


def test_who_may_record(client, cast, units):
    unit = units["SUMSEL"]
    client.force_login(cast["viewer"])
    page = client.get(reverse("coi:page", args=[unit.slug]))
    assert page.status_code == 200 and "Tambah tugas fungsi utama" not in page.content.decode()
    client.post(reverse("coi:function_new", args=[unit.slug]), {"name": "Pencalonan"})
    assert not MainFunction.objects.exists()
    client.force_login(cast["outsider"])
    assert client.get(reverse("coi:page", args=[unit.slug])).status_code == 404
    client.post(
        reverse("integrity:socialisation_add", args=[unit.slug, "wbs"]),
        {"held_on": "2026-01-05", "title": "x", "channel": "laman"},
    )
    assert not Socialisation.objects.exists()
    client.force_login(cast["coordinator"])
    client.post(reverse("coi:function_new", args=[unit.slug]), {"name": "Pencalonan"})
    function = MainFunction.objects.get()
    client.post(
        reverse("coi:risk_new", args=[unit.slug, function.pk]),
        {"kind": "kerabat", "source": "afiliasi", "description": "Calon kerabat", "control": "Mundur"},
    )
    assert ConflictRisk.objects.filter(function=function).count() == 1
    client.post(
        reverse("integrity:socialisation_add", args=[unit.slug, "wbs"]),
        {"held_on": "2026-01-05", "title": "Sosialisasi WBS", "channel": "laman", "files": [pdf()]},
    )
    item = Socialisation.objects.get()
    assert item.topic == "wbs" and item.evidence.count() == 1
    client.post(
        reverse("integrity:evaluation_add", args=[unit.slug, "wbs"]),
        {
            "held_on": "2026-06-05",
            "summary": "Kanal jarang dipakai",
            "actions": "Pasang banner | Humas | 2026-07-31\nbaris tanpa tanggal",
        },
    )
    evaluation = Evaluation.objects.get()
    assert [(f.action, f.owner, f.due_on) for f in evaluation.follow_ups.all()] == [
        ("Pasang banner", "Humas", date(2026, 7, 31)),
        ("baris tanpa tanggal", "", None),
    ]
    bad = client.post(
        reverse("integrity:evaluation_add", args=[unit.slug, "wbs"]),
        {"held_on": "2026-06-06", "summary": "x", "actions": "Aksi | Humas | 31/07/2026"},
        follow=True,
    )
    assert "bukan tanggal" in bad.content.decode() and Evaluation.objects.count() == 1
    assert client.get(reverse("integrity:topic", args=[unit.slug, "bukan-topik"])).status_code == 404
