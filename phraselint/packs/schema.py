"""Rule, Pattern and Example: the typed form of a rule pack entry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from phraselint.model import Severity


class PatternKind(StrEnum):
    """How a pattern is written in a pack."""

    PHRASE = "phrase"
    TOKENS = "tokens"
    REGEX = "regex"


class Scope(StrEnum):
    """Where a context condition looks for its patterns."""

    SENTENCE = "sentence"
    MESSAGE = "message"


class FixSafety(StrEnum):
    """Whether the first rewrite may replace the flagged span as it is."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


TokenSpec = dict[str, object]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern of a rule: a phrase, a spaCy token pattern or a regex."""

    kind: PatternKind
    phrase: str = ""
    tokens: tuple[TokenSpec, ...] = ()
    regex: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class BadExample:
    """A text the rule must flag, with the exact span it must flag."""

    text: str
    flag: str
    line: int


@dataclass(frozen=True, slots=True)
class GoodExample:
    """A text the rule must not flag."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as loaded from its pack."""

    id: str
    lang: str
    category: str
    severity: Severity
    message: str
    why: str
    source: str
    patterns: tuple[Pattern, ...]
    requires: tuple[tuple[Scope, tuple[Pattern, ...]], ...]
    unless: tuple[tuple[Scope, tuple[Pattern, ...]], ...]
    rewrites: tuple[str, ...]
    fix: FixSafety
    bad: tuple[BadExample, ...]
    good: tuple[GoodExample, ...]
    path: Path
    line: int

    @property
    def all_patterns(self) -> tuple[Pattern, ...]:
        """Return the rule's patterns and those of its context conditions."""
        return self.patterns + tuple(p for _, group in self.requires + self.unless for p in group)

    def lemma_values(self) -> tuple[str, ...]:
        """Return every literal LEMMA value its token patterns compare against."""
        found: list[str] = []
        for pattern in self.all_patterns:
            for token in pattern.tokens:
                value = token.get("LEMMA")
                if isinstance(value, dict):
                    value = value.get("IN")
                values = value if isinstance(value, list) else [value]
                found.extend(v for v in values if isinstance(v, str))
        return tuple(found)
