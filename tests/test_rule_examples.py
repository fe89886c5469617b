"""Every shipped rule's examples and rewrites are its tests."""

from __future__ import annotations

import pytest

import phraselint
from phraselint.packs.schema import Rule
from phraselint.selfcheck import check_rules

LINTER = phraselint.Linter()
RULES = [rule for lang in LINTER.languages for rule in LINTER.rules(lang)]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    failures = [str(f) for f in check_rules(LINTER, rules=[rule]).failures]
    assert failures == []


def test_every_seed_language_has_every_category() -> None:
    for lang in ("en", "fi", "ru", "sl", "el", "de", "es", "fr"):
        categories = {r.category for r in LINTER.rules(lang)}
        expected = set(phraselint.CATEGORIES) - ({"informal-address"} if lang in ("en", "fi") else set())
        assert categories == expected, lang


def test_rule_counts_meet_the_bar() -> None:
    short = [r.id for r in RULES if len(r.bad) < 3 or len(r.good) < 2]
    assert short == []
