"""Zona speaks Indonesian unless the person chooses otherwise with the switcher: the browser's
Accept-Language is not followed (docs/decisions/0003-language-is-chosen.md)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from conftest import body

SIGN_IN = {"id": "Masuk", "en": "Sign in"}


def _lang(html: str) -> str:
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian(client):
    response = client.get(reverse("portal:list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = body(response).decode()
    assert _lang(html) == "id" and response["Content-Language"] == "id"
    assert f">{SIGN_IN['id']}<" in html and f">{SIGN_IN['en']}<" not in html


@pytest.mark.django_db
def test_the_switcher_switches_and_the_choice_stays(client):
    page = reverse("portal:list")
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = body(client.get(page, HTTP_ACCEPT_LANGUAGE="id")).decode()
    assert _lang(html) == "en" and f">{SIGN_IN['en']}<" in html
    client.post(reverse("set_language"), {"language": "id", "next": page})
    assert _lang(body(client.get(page, HTTP_ACCEPT_LANGUAGE="en")).decode()) == "id"


@pytest.mark.django_db
def test_a_cookie_naming_no_language_of_zona_falls_back_to_indonesian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx-junk<script>"
    assert _lang(body(client.get(reverse("portal:list"))).decode()) == "id"


@pytest.mark.browser
def test_an_english_browser_reads_indonesian_until_it_chooses_english(chromium, live_server, units):
    context = chromium.new_context(locale="en-US", base_url=live_server.url)
    try:
        page = context.new_page()
        page.goto(reverse("portal:list"))
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.get_by_role("link", name="Masuk")).to_be_visible()
        page.locator("#language-switcher").get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("link", name="Sign in")).to_be_visible()
        page.locator("#language-switcher").get_by_role("button", name="Bahasa Indonesia").click()
        expect(page.locator("html")).to_have_attribute("lang", "id")
    finally:
        context.close()
