"""axe-core (from npm, injected by Playwright) on every public page and the main officer pages:
no serious or critical violation of WCAG 2 A/AA."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import BROWSER_TIMEOUT, browser_login

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def page(chromium, live_server):
    """As the shared page, but axe's script may be injected past the site's CSP."""
    context = chromium.new_context(
        locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url, bypass_csp=True
    )
    context.set_default_timeout(BROWSER_TIMEOUT)
    yield context.new_page()
    context.close()


# axe runs for its violations only (it skips gathering what passed), and the page hands back only the
# serious and critical ones, each cut to what the message shows: the whole result of every rule is
# large, and passing it to Python cost more than the audit itself.
AUDIT = """async (tags) => {
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
    const result = await axe.run(document, options);
    return result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.slice(0, 3).map(n => n.target)}));
}"""


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(AUDIT, ["wcag2a", "wcag2aa", "wcag21aa"])
    return [f"{v['id']} ({v['impact']}): {v['help']} — {v['targets']}" for v in found]


def failures_on(page, urls) -> dict[str, list[str]]:
    failures = {}
    for url in urls:
        page.goto(url)
        found = violations(page)
        if found:
            failures[url] = found
    return failures


@pytest.fixture
def world(seed_plan, units, cast):
    from zona.complaints.tests.test_complaints import submit
    from zona.plans.services import plan_set_status
    from zona.surveys.tests.factories import make_survey

    plan_set_status(plan=seed_plan, status="ditetapkan", by=cast["coordinator"])
    submit(units["SUMSEL"])
    survey = make_survey(units["SUMSEL"], cast["coordinator"], title="Survei loket")
    return {"plan": seed_plan, "survey": survey}


def test_public_pages(page, world, units):
    slug = units["SUMSEL"].slug
    urls = (
        "/akun/masuk/",
        "/publik/",
        "/halaman-yang-tidak-ada/",
        f"/publik/{slug}/",
        f"/publik/{slug}/pengaduan/",
        f"/publik/{slug}/pengaduan/lacak/",
        f"/publik/{slug}/ppid/",
        f"/publik/{slug}/sop/",
        f"/publik/{slug}/survei/",
        f"/publik/{slug}/standar-pelayanan/",
        f"/publik/{slug}/rencana-kerja/{world['plan'].year}/",
        f"/survei/{world['survey'].token}/",
        "/wbs/lacak/",
    )
    assert failures_on(page, urls) == {}


def _waiting_export(plan, by) -> int:
    """An export no worker has taken for a minute (its page says so)."""
    from datetime import timedelta

    from django.utils import timezone

    from zona.evidence.models import ExportJob

    job = ExportJob.objects.create(
        kind="plans.plan", fmt="xlsx", unit=plan.unit, title="Rencana", requested_by=by
    )
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    return job.pk


def test_officer_pages(page, world, units, cast):
    plan = world["plan"]
    waiting = _waiting_export(plan, cast["coordinator"])
    indicator = plan.areas.first().components.first().indicators.first()
    slug = units["SUMSEL"].slug
    from zona.lke.services import answer_save, assessment_create
    from zona.monev.services import cycle_open
    from zona.plans.models import ActionStep
    from zona.plans.services import step_set_done

    step = ActionStep.objects.filter(indicator__component__area__plan=plan).first()
    step_set_done(step=step, done=True, by=cast["coordinator"])  # its report form asks for a reason
    cycle = cycle_open(plan=plan, quarter=1, by=cast["coordinator"])
    before = assessment_create(unit=units["SUMSEL"], year=plan.year - 1, by=cast["coordinator"])
    answer_save(assessment=before, level="mandiri", ref="A.I.1.i.a", raw="Ya", by=cast["coordinator"])
    lke = assessment_create(unit=units["SUMSEL"], year=plan.year, by=cast["coordinator"])  # carries it over
    answer_save(assessment=lke, level="mandiri", ref="B.1.a", raw="3.6", by=cast["coordinator"])
    browser_login(page, "koordinator")
    urls = (
        f"/lke/{lke.pk}/",
        f"/lke/{lke.pk}/bagian/A.I.1/",
        f"/lke/{lke.pk}/kirim/",
        f"/usulan/{lke.pk}/",
        "/beranda/",
        f"/monev/siklus/{cycle.pk}/",
        f"/monev/siklus/{cycle.pk}/langkah/{step.pk}/",
        "/",
        f"/rencana/{plan.pk}/",
        f"/indikator/{indicator.pk}/",
        "/tugas-saya/",
        f"/monev/dasbor/{slug}/",
        "/lke/",
        "/pengaduan/",
        f"/risiko/{slug}/{plan.year}/",
        f"/sop/{slug}/",
        f"/rekap/{slug}/",
        f"/kinerja/{slug}/{plan.year}/",
        "/layanan/",
        "/notifikasi/",
        "/ekspor/",
        f"/ekspor/{waiting}/",
        "/beranda/terlambat/",
        "/beranda/tanpa-pic/",
        "/beranda/ditolak/",
    )
    assert failures_on(page, urls) == {}


def test_reviewer_pages(page, world, units, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zona.evidence.services import evidence_create_file

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    evidence_create_file(
        unit=units["SUMSEL"], title="SK Tim ZI", upload=SimpleUploadedFile("sk.pdf", pdf), by=cast["pic"]
    )
    from zona.evaluation.rfi import request_raise
    from zona.evaluation.services import team_member_add, tier_take
    from zona.lke.review import assessment_submit
    from zona.lke.services import answer_save, assessment_create

    lke = assessment_create(unit=units["SUMSEL"], year=2023, by=cast["coordinator"])
    answer_save(assessment=lke, level="mandiri", ref="A.I.1.i.a", raw="Ya", by=cast["coordinator"])
    assessment_submit(assessment=lke, by=cast["coordinator"])
    team_member_add(assessment=lke, user=cast["reviewer"], tier_code="anggota", by=cast["reviewer"])
    tier_take(assessment=lke, tier_code="anggota", by=cast["reviewer"])
    request_raise(
        assessment=lke,
        ref="A.I.1.i.a",
        kind="missing",
        text="SK",
        by=cast["reviewer"],
        today=date(2023, 5, 8),
    )
    browser_login(page, "tpi")
    urls = ("/beranda/", "/beranda/verifikasi/", f"/evaluasi/{lke.pk}/", f"/evaluasi/{lke.pk}/permintaan/")
    assert failures_on(page, urls) == {}
