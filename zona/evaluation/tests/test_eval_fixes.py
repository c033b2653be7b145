"""What a walk through the evaluation found: the cancelled approvals shown on the board (tier,
who, when, why) and named in the save message; the data files' sources and the requests page in
Indonesian."""

from django.urls import reverse

from zona.evaluation.rules import SOURCES, source
from zona.evaluation.services import tier_approve, tier_take


def test_a_save_names_the_approvals_it_cancelled_and_the_board_shows_them(client, assessment, team):
    for code in ("anggota", "ketua"):
        tier_take(assessment=assessment, tier_code=code, by=team[code])
        tier_approve(assessment=assessment, tier_code=code, by=team[code])
    client.force_login(team["anggota"])
    page = client.post(
        reverse("evaluation:answer", args=[assessment.pk, "A.I.2.i.a"]),
        {"tier": "anggota", "value": "C", "note": "Notula tidak lengkap"},
        follow=True,
    ).content.decode()
    assert "Jawaban A.I.2.i.a disimpan. Persetujuan Anggota Tim dan Ketua Tim dibatalkan." in page
    cancelled = page[page.index('id="cancelled"') :]
    cancelled = cancelled[: cancelled.index("</details>")]
    assert "2 persetujuan dibatalkan" in cancelled
    assert cancelled.count('class="cancelled-approval"') == 2
    assert "Ketua Tim" in cancelled and team["anggota"].first_name in cancelled
    assert "A.I.2.i.a: B → C. Notula tidak lengkap" in cancelled


def test_a_save_that_cancels_nothing_says_only_saved(client, assessment, team):
    client.force_login(team["anggota"])
    page = client.post(
        reverse("evaluation:answer", args=[assessment.pk, "A.I.2.i.a"]),
        {"tier": "anggota", "value": "C", "note": "Notula tidak lengkap"},
        follow=True,
    ).content.decode()
    assert "Jawaban A.I.2.i.a disimpan." in page and "dibatalkan" not in page
    assert 'id="cancelled"' not in page


def test_the_sources_shown_are_the_data_files_text():
    assert SOURCES == {kind: source(kind) for kind in SOURCES}


def test_the_board_and_the_requests_page_read_in_indonesian(client, assessment, team):
    client.force_login(team["anggota"])
    board = client.get(reverse("evaluation:board", args=[assessment.pk])).content.decode()
    assert "PermenPAN-RB 90/2021" in board and "the team's" not in board
    requests = client.get(reverse("evaluation:requests", args=[assessment.pk])).content.decode()
    assert "No regulation" not in requests and "No requests" not in requests
    assert "Tidak ada peraturan" in requests and "Belum ada permintaan." in requests
