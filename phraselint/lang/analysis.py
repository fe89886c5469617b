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
