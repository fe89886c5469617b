"""Lemma analysis with lemmagen3's rule trees, backed up by simplemma's dictionary."""

from __future__ import annotations

from lemmagen3 import Lemmatizer

from phraselint.lang.analysis import Analysis
from phraselint.lang.normalize import normalize
from phraselint.lang.simplemma_backend import lemmatize


class LemmagenAnalyzer:
    """Analyse word forms with lemmagen3 first, then simplemma, keeping every distinct candidate.

    For Slovenian lemmagen3 gets imperatives and second-person forms right (pomirite, motite)
    where simplemma does not, and simplemma gets some nouns right (politiki) where lemmagen3 does
    not; a rule matches when any candidate is its lemma.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lemmatizer = Lemmatizer(lang)

    def __call__(self, form: str) -> Analysis:
        candidates = (normalize(self.lemmatizer.lemmatize(form).lower()), lemmatize(form, self.lang))
        return Analysis(lemmas=tuple(dict.fromkeys(candidates)))
