"""Value types a lint produces: Severity, Violation and Report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

CATEGORIES: tuple[str, ...] = (
    "calm-down",
    "policy-shield",
    "helpless",
    "flat-refusal",
    "blame-customer",
    "condescension",
    "dismissal",
    "deflection",
    "manual-reference",
    "uncertainty",
    "informal-address",
    "unfilled-placeholder",
)


class Severity(StrEnum):
    """How serious a violation is; errors block a send by default."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    def reaches(self, threshold: Severity) -> bool:
        """Return True when this severity is at or above *threshold*."""
        return self.rank >= threshold.rank


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Violation:
    """One flagged span of a text, with the rule that flagged it and better phrasings."""

    rule_id: str
    category: str
    severity: Severity
    start: int
    end: int
    text: str
    line: int
    column: int
    message: str
    rewrites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """The result of linting one text."""

    text: str
    lang: str
    violations: tuple[Violation, ...]
    fail_on: Severity = Severity.ERROR

    @property
    def ok(self) -> bool:
        """Return False when a violation at or above the failing severity is present."""
        return not any(v.severity.reaches(self.fail_on) for v in self.violations)

    @property
    def counts(self) -> dict[str, int]:
        """Return the number of violations per category."""
        return dict(Counter(v.category for v in self.violations))
