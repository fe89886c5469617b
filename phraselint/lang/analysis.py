"""The Analysis of one word form and the Analyzer protocol its back-ends follow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Analysis:
    """Lemma candidates of a lower-cased word form (best first) and its UD features."""

    lemmas: tuple[str, ...]
    morph: str = ""


class Analyzer(Protocol):
    """Turn a lower-cased, normalised word form into its Analysis."""

    def __call__(self, form: str) -> Analysis: ...

    def pattern_lemma(self, form: str) -> str:
        """Return the lemma of a word written in a rule's phrase."""
        ...

    def covers(self, lemma: str) -> bool:
        """Return True when text forms of *lemma* will be recognised."""
        ...


class LiveAnalyzer:
    """Base of analysers that analyse any word on demand: every lemma is covered."""

    def __call__(self, form: str) -> Analysis:
        raise NotImplementedError

    def pattern_lemma(self, form: str) -> str:
        """Return the first lemma candidate of *form*."""
        return self(form).lemmas[0]

    def covers(self, lemma: str) -> bool:
        """Return True: a live analyser recognises the forms of every lemma it knows."""
        return True
