"""Same-length text normalisation applied to texts and patterns alike."""

from __future__ import annotations

# One character in, one character out, so offsets into the normalised text are offsets into the
# original: typographic apostrophes read as ', and Russian ё as е (both spellings are correct).
_TABLE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "ё": "е", "Ё": "Е"})


def normalize(text: str) -> str:
    """Return *text* with apostrophes and ё unified, keeping every character's offset."""
    return text.translate(_TABLE)
