"""Shared fixtures: a small rule pack for engine tests, and the shipped rules."""

from __future__ import annotations

from pathlib import Path

import pytest

import phraselint

DATA = Path(__file__).parent / "data"
TEST_RULES = DATA / "rules"


@pytest.fixture(scope="session")
def test_linter() -> phraselint.Linter:
    """Return a Linter over the small test pack only."""
    return phraselint.Linter(rules_dirs=[TEST_RULES])


@pytest.fixture(scope="session")
def linter() -> phraselint.Linter:
    """Return a Linter over the shipped rules."""
    return phraselint.Linter()
