"""Language detection with lingua, limited to the languages that have rule packs."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# Below this many letters a guess is too often wrong; the caller's default language is used.
_MIN_LETTERS = 4
_MIN_CONFIDENCE = 0.25
# lingua takes UTF-8 only, and a lone surrogate (JSON can carry one as "\ud800") says nothing of the language.
_SURROGATES = re.compile("[\ud800-\udfff]")

_detectors: dict[frozenset[str], LanguageDetector] = {}
_lock = threading.Lock()


def detect_language(text: str, candidates: Iterable[str], default: str) -> str:
    """Return the ISO 639-1 code of *text* among *candidates*, or *default* when unsure."""
    codes = frozenset(candidates)
    if len(codes) == 1:
        return next(iter(codes))
    sample = _SURROGATES.sub("", text[:2000])
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
        return default
    detector = _detector(codes)
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < _MIN_CONFIDENCE:
        return default
    return values[0].language.iso_code_639_1.name.lower()


def _detector(codes: frozenset[str]) -> LanguageDetector:
    # Imported here: only a caller that leaves the language open pays for lingua.
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    with _lock:
        detector = _detectors.get(codes)
        if detector is None:
            languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in sorted(codes)]
            detector = _detectors[codes] = LanguageDetectorBuilder.from_languages(*languages).build()
        return detector
