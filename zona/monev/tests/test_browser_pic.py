"""A PIC on a 390×844 phone reports in the open monev cycle: the form shows the step as finished,
moving it back without a reason leaves it finished (in the database and on the page), and with
a confirmation and a reason it goes back, the reason kept."""

import re

import pytest
from playwright.sync_api import expect

from conftest import BROWSER_TIMEOUT, browser_login
from zona.monev.models import StepReport
from zona.monev.services import cycle_open
from zona.plans.models import ActionStep, StepStatus
from zona.plans.services import step_set_done

pytestmark = pytest.mark.browser

CONFIRM = "Ya, langkah yang sudah selesai ini kembali belum selesai (tidak lagi dihitung selesai)"
REASON = "Mengapa langkah yang sudah selesai kembali belum selesai?"


def test_a_pic_on_a_phone_cannot_reopen_a_finished_step_without_a_reason(
    chromium, live_server, cast, seed_plan
):
    step = ActionStep.objects.filter(indicator__component__area__plan=seed_plan).order_by("pk").first()
    step.pic = cast["pic"]
    step.save()
    step_set_done(step=step, done=True, by=cast["pic"])
    cycle = cycle_open(plan=seed_plan, quarter=1, by=cast["coordinator"])

    phone = chromium.new_context(
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
    )
    phone.set_default_timeout(BROWSER_TIMEOUT)
    page = phone.new_page()
    browser_login(page, "pic", to=f"/monev/siklus/{cycle.pk}/")
    item = page.locator(f"#step-{step.pk}")
    assert "Selesai · 100%" in item.locator(".step-state").inner_text()
    item.get_by_text("Laporkan", exact=True).click()
    # the form starts from the step's state: finished, 100 %
    assert item.get_by_label("Status", exact=True).input_value() == "selesai"
    assert item.get_by_label("Progres (%)").input_value() == "100"
    item.get_by_label("Status", exact=True).select_option(label="Berjalan")
    item.get_by_label("Progres (%)").fill("50")
    item.get_by_role("button", name="Simpan laporan").click()

    # refused in words on the form; the step stays finished
    page.wait_for_url(re.compile(rf"/monev/siklus/{cycle.pk}/langkah/{step.pk}/$"))
    assert "Centang kotak untuk menegaskan" in page.locator("#reopen-confirm-error").inner_text()
    assert "Tuliskan mengapa" in page.locator("#reopen-reason-error").inner_text()
    assert "Selesai · 100%" in page.locator("#step-state").inner_text()
    step.refresh_from_db()
    assert step.is_done and step.status == StepStatus.DONE and step.progress == 100
    assert not StepReport.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    # with the confirmation and a reason, it goes back and the reason is kept
    form = page.locator("#report-form")
    assert form.get_by_label("Status", exact=True).input_value() == "berjalan"  # what was chosen stays
    form.get_by_label(CONFIRM).check()
    form.get_by_label(REASON).fill("SK tim harus direvisi")
    form.get_by_role("button", name="Simpan laporan").click()
    page.wait_for_url(re.compile(rf"/monev/siklus/{cycle.pk}/(#step-{step.pk})?$"))
    expect(page.locator("body")).to_contain_text("Laporan disimpan")
    row = page.locator(f"#step-{step.pk}")
    assert "Berjalan · 50%" in row.locator(".step-state").inner_text()
    assert "SK tim harus direvisi" in row.inner_text()
    step.refresh_from_db()
    assert not step.is_done and (step.status, step.progress) == (StepStatus.RUNNING, 50)
    assert StepReport.objects.get(step=step).reopen_reason == "SK tim harus direvisi"
    phone.close()
