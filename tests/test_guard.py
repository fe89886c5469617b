"""The pre-send guard: guard() passes or blocks, check() never raises, @guarded wraps a send function."""

from __future__ import annotations

import asyncio

import pytest

import phraselint
from phraselint import CheckFailedError, PhraseViolationError

CLEAN = "Thank you for waiting. I have refunded the order, and the money is on its way."
HURTFUL = "Please calm down, I am looking at it."
WARNING_ONLY = "I'm not sure why the charge appeared."


def test_guard_returns_a_clean_draft_unchanged() -> None:
    assert phraselint.guard(CLEAN, lang="en") is CLEAN


def test_guard_blocks_and_carries_the_report() -> None:
    with pytest.raises(PhraseViolationError) as caught:
        phraselint.guard(HURTFUL, lang="en")
    report = caught.value.report
    assert not report.ok
    [v] = report.violations
    assert (v.rule_id, v.category, v.start, v.end, v.text) == (
        "en/calm-down.calm-down", "calm-down", 0, 16, "Please calm down")
    assert v.rewrites[0] == "I understand how upsetting this is, and I'm going to help you sort it out right now."
    assert str(caught.value) == (
        "draft blocked by 1 violation(s) at or above error: en/calm-down.calm-down 'Please calm down' at 0-16")


def test_guard_detects_the_language() -> None:
    with pytest.raises(PhraseViolationError) as caught:
        phraselint.guard("Успокойтесь, пожалуйста, я уже проверяю ваш заказ.")
    assert caught.value.report.lang == "ru"
    assert [v.category for v in caught.value.report.violations] == ["calm-down"]


def test_fail_on_sets_what_blocks() -> None:
    assert phraselint.guard(WARNING_ONLY, lang="en") == WARNING_ONLY
    with pytest.raises(PhraseViolationError) as caught:
        phraselint.guard(WARNING_ONLY, lang="en", fail_on="warning")
    assert [(v.rule_id, v.text) for v in caught.value.report.violations] == [
        ("en/uncertainty.not-sure", "I'm not sure")]


def test_check_never_raises_for_violations() -> None:
    report = phraselint.check(HURTFUL, lang="en")
    assert not report.ok and report.failure is None
    assert [v.text for v in report.violations] == ["Please calm down"]
    assert phraselint.check(WARNING_ONLY, lang="en").ok
    assert not phraselint.check(WARNING_ONLY, lang="en", fail_on=phraselint.Severity.WARNING).ok


def test_a_failing_check_is_reported_and_fails_closed_by_default() -> None:
    report = phraselint.check(HURTFUL, lang="xx")
    assert report.failure == "unsupported language 'xx'; supported: de, el, en, es, fi, fr, ru, sl"
    assert not report.ok and report.violations == ()
    assert phraselint.check(HURTFUL, lang="xx", on_failure="open").ok
    with pytest.raises(CheckFailedError) as caught:
        phraselint.guard(HURTFUL, lang="xx")
    assert str(caught.value).startswith("draft blocked: the check did not finish (unsupported language 'xx'")
    assert phraselint.guard(HURTFUL, lang="xx", on_failure="open") == HURTFUL


def test_a_spent_time_budget_counts_as_a_failed_check() -> None:
    long_draft = "Please calm down. " * 20_000  # many pieces: the budget is checked before each
    report = phraselint.check(long_draft, lang="en", timeout=0.001)
    assert report.failure == "check ran past its budget of 1 ms"
    assert not report.ok
    assert phraselint.check(long_draft, lang="en", timeout=0.001, on_failure="open").ok
    with pytest.raises(CheckFailedError):
        phraselint.guard(long_draft, lang="en", timeout=0.001)
    assert phraselint.check(HURTFUL, lang="en", timeout=5.0).violations[0].text == "Please calm down"


def test_an_internal_error_is_a_failed_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> phraselint.Report:
        raise RuntimeError("matcher exploded")

    monkeypatch.setattr(phraselint.Linter, "lint", broken)
    report = phraselint.check(CLEAN, lang="en")
    assert (report.failure, report.ok) == ("RuntimeError: matcher exploded", False)
    assert phraselint.guard(CLEAN, lang="en", on_failure="open") == CLEAN


def test_wrong_settings_fail_at_once() -> None:
    with pytest.raises(ValueError, match="'fatal' is not a valid Severity"):
        phraselint.check(CLEAN, fail_on="fatal")
    with pytest.raises(ValueError, match="'ajar' is not a valid OnFailure"):
        phraselint.guarded(on_failure="ajar")


def test_guarded_checks_the_draft_before_sending() -> None:
    sent: list[tuple[str, str]] = []

    @phraselint.guarded(lang="en")
    def send(draft: str, to: str) -> str:
        sent.append((to, draft))
        return "sent"

    assert send(CLEAN, "ana@example.com") == "sent"
    assert send(to="ben@example.com", draft=CLEAN) == "sent"
    with pytest.raises(PhraseViolationError):
        send(HURTFUL, to="cy@example.com")
    assert sent == [("ana@example.com", CLEAN), ("ben@example.com", CLEAN)]
    assert send.__name__ == "send"


def test_guarded_names_the_draft_parameter_and_wraps_coroutines() -> None:
    sent: list[str] = []

    @phraselint.guarded(param="body", lang="en")
    async def reply(ticket: int, body: str) -> int:
        sent.append(body)
        return ticket

    assert asyncio.run(reply(7, CLEAN)) == 7
    with pytest.raises(PhraseViolationError):
        asyncio.run(reply(8, body=HURTFUL))
    assert sent == [CLEAN]


def test_guarded_refuses_what_it_cannot_guard() -> None:
    with pytest.raises(TypeError, match="has no parameter 'message' to guard"):
        phraselint.guarded(param="message")(lambda draft: draft)

    @phraselint.guarded(lang="en")
    def send(draft: object) -> None:
        return None

    with pytest.raises(TypeError, match="the guarded argument 'draft' is bytes, not str"):
        send(b"calm down")
