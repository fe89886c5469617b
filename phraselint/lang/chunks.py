"""Cut long texts into pieces spaCy tokenises in bounded memory."""

from __future__ import annotations

from collections.abc import Iterator

CHUNK_CHARS = 20_000


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, piece)`` covering *text*, cut after a line break or space where possible."""
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, start + size)
        end = cut + 1 if cut >= 0 else start + size
        yield start, text[start:end]
        start = end
    yield start, text[start:]
