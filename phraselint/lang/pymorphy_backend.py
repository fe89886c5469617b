"""Russian morphology with pymorphy3: every lemma candidate and UD features of the best parse."""

from __future__ import annotations

import pymorphy3

from phraselint.lang.analysis import Analysis
from phraselint.lang.normalize import normalize

_FEATURES = {
    "sing": "Number=Sing", "plur": "Number=Plur",
    "1per": "Person=1", "2per": "Person=2", "3per": "Person=3",
    "impr": "Mood=Imp", "indc": "Mood=Ind",
    "pres": "Tense=Pres", "futr": "Tense=Fut", "past": "Tense=Past",
    "perf": "Aspect=Perf", "impf": "Aspect=Imp",
    "masc": "Gender=Masc", "femn": "Gender=Fem", "neut": "Gender=Neut",
    "nomn": "Case=Nom", "gent": "Case=Gen", "gen2": "Case=Gen", "datv": "Case=Dat",
    "accs": "Case=Acc", "acc2": "Case=Acc", "ablt": "Case=Ins", "loct": "Case=Loc",
    "loc2": "Case=Loc", "voct": "Case=Voc",
    "VERB": "VerbForm=Fin", "INFN": "VerbForm=Inf",
}


class PymorphyAnalyzer:
    """Analyse Russian word forms with pymorphy3's dictionary."""

    def __init__(self) -> None:
        self.morph = pymorphy3.MorphAnalyzer()

    def __call__(self, form: str) -> Analysis:
        try:
            parses = self.morph.parse(form)
        except ValueError:  # pymorphy3 asks unicodedata.name() of letters that have none (e.g. Tangut)
            return Analysis(lemmas=(form,))
        lemmas = tuple(dict.fromkeys(normalize(p.normal_form) for p in parses)) or (form,)
        if not parses:
            return Analysis(lemmas=lemmas)
        tag = parses[0].tag
        feats = {_FEATURES[g] for g in tag.grammemes if g in _FEATURES}
        if tag.POS:
            feats.add(f"PartOfSpeech={tag.POS}")  # spaCy rewrites a "Pos" field name, so it could not match
        return Analysis(lemmas=lemmas, morph="|".join(sorted(feats)))
