"""A Hit: one rule matching one character span of a text."""

from __future__ import annotations

from dataclasses import dataclass

from phraselint.packs.schema import Rule


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's match on ``text[start:end]``; *weight* is the number of tokens it spans."""

    rule: Rule
    start: int
    end: int
    weight: int
