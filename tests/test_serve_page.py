"""The one-page checker at `/`, driven in headless Chromium: type a draft, see the flagged spans and rewrites."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.conftest import Server

CALM_DOWN_REWRITE = "I understand how upsetting this is, and I'm going to help you sort it out right now."
POLICY_REWRITE = "I'm sorry I can't do that in this case. Here is what I can do for you instead: …"


@pytest.fixture
def checker(browser: Browser, server: Server) -> Iterator[Page]:
    """Yield the checker page; on leaving, no console error was logged and nothing was fetched from elsewhere."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url + "/")
    try:
        yield page
        assert errors == []
        assert [url for url in requests if not url.startswith(server.url + "/")] == []
    finally:
        page.close()


def test_check_highlights_spans_and_shows_rewrites(checker: Page) -> None:
    # The emoji is one code point but two UTF-16 units: the offsets must not slip by one after it.
    checker.fill("#draft", "I hear you 😀 but please calm down. That's our policy.")
    checker.click("#check")

    marks = checker.locator("#highlighted mark.violation")
    expect(marks).to_have_text(["please calm down", "That's our policy"])
    assert [marks.nth(i).get_attribute("data-rule") for i in range(2)] == [
        "en/calm-down.calm-down", "en/policy-shield.thats-our-policy",
    ]
    assert checker.locator("#highlighted").inner_text() == "I hear you 😀 but please calm down. That's our policy."
    items = checker.locator("#violations > li")
    expect(items.nth(0).locator(".rewrite").first).to_have_text(CALM_DOWN_REWRITE)
    expect(items.nth(1).locator(".rewrite").first).to_have_text(POLICY_REWRITE)
    expect(items.nth(0).locator(".message")).to_have_text(
        "Don't tell the customer to calm down; acknowledge how they feel instead.")
    expect(checker.locator("#status")).to_have_text("Fix before sending: 2 phrases to change (English (en)).")


def test_typing_checks_without_a_click(checker: Page) -> None:
    checker.locator("#draft").press_sequentially("Боюсь, ты не поймешь.")

    expect(checker.locator("#highlighted mark.violation")).to_have_text(["Боюсь, ты не поймешь"])
    expect(checker.locator("#status")).to_have_text("Fix before sending: 2 phrases to change (Russian (ru)).")


def test_chosen_language_and_clean_draft(checker: Page) -> None:
    checker.select_option("#lang", "en")
    checker.fill("#draft", "Thank you for your patience, your refund is on its way.")
    checker.click("#check")

    expect(checker.locator("#status")).to_have_text("Ready to send: nothing to change (English (en)).")
    expect(checker.locator("#highlighted mark")).to_have_count(0)
    expect(checker.locator("#violations > li")).to_have_count(0)


def test_draft_text_is_shown_as_text_never_as_markup(checker: Page) -> None:
    draft = "Please calm down <img src=x onerror=alert(1)> <b>now</b>."
    checker.fill("#draft", draft)
    checker.click("#check")

    expect(checker.locator("#highlighted mark.violation")).to_have_text(["Please calm down"])
    assert checker.locator("#highlighted").inner_text() == draft
    assert checker.locator("#highlighted img, #highlighted b").count() == 0
