"""Lemma analysis with simplemma's per-language lookup data."""

from __future__ import annotations

import simplemma

from phraselint.lang.analysis import Analysis, LiveAnalyzer
from phraselint.lang.normalize import normalize


class SimplemmaAnalyzer(LiveAnalyzer):
    """Analyse word forms with simplemma; the form itself stays a lemma candidate."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, form: str) -> Analysis:
        lemma = normalize(simplemma.lemmatize(form, lang=self.lang).lower())
        # simplemma picks one lemma per form (ru «политика» -> «политик»); keeping the form as a
        # second candidate lets a rule written with the form itself still match.
        return Analysis(lemmas=(lemma,) if lemma == form else (lemma, form))
