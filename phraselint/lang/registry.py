"""The supported languages, each language's analyser back-end, and lazily built pipelines."""

from __future__ import annotations

import threading
from collections.abc import Callable

from phraselint.errors import UnsupportedLanguageError
from phraselint.lang.analysis import Analyzer
from phraselint.lang.pipeline import Pipeline


def _simplemma(lang: str) -> Callable[[], Analyzer]:
    def build() -> Analyzer:
        from phraselint.lang.simplemma_backend import SimplemmaAnalyzer

        return SimplemmaAnalyzer(lang)

    return build


def _lemmagen(lang: str) -> Callable[[], Analyzer]:
    def build() -> Analyzer:
        from phraselint.lang.lemmagen_backend import LemmagenAnalyzer

        return LemmagenAnalyzer(lang)

    return build


def _pymorphy() -> Analyzer:
    from phraselint.lang.pymorphy_backend import PymorphyAnalyzer

    return PymorphyAnalyzer()


# The analyser per language, chosen by measured quality on inflected seed phrases (README):
# simplemma maps the fi, ru, el, de, es and fr variants of the seed phrases to one lemma; for sl it
# misses imperatives and second-person forms that lemmagen3 gets right (pomirite, motite), and
# lemmagen3 misses nouns simplemma gets (politiki), so sl asks both. ru uses pymorphy3, which also
# gives the person, number and mood that informal-address needs.
ANALYZERS: dict[str, Callable[[], Analyzer]] = {
    "de": _simplemma("de"),
    "el": _simplemma("el"),
    "en": _simplemma("en"),
    "es": _simplemma("es"),
    "fi": _simplemma("fi"),
    "fr": _simplemma("fr"),
    "ru": _pymorphy,
    "sl": _lemmagen("sl"),
}

_pipelines: dict[str, Pipeline] = {}
_lock = threading.Lock()


def get_pipeline(lang: str) -> Pipeline:
    """Return the shared Pipeline for *lang*, building it on first use."""
    with _lock:
        pipeline = _pipelines.get(lang)
        if pipeline is None:
            factory = ANALYZERS.get(lang)
            if factory is None:
                raise UnsupportedLanguageError(lang, tuple(sorted(ANALYZERS)))
            pipeline = _pipelines[lang] = Pipeline(lang, factory())
        return pipeline
