"""Same-length text normalisation applied to texts and patterns alike."""

from __future__ import annotations

import re

# One character in, one character out, so offsets into the normalised text are offsets into the
# original: typographic apostrophes read as ', Russian ё as е (both spellings are correct), and a
# lone surrogate (which spaCy cannot encode) as U+FFFD.
_PAIRS = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("′", "'"), ("ё", "е"), ("Ё", "Е"))
_NEEDED = re.compile("[’‘ʼ′ёЁ\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize(text: str) -> str:
    """Return *text* with apostrophes and ё unified, keeping every character's offset."""
    # Most texts have none of these characters; one search is far cheaper than any replacing, and
    # str.replace per character is far cheaper than str.translate on non-ASCII text.
    if _NEEDED.search(text) is None:
        return text
    for old, new in _PAIRS:
        if old in text:
            text = text.replace(old, new)
    return _SURROGATE.sub("\ufffd", text)
