"""The work queues of the start page: the TPI's verification queue and the coordinator's overdue
steps. Each count on /beranda/ equals the list it links to and the dashboard's figure."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import body, browser_login
from zona.evidence.models import EvidenceItem, Status
from zona.evidence.selectors import verification_queue
from zona.evidence.services import evidence_create_file, evidence_create_link
from zona.monev.dashboard import plan_overview
from zona.plans.models import ActionStep, Indicator
from zona.start.queues import evidence_sources, overdue_steps
from zona.start.selectors import todo

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
    b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(unit, by, title="SK Tim ZI", data=PDF, name="sk.pdf"):
    return evidence_create_file(
        unit=unit, title=title, upload=SimpleUploadedFile(name, data), by=by, effective_date=None
    )


def shown_count(html: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}"[^>]*>\D*(\d+)', html)
    assert match, element_id
    return int(match.group(1))


def test_the_queue_holds_every_pending_item_the_tpi_verifies_and_says_where_it_is_used(
    cast, units, seed_plan
):
    from zona.performance.models import Agreement

    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    for_plan = upload(units["SUMSEL"], cast["pic"], "Notulen rapat")
    indicator.evidence.add(for_plan)
    agreement_doc = upload(units["PALEMBANG"], cast["child"], "Perjanjian kinerja")
    Agreement.objects.create(unit=units["PALEMBANG"], year=2024, document=agreement_doc)
    loose = evidence_create_link(
        unit=units["SUMSEL"], title="Tautan", url="https://example.org", by=cast["pic"]
    )
    done = upload(units["SUMSEL"], cast["pic"], "Sudah diverifikasi")
    EvidenceItem.objects.filter(pk=done.pk).update(status=Status.VERIFIED)
    elsewhere = upload(units["JAMBI"], cast["outsider"], "Jambi")

    queue = list(verification_queue(cast["reviewer"]))
    assert set(queue) == {for_plan, agreement_doc, loose}
    assert done not in queue and elsewhere not in queue
    sources = evidence_sources(queue)
    assert sources[for_plan.pk][0][0] == "Rencana kerja" or sources[for_plan.pk][0][0] == "Work plan"
    assert str(seed_plan.year) in sources[for_plan.pk][0][1]
    assert sources[agreement_doc.pk][0][1] == "2024"
    assert loose.pk not in sources
    # nobody else verifies: the coordinator, the PIC, a viewer, another province's coordinator
    for who in ("coordinator", "pic", "viewer", "outsider", "national"):
        assert list(verification_queue(cast[who])) == []


def test_the_start_page_count_equals_the_queue_page(client, cast, units):
    for n in range(3):
        upload(units["SUMSEL"], cast["pic"], f"Bukti {n}")
    upload(units["LAHAT"], cast["pic"], "Bukti Lahat")
    client.force_login(cast["reviewer"])
    home = body(client.get(reverse("start:home"))).decode()
    assert reverse("start:verify") in home
    queue = body(client.get(reverse("start:verify"))).decode()
    assert shown_count(home, "todo-evidence") == 4 == shown_count(queue, "verify-count")
    assert queue.count('class="card card-body mb-3 verify-item"') == 4
    assert todo(cast["reviewer"], date.today()).evidence == 4


def test_verify_and_reject_in_place(client, cast, units):
    first = upload(units["SUMSEL"], cast["pic"], "Pertama")
    second = upload(units["SUMSEL"], cast["pic"], "Kedua")
    client.force_login(cast["reviewer"])
    url = reverse("start:verify")
    # a rejection without a reason is refused, in a sentence
    response = client.post(
        reverse("evidence:review", args=[first.pk]),
        {"verdict": "rejected", "comment": "", "next": url},
        follow=True,
    )
    page = body(response).decode()
    assert "__all__" not in page and (
        "Tuliskan alasan penolakan" in page or "reason for the rejection" in page
    )
    first.refresh_from_db()
    assert first.status == Status.PENDING
    response = client.post(
        reverse("evidence:review", args=[first.pk]),
        {"verdict": "rejected", "comment": "Belum ditandatangani", "next": url},
    )
    assert response["Location"] == url
    client.post(reverse("evidence:review", args=[second.pk]), {"verdict": "verified", "next": url})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.review_comment, first.reviewed_by) == (
        Status.REJECTED,
        "Belum ditandatangani",
        cast["reviewer"],
    )
    assert second.status == Status.VERIFIED
    assert list(verification_queue(cast["reviewer"])) == []


@pytest.mark.parametrize("who", ["coordinator", "pic", "viewer", "outsider", "no_role"])
def test_only_a_reviewer_sees_the_queue_or_changes_an_item(client, cast, units, who):
    item = upload(units["SUMSEL"], cast["pic"], "Rahasia kecil")
    client.force_login(cast[who])
    assert "Rahasia kecil" not in body(client.get(reverse("start:verify"))).decode()
    response = client.post(reverse("evidence:review", args=[item.pk]), {"verdict": "verified"})
    assert response.status_code in (403, 404)
    item.refresh_from_db()
    assert item.status == Status.PENDING and item.reviewed_by is None


def test_a_preview_is_inline_only_for_a_sniffed_pdf_or_image_and_sandboxed(client, cast, units):
    pdf = upload(units["SUMSEL"], cast["pic"], "PDF")
    png = upload(units["SUMSEL"], cast["pic"], "PNG", PNG, "foto.png")
    docx_like = evidence_create_link(
        unit=units["SUMSEL"], title="Tautan", url="https://example.org", by=cast["pic"]
    )
    client.force_login(cast["reviewer"])
    for item in (pdf, png):
        version = item.current
        response = client.get(reverse("evidence:preview", args=[version.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("inline")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("sandbox")
        assert response["Content-Type"] == version.mime
    queue = body(client.get(reverse("start:verify"))).decode()
    assert (
        f'<iframe class="evidence-preview mb-2" src="{reverse("evidence:preview", args=[pdf.current.pk])}"'
        in queue
    )
    assert (
        f'<img class="evidence-preview mb-2" src="{reverse("evidence:preview", args=[png.current.pk])}"'
        in queue
    )
    assert docx_like.current is None
    # a stored file whose content is no longer what was recorded is not shown inline
    version = pdf.current
    with version.file.open("wb") as handle:
        handle.write(b"<html><script>alert(1)</script></html>")
    assert client.get(reverse("evidence:preview", args=[version.pk])).status_code == 404
    # someone who cannot see the unit gets nothing
    client.force_login(cast["outsider"])
    assert client.get(reverse("evidence:preview", args=[png.current.pk])).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_verification_queue_costs_the_same_for_1_or_10_items(client, cast, units, seed_plan):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    client.force_login(cast["reviewer"])
    indicator.evidence.add(upload(units["SUMSEL"], cast["pic"], "Satu"))
    one = _queries(client, reverse("start:verify"))
    home_one = _queries(client, reverse("start:home"))
    for n in range(9):
        indicator.evidence.add(upload(units["SUMSEL"], cast["pic"], f"Bukti {n}"))
    assert _queries(client, reverse("start:verify")) == one
    assert _queries(client, reverse("start:home")) == home_one


def _overdue_today(seed_plan):
    """A day on which every open step of the seed plan is overdue."""
    return date(seed_plan.year + 2, 1, 1)


def test_overdue_steps_count_equals_the_list_and_the_dashboard(client, cast, units, seed_plan, monkeypatch):
    today = _overdue_today(seed_plan)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    steps = ActionStep.objects.filter(indicator__component__area__plan=seed_plan)
    finished = steps.first()
    ActionStep.objects.filter(pk=finished.pk).update(done_at=timezone.now())
    late = [
        s.pk for s in steps.select_related("indicator") if not s.done_at and s.due_date and s.due_date < today
    ]
    expected = len(late)
    assert expected > 20  # more than the dashboard's first page
    assert overdue_steps(cast["coordinator"], today).count() == expected
    assert plan_overview(seed_plan, today)["overdue_count"] == expected
    assert todo(cast["coordinator"], today).overdue == expected
    client.force_login(cast["coordinator"])
    home = body(client.get(reverse("start:home"))).decode()
    queue = body(client.get(reverse("start:overdue"))).decode()
    board = body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))).decode()
    assert shown_count(home, "todo-overdue") == shown_count(queue, "overdue-count") == expected
    assert shown_count(board, "kpi-overdue") == expected
    # the dashboard lists every one, twenty a page
    listed = set()
    pages = (expected + 19) // 20
    for number in range(1, pages + 1):
        html = body(
            client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]), {"terlambat": number})
        )
        listed |= set(re.findall(r"#step-(\d+)", html.decode()))
    assert listed == {str(pk) for pk in late}
    # only the coordinator's plans: the TPI, the PIC and another province have no such queue
    for who in ("reviewer", "pic", "outsider", "viewer"):
        assert overdue_steps(cast[who], today).count() == 0
    client.force_login(cast["outsider"])
    assert finished.text[:30] not in body(client.get(reverse("start:overdue"))).decode()


def test_the_plan_page_marks_overdue_steps(client, cast, seed_plan, monkeypatch):
    today = _overdue_today(seed_plan)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    indicator = Indicator.objects.filter(component__area__plan=seed_plan, steps__isnull=False).first()
    steps = list(indicator.steps.all())
    ActionStep.objects.filter(pk=steps[0].pk).update(done_at=timezone.now())
    client.force_login(cast["viewer"])
    plan_page = body(client.get(reverse("plans:detail", args=[seed_plan.pk]))).decode()
    assert "terlambat" in plan_page
    page = body(client.get(reverse("plans:indicator", args=[indicator.pk]))).decode()
    assert page.count("badge text-bg-danger late") == len(steps) - 1


def test_the_overdue_queue_costs_the_same_for_1_or_10_steps(client, cast, seed_plan, monkeypatch):
    today = _overdue_today(seed_plan)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk"))
    ActionStep.objects.filter(pk__in=[s.pk for s in steps[1:]]).update(done_at=timezone.now())
    client.force_login(cast["coordinator"])
    one = _queries(client, reverse("start:overdue"))
    ActionStep.objects.filter(pk__in=[s.pk for s in steps[1:10]]).update(done_at=None)
    assert overdue_steps(cast["coordinator"], today).count() == 10
    assert _queries(client, reverse("start:overdue")) == one


@pytest.mark.browser
def test_the_tpi_journey(page, cast, units):
    rejected = upload(units["SUMSEL"], cast["pic"], "SK belum ditandatangani")
    verified = upload(units["PALEMBANG"], cast["child"], "Foto kegiatan", PNG, "foto.png")
    browser_login(page, "tpi")
    assert "2 bukti menunggu verifikasi" in page.locator("#todo-evidence").inner_text()
    page.locator("#todo-evidence a").click()
    page.wait_for_url("**/beranda/verifikasi/")
    card = page.locator(f"#item-{rejected.pk}")
    frame = card.locator("iframe.evidence-preview")
    preview = page.request.get(frame.get_attribute("src"))
    assert preview.headers["content-disposition"].startswith("inline")
    assert preview.headers["content-security-policy"].startswith("sandbox")
    assert preview.body() == PDF
    image = page.locator(f"#item-{verified.pk} img.evidence-preview")
    loaded = (
        "img => img.complete ? img.naturalWidth"
        " : new Promise(r => { img.onload = () => r(img.naturalWidth) })"
    )
    assert image.evaluate(loaded) == 1  # the picture is shown, once it has loaded
    card.get_by_label("Tuliskan alasan penolakan").fill("Belum ditandatangani ketua")
    # the reject form submitted as its button does (validation included); a plain click was seen to
    # be lost now and then while the sandboxed PDF preview above it was still rendering
    reject = card.locator("form").filter(has=page.get_by_role("button", name="Tolak"))
    reject.evaluate("form => form.requestSubmit(form.querySelector('button[type=submit]'))")
    expect(page.locator(f"#item-{rejected.pk}")).to_have_count(0)
    expect(page.locator("#verify-count")).to_contain_text("1 bukti menunggu verifikasi")
    page.locator(f"#item-{verified.pk}").get_by_role("button", name="Verifikasi").click()
    expect(page.locator(f"#item-{verified.pk}")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Tidak ada yang menunggu verifikasi")
    rejected.refresh_from_db()
    verified.refresh_from_db()
    assert rejected.status == Status.REJECTED and rejected.review_comment == "Belum ditandatangani ketua"
    assert verified.status == Status.VERIFIED
    page.goto("/beranda/")
    assert page.locator("#todo-evidence").count() == 0


@pytest.mark.browser
def test_the_coordinators_overdue_journey(page, cast, units, seed_plan):
    steps = ActionStep.objects.filter(indicator__component__area__plan=seed_plan)
    expected = overdue_steps(cast["coordinator"], timezone.localdate()).count()
    assert expected == sum(1 for s in steps.select_related("indicator") if s.due_date)  # a past year
    browser_login(page, "koordinator")
    home = page.locator("#todo-overdue").inner_text()
    assert f"{expected} langkah terlambat" in home
    page.locator("#todo-overdue a").click()
    page.wait_for_url("**/beranda/terlambat/")
    assert f"{expected} langkah terlambat" in page.locator("#overdue-count").inner_text()
    assert page.locator("#overdue-steps tbody tr").count() == min(expected, 25)
    page.goto(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))
    assert page.locator("#kpi-overdue").inner_text().strip() == str(expected)
    assert page.locator("#overdue-pages").count() == (1 if expected > 20 else 0)
    page.goto(reverse("plans:detail", args=[seed_plan.pk]))
    assert page.locator(".late").count() > 0


def _pic_steps(seed_plan, pic, n):
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk")[:n])
    ActionStep.objects.filter(pk__in=[s.pk for s in steps]).update(pic=pic)
    return steps


def test_the_pics_steps_in_the_open_cycle_equal_the_filtered_cycle_page(client, cast, seed_plan):
    from zona.monev.services import cycle_open

    mine = _pic_steps(seed_plan, cast["pic"], 3)
    assert todo(cast["pic"], date.today()).cycles == []  # no cycle open yet
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    assert todo(cast["pic"], date.today()).cycles == [(cycle, 3)]
    assert todo(cast["coordinator"], date.today()).cycles == []  # in charge of no step
    client.force_login(cast["pic"])
    home = body(client.get(reverse("start:home"))).decode()
    link = reverse("monev:cycle", args=[cycle.pk]) + "?saya=1"
    assert link in home and "3 langkah Anda di monev TW 1" in home
    filtered = body(client.get(link)).decode()
    shown = set(re.findall(r'<li class="list-group-item" id="step-(\d+)"', filtered))
    assert shown == {str(s.pk) for s in mine}
    everything = body(client.get(reverse("monev:cycle", args=[cycle.pk]))).decode()
    assert len(re.findall(r'<li class="list-group-item" id="step-(\d+)"', everything)) > 3
    assert "Hanya langkah saya" in everything
    # another province's coordinator does not see the cycle at all
    client.force_login(cast["outsider"])
    assert client.get(link).status_code == 404


def test_the_pics_queue_costs_the_same_for_1_or_10_cycles_steps(client, cast, seed_plan):
    from zona.monev.services import cycle_open

    _pic_steps(seed_plan, cast["pic"], 1)
    from zona.rollups.services import flush

    cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])
    client.force_login(cast["pic"])
    flush()  # the units' summaries as the after-commit refresh leaves them (this test never commits)
    one = _queries(client, reverse("start:home"))
    _pic_steps(seed_plan, cast["pic"], 10)
    flush()
    assert todo(cast["pic"], date.today()).cycles[0][1] == 10
    assert _queries(client, reverse("start:home")) == one


@pytest.mark.browser
def test_the_pics_journey_on_a_phone(chromium, live_server, cast, seed_plan):
    from conftest import BROWSER_TIMEOUT
    from zona.monev.services import cycle_open

    mine = _pic_steps(seed_plan, cast["pic"], 2)
    cycle = cycle_open(plan=seed_plan, quarter=2, by=cast["coordinator"])
    context = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    context.set_default_timeout(BROWSER_TIMEOUT)
    page = context.new_page()
    try:
        browser_login(page, "pic")
        link = page.locator("#todo-cycles a")
        assert "2 langkah Anda di monev TW 2" in link.inner_text()
        link.click()
        page.wait_for_url(f"**/monev/siklus/{cycle.pk}/?saya=1")
        shown = page.locator("li.list-group-item[id^=step-]")
        assert sorted(shown.evaluate_all("els => els.map(e => e.id)")) == sorted(f"step-{s.pk}" for s in mine)
        page.get_by_role("link", name="Semua langkah").click()
        page.wait_for_url(f"**/monev/siklus/{cycle.pk}/?")
        # The whole list replaces the two steps once the page has loaded.
        expect(page.locator("li.list-group-item[id^=step-]").nth(2)).to_be_attached()
    finally:
        context.close()


def test_steps_without_a_person_in_charge_count_equals_the_list(client, cast, seed_plan):
    from zona.start.queues import unassigned_steps

    steps = ActionStep.objects.filter(indicator__component__area__plan=seed_plan)
    ActionStep.objects.filter(pk__in=list(steps.values_list("pk", flat=True)[:5])).update(pic=cast["pic"])
    ActionStep.objects.filter(pk=steps.filter(pic__isnull=True).first().pk).update(done_at=timezone.now())
    expected = steps.filter(pic__isnull=True, done_at__isnull=True).count()
    assert unassigned_steps(cast["coordinator"]).count() == expected > 0
    assert todo(cast["coordinator"], date.today()).unassigned == expected
    client.force_login(cast["coordinator"])
    home = body(client.get(reverse("start:home"))).decode()
    queue = body(client.get(reverse("start:unassigned"))).decode()
    assert shown_count(home, "todo-unassigned") == shown_count(queue, "unassigned-count") == expected
    for who in ("reviewer", "pic", "outsider", "viewer"):
        assert unassigned_steps(cast[who]).count() == 0


def test_rejected_evidence_waits_for_the_coordinator_until_a_new_version(client, cast, units, seed_plan):
    from zona.evidence.services import evidence_review
    from zona.start.queues import rejected_evidence

    item = upload(units["SUMSEL"], cast["pic"], "SK tanpa tanda tangan")
    Indicator.objects.filter(component__area__plan=seed_plan).first().evidence.add(item)
    evidence_review(item=item, verdict=Status.REJECTED, comment="Tanda tangan belum ada", by=cast["reviewer"])
    other = upload(units["JAMBI"], cast["outsider"], "Jambi")
    evidence_review(item=other, verdict=Status.REJECTED, comment="x", by=cast["reviewer"])
    assert list(rejected_evidence(cast["coordinator"])) == [item]
    assert list(rejected_evidence(cast["reviewer"])) == [] and list(rejected_evidence(cast["pic"])) == []
    client.force_login(cast["coordinator"])
    home = body(client.get(reverse("start:home"))).decode()
    queue = body(client.get(reverse("start:rejected"))).decode()
    assert shown_count(home, "todo-rejected") == shown_count(queue, "rejected-count") == 1
    assert "Tanda tangan belum ada" in queue and "Jambi" not in queue
    client.post(
        reverse("evidence:new_version", args=[item.pk]),
        {"file": SimpleUploadedFile("sk2.pdf", PDF), "next": reverse("start:rejected")},
    )
    item.refresh_from_db()
    assert item.status == Status.PENDING and list(rejected_evidence(cast["coordinator"])) == []
    assert item in verification_queue(cast["reviewer"])


def test_the_coordinators_other_queues_cost_the_same_for_1_or_10_items(client, cast, units, seed_plan):
    from zona.evidence.services import evidence_review

    client.force_login(cast["coordinator"])
    steps = list(ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk"))
    ActionStep.objects.filter(pk__in=[s.pk for s in steps[1:]]).update(pic=cast["pic"])
    evidence_review(item=upload(units["SUMSEL"], cast["pic"]), verdict=Status.REJECTED, comment="x", by=None)
    counts = [_queries(client, reverse(name)) for name in ("start:unassigned", "start:rejected")]
    ActionStep.objects.filter(pk__in=[s.pk for s in steps[1:10]]).update(pic=None)
    for n in range(9):
        evidence_review(
            item=upload(units["SUMSEL"], cast["pic"], f"B{n}"), verdict=Status.REJECTED, comment="x", by=None
        )
    assert [_queries(client, reverse(name)) for name in ("start:unassigned", "start:rejected")] == counts


def test_the_tpis_count_equals_the_queue_and_the_dashboards_figure(client, cast, units, seed_plan):
    indicator = Indicator.objects.filter(component__area__plan=seed_plan).first()
    for n in range(3):
        indicator.evidence.add(upload(units["SUMSEL"], cast["pic"], f"Bukti {n}"))
    upload(units["LAHAT"], cast["pic"], "Bukti Lahat")
    upload(units["JAMBI"], cast["outsider"], "Bukti Jambi")  # not the TPI's
    client.force_login(cast["reviewer"])
    home = body(client.get(reverse("start:home"))).decode()
    queue = body(client.get(reverse("start:verify"))).decode()
    board = body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))).decode()
    figures = [shown_count(home, "todo-evidence"), shown_count(queue, "verify-count")]
    assert figures + [shown_count(board, "kpi-awaiting")] == [4, 4, 4]
    assert reverse("start:verify") in board
    # a regency's dashboard counts what waits there only; a coordinator's shows no such figure
    lahat = body(client.get(reverse("monev:dashboard", args=[units["LAHAT"].slug]))).decode()
    assert shown_count(lahat, "kpi-awaiting") == 1
    client.force_login(cast["coordinator"])
    assert (
        "kpi-awaiting"
        not in body(client.get(reverse("monev:dashboard", args=[units["SUMSEL"].slug]))).decode()
    )


def test_only_my_steps_on_the_plan_page(client, cast, seed_plan):
    mine = _pic_steps(seed_plan, cast["pic"], 2)
    indicators = {s.indicator_id for s in mine}
    client.force_login(cast["pic"])
    url = reverse("plans:detail", args=[seed_plan.pk])
    everything = body(client.get(url)).decode()
    filtered = body(client.get(url, {"saya": "1"})).decode()
    listed = set(re.findall(r'href="/indikator/(\d+)/"', filtered))
    assert listed == {str(pk) for pk in indicators}
    assert len(set(re.findall(r'href="/indikator/(\d+)/"', everything))) > len(indicators)
    assert "Hanya langkah saya" in everything and "Semua langkah" in filtered
    client.force_login(cast["viewer"])  # in charge of nothing: no filter offered, everything shown
    assert "mine-filter" not in body(client.get(url, {"saya": "1"})).decode()


@pytest.mark.parametrize("who", ["pic", "viewer", "no_role"])
@pytest.mark.parametrize("queue", ["start:overdue", "start:unassigned", "start:rejected", "start:verify"])
def test_a_queue_is_refused_to_who_does_not_do_its_work_never_shown_as_empty(
    client, cast, seed_plan, who, queue
):
    """A PIC opening the coordinator's overdue list was told there was nothing overdue while the
    plan had 45 overdue steps: a list of work that is not theirs is refused (403), not emptied."""
    client.force_login(cast[who])
    response = client.get(reverse(queue))
    assert response.status_code == 403
    assert b"Tidak ada" not in body(response)
    doer = "reviewer" if queue == "start:verify" else "coordinator"
    client.force_login(cast[doer])
    assert client.get(reverse(queue)).status_code == 200
