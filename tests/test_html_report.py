"""HTML transcript report: what a QA lead sees in a browser, and that the page is self-contained and escaped."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

from phraselint.model import Malformed, Message, Role, Severity, Skip, Turn, Violation
from phraselint.report.summary import Summary
from phraselint.report.webpage import write_html
from phraselint.transcripts import lint_transcripts

TRANSCRIPTS = Path(__file__).parent / "data" / "transcripts"
CHAT = TRANSCRIPTS / "chat.txt"
SAMPLE = TRANSCRIPTS / "report_sample.txt"
REMOTE = re.compile(r"""(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?//|url\(|@import""", re.IGNORECASE)


def summarize(items: Iterable[Turn | Malformed]) -> Summary:
    """Return a finished Summary of *items*."""
    summary = Summary()
    for item in items:
        summary.add(item)
    summary.finish()
    return summary


def render(summary: Summary) -> str:
    """Return the HTML report of *summary*."""
    out = io.StringIO()
    write_html(out, summary, title="Test export")
    return out.getvalue()


def message(text: str, role: Role, *, agent_name: str | None = None, internal: bool = False) -> Message:
    """Return a Message of conversation c1 in test.txt."""
    return Message(text=text, role=role, source="test.txt", conversation="c1", index=0, where="1",
                   agent_name=agent_name, internal=internal)


def violation(text: str, start: int, end: int) -> Violation:
    """Return a calm-down violation of text[start:end]."""
    return Violation(rule_id="en/calm-down.calm-down", category="calm-down", severity=Severity.ERROR, start=start,
                     end=end, text=text[start:end], line=1, column=start + 1, message="Don't say <calm down>.",
                     rewrites=("I <understand>.",))


def open_report(browser: Browser, path: Path, errors: list[str], requests: list[str]) -> Page:
    """Open the report at *path*, recording console errors, page errors and every request made."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("source", [CHAT, SAMPLE], ids=lambda p: p.name)
def test_report_in_browser(browser: Browser, tmp_path: Path, source: Path) -> None:
    malformed = Malformed(source.name, "99", "unreadable <record>")
    items = [*lint_transcripts([source]), malformed]
    summary = summarize(items)
    path = tmp_path / "report.html"
    with path.open("w", encoding="utf-8") as out:
        write_html(out, summary, title=source.name)
    errors: list[str] = []
    requests: list[str] = []
    page = open_report(browser, path, errors, requests)
    try:
        bars = {"category": len(summary.by_category), "rule": min(len(summary.by_rule), 15),
                "agent": len(summary.agents), "time": len(summary.by_day)}
        for kind, expected in bars.items():
            chart = page.locator(f'svg.chart[data-chart="{kind}"][role="img"]')
            assert chart.count() == 1, kind
            assert chart.is_visible(), kind
            assert chart.locator(":scope > title").text_content(), kind
            rects = chart.locator("rect.bar")
            assert rects.count() == expected, kind
            for i in range(expected):
                rect = rects.nth(i)
                box = rect.bounding_box()
                assert box is not None, (kind, i)
                assert box["height"] > 0, (kind, i)
                # A zero count (an agent with no violations) draws no bar length; any other count does.
                is_nonzero = float(rect.get_attribute("data-count") or "0") > 0
                assert (box["width"] > 0) == is_nonzero, (kind, i, box)
                assert rect.locator("title").text_content(), (kind, i)

        flagged = [t for c in summary.worst() for t in c.turns if t.message.role is not Role.CUSTOMER]
        expected_marks = [v.text for t in flagged for v in sorted(t.violations, key=lambda v: v.start)]
        assert page.locator("mark.violation").all_text_contents() == expected_marks
        all_flagged = [t for t in items if isinstance(t, Turn) and t.violations]
        assert sorted(v.text for t in all_flagged for v in t.violations) == sorted(expected_marks)
        if source == CHAT:
            assert expected_marks == ["Please calm down", "it's our policy"]
            customer = page.locator(".turn.customer", has_text="Calm down?")
            assert customer.is_visible()
            assert customer.locator("mark").count() == 0

        shown = page.locator(".better").all_inner_texts()
        for t in all_flagged:
            for v in t.violations:
                assert f"Better: {v.rewrites[0]}" in shown
        assert page.locator("#malformed li").all_inner_texts() == [str(malformed)]
        assert errors == []
        assert [url for url in requests if not url.startswith("file://")] == []
    finally:
        page.close()


def test_chat_report_is_self_contained() -> None:
    html = render(summarize(lint_transcripts([CHAT])))

    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html
    assert REMOTE.findall(html) == []
    assert "http://" not in html
    assert "https://" not in html
    assert "<script" not in html


def test_report_escapes_export_text() -> None:
    text = "Calm down <script>alert(1)</script> & wait"
    turns = [
        Turn(message("<script>alert(2)</script>", Role.CUSTOMER), skipped=Skip.SPEAKER),
        Turn(message(text, Role.AGENT, agent_name="<b>Eve</b>"), (violation(text, 0, 9), violation(text, 10, 18))),
    ]

    html = render(summarize(turns))

    assert "<script" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html
    assert ('<mark class="violation" data-rule="en/calm-down.calm-down" data-category="calm-down" '
            'data-severity="error" title="Don&#x27;t say &lt;calm down&gt;.">&lt;script&gt;</mark>') in html
    assert "Better: I &lt;understand&gt;." in html


def test_report_marks_only_agent_spans_and_guards_overlaps() -> None:
    text = "Please calm down now"
    turns = [
        Turn(message(text, Role.CUSTOMER), (violation(text, 7, 16),), "en"),
        Turn(message(text, Role.AGENT), (violation(text, 7, 16), violation(text, 0, 16), violation(text, 12, 30)),
             "en"),
    ]

    html = render(summarize(turns))

    assert re.findall(r'<mark class="violation"[^>]*>([^<]*)</mark>', html) == ["Please calm down"]
    assert html.count("<p class=\"better\">") == 3


def test_report_labels_internal_notes_and_lists_malformed_records() -> None:
    text = "Please calm down."
    items: list[Turn | Malformed] = [
        Turn(message("Refund approved, tell her today.", Role.AGENT, internal=True), skipped=Skip.INTERNAL),
        Turn(message(text, Role.AGENT), (violation(text, 0, 16),), "en"),
        Malformed("test.txt", "7", "text before the first 'Speaker: text' line"),
    ]

    html = render(summarize(items))

    assert re.findall(r'<div class="turn agent skipped">.*?<span class="label">([^<]*)</span>', html, re.S) == [
        "internal note, not linted"
    ]
    assert "internal note: 1" in html
    assert "<code>test.txt:7: text before the first &#x27;Speaker: text&#x27; line</code>" in html
    assert "No timestamps in this export." in html
    assert 'data-chart="time"' not in html
