"""Find the text an agent is quoting: `>` lines and words inside quotation marks."""

from __future__ import annotations

import regex

# Quotation marks of the supported languages; a quote stays within one line and 400 characters,
# so a stray mark cannot hide the rest of a message.
_QUOTED = regex.compile(
    r"""^[ \t]*>[^\n]*"""
    r"""|"[^"\n]{1,400}"|“[^”“\n]{1,400}”|«[^»«\n]{1,400}»|„[^“”„\n]{1,400}[“”]|»[^«»\n]{1,400}«""",
    regex.MULTILINE,
)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Return the character ranges of *text* that quote someone else's words."""
    return [m.span() for m in _QUOTED.finditer(text)]


def is_within(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Return True when ``[start, end)`` lies inside one of *ranges*."""
    return any(s <= start and end <= e for s, e in ranges)
