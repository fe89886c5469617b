"""docs/rules.md is the output of `phraselint rules docs` for the shipped rules."""

from __future__ import annotations

from pathlib import Path

import phraselint
from phraselint.report.reference import render_reference

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rule_reference_is_current() -> None:
    linter = phraselint.Linter()
    expected = render_reference({lang: linter.rules(lang) for lang in linter.languages})
    assert DOCS.read_text(encoding="utf-8") == expected, "run: phraselint rules docs --output docs/rules.md"
