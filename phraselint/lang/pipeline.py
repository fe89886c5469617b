"""A language's spaCy tokeniser, sentence splitter and cached word analysis."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import cast

import regex
import spacy
from spacy.pipeline import Sentencizer
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from phraselint.lang.analysis import Analysis, Analyzer
from phraselint.lang.normalize import normalize

_CACHE_LIMIT = 200_000
_WORDLIKE = regex.compile(r"'?[^\W\d_]+(?:['\-][^\W\d_]+)*'?")


class Pipeline:
    """Tokenise normalised text and analyse word forms for one language.

    spaCy's tokenizer is not documented as re-entrant, so calls into it hold ``lock``; callers
    that run spaCy matchers on the same vocabulary hold the same lock.
    """

    def __init__(self, lang: str, analyzer: Analyzer) -> None:
        self.lang = lang
        self.nlp = spacy.blank(lang)
        # Long inputs are cut into chunks before tokenising, so spaCy's length guard never applies.
        self.nlp.max_length = 10**9
        self.vocab: Vocab = self.nlp.vocab
        self.stop_words: frozenset[str] = frozenset(self.nlp.Defaults.stop_words)
        # spaCy lists some ordinary words with a full stop as abbreviations (sl "je.", "prav.",
        # ru "им."), which glues the stop to the last word of a sentence: "Nimate prav." would
        # never match a rule ending in "prav". A common word before a full stop ends a sentence.
        self.tokenizer = cast(Tokenizer, self.nlp.tokenizer)  # a blank pipeline's is always a Tokenizer
        # Exceptions spanning whitespace (ru «в т.ч.», es «EE. UU.») go too: without them the tokens
        # of a whitespace-free chunk depend on that chunk alone, which the matcher's prefilter uses.
        rules = self.tokenizer.rules or {}
        self.tokenizer.rules = {
            text: tokens for text, tokens in rules.items()
            if not (len(text) > 2 and text.endswith(".") and text[:-1].lower() in self.stop_words)
            and (text.isspace() or not any(c.isspace() for c in text))
        }
        self.lock = threading.RLock()
        self._analyzer = analyzer
        self._analyses: dict[str, Analysis] = {}
        self._sentencizer = Sentencizer()

    def tokenize(self, text: str) -> Doc:
        """Return the Doc of the normalised *text* (same length, same offsets)."""
        with self.lock:
            return self.nlp.make_doc(normalize(text))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[Doc]:
        """Yield the Doc of each normalised text, streaming."""
        # The pipeline has no components, so nlp.pipe is exactly its tokenizer's pipe, minus overhead.
        docs = self.tokenizer.pipe((normalize(t) for t in texts), batch_size=batch_size)
        while True:
            with self.lock:
                doc = next(docs, None)
            if doc is None:
                return
            yield doc

    @contextmanager
    def zone(self) -> Iterator[None]:
        """Hold the pipeline, and forget the strings and word types of texts tokenised meanwhile.

        spaCy's vocabulary otherwise keeps every word it has seen, ids and amounts included, for
        the life of the process. Docs made inside the zone are invalid after it.
        """
        with self.lock, self.nlp.memory_zone():
            yield

    def analyze(self, form: str) -> Analysis:
        """Return the cached Analysis of a lower-cased, normalised word form."""
        found = self._analyses.get(form)
        if found is None:
            found = self._analyzer(form)
            if len(self._analyses) >= _CACHE_LIMIT:
                self._analyses.clear()
            self._analyses[form] = found
        return found

    @staticmethod
    def is_wordlike(form: str) -> bool:
        """Return True for a form a lemmatiser can analyse: letters, maybe joined by ' or -.

        Numbers, ids, e-mail addresses and punctuation are their own lemma; asking pymorphy3 about
        a fresh order number costs ~50 µs and can only answer nonsense.
        """
        return _WORDLIKE.fullmatch(form) is not None

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Return the character ranges of *doc*'s sentences; a line break also ends one."""
        with self.lock:
            self._sentencizer(doc)
            for i, token in enumerate(doc[:-1]):
                if token.is_space and "\n" in token.text:
                    doc[i + 1].is_sent_start = True
            return [(s.start_char, s.end_char) for s in doc.sents]
