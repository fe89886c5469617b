"""Turn matcher hits into Violations with line and column, dropping allowed phrases."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from phraselint.lang.normalize import normalize
from phraselint.matching.hit import Hit
from phraselint.model import Violation

_NEWLINE = regex.compile("\n")


class ViolationBuilder:
    """Build Violations from hits for one configuration."""

    def __init__(self, allow: Sequence[str]) -> None:
        self._allow = (
            regex.compile("|".join(regex.escape(normalize(a)) for a in allow), regex.IGNORECASE)
            if allow else None
        )

    def build(self, text: str, hits: Sequence[Hit]) -> tuple[Violation, ...]:
        """Return the Violations of *hits* in *text*, minus those inside allowed phrases."""
        if not hits:
            return ()
        allowed = [m.span() for m in self._allow.finditer(normalize(text))] if self._allow else []
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        result = []
        for hit in hits:
            if any(s <= hit.start and hit.end <= e for s, e in allowed):
                continue
            line = bisect.bisect_left(newlines, hit.start)
            column = hit.start - (newlines[line - 1] + 1 if line else 0)
            rule = hit.rule
            result.append(Violation(
                rule_id=rule.id, category=rule.category,
                severity=rule.severity,
                start=hit.start, end=hit.end, text=text[hit.start:hit.end],
                line=line + 1, column=column + 1, message=rule.message, rewrites=rule.rewrites,
            ))
        return tuple(result)
