"""Same-length text normalisation applied to texts and patterns alike."""

from __future__ import annotations

import re

# One character in, one character out, so offsets into the normalised text are offsets into the
# original: typographic apostrophes read as ', Russian ё as е (both spellings are correct), and a
# lone surrogate (which spaCy cannot encode) as U+FFFD.
_TABLE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "ё": "е", "Ё": "Е"}
                       | {chr(c): "\ufffd" for c in range(0xD800, 0xE000)})
_NEEDED = re.compile("[’‘ʼ′ёЁ\ud800-\udfff]")


def normalize(text: str) -> str:
    """Return *text* with apostrophes and ё unified, keeping every character's offset."""
    # Most texts have none of these characters; one search is far cheaper than a translate.
    return text.translate(_TABLE) if _NEEDED.search(text) else text
