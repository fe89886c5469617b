"""Lemma analysis with simplemma's per-language lookup data, read without unpacking it whole."""

from __future__ import annotations

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamDictionaryFactory

from phraselint.lang.analysis import Analysis
from phraselint.lang.normalize import normalize

# simplemma's default dictionaries unpack into Python dicts: Finnish alone costs ~400 MB and 3 s.
# The stream factory keeps each dictionary as one compressed-index buffer (Finnish: ~50 MB,
# 1.3 s) at ~10-60 µs per new word, which phraselint's per-form cache pays once per word.
LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=StreamDictionaryFactory()))


def lemmatize(form: str, lang: str) -> str:
    """Return simplemma's lemma of *form*, lower-cased and normalised."""
    return normalize(LEMMATIZER.lemmatize(form, lang=lang).lower())


class SimplemmaAnalyzer:
    """Analyse word forms with simplemma; the form itself stays a lemma candidate."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, form: str) -> Analysis:
        return Analysis(lemmas=(lemmatize(form, self.lang),))
