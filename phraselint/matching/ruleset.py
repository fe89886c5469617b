"""A language's compiled rules: anchors first, spaCy matchers only where an anchor hit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import LEMMA, LOWER, MORPH
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.tokens import Doc

from phraselint.errors import PatternTimeoutError, RulePackError
from phraselint.lang.pipeline import Pipeline
from phraselint.matching.compiler import compile_pattern, lemma_values
from phraselint.matching.hit import Hit
from phraselint.matching.overlap import resolve
from phraselint.matching.quotes import is_within, quoted_ranges
from phraselint.packs.schema import Pattern, Rule, Scope

_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class _Form:
    """What one lower-cased word form means to these rules."""

    keys: frozenset[str]
    lemma: int
    morph: int


class _PatternGroup:
    """Patterns that run together: one spaCy Matcher for the token ones, plus regexes."""

    def __init__(self, rule: Rule, patterns: Sequence[Pattern], pipeline: Pipeline) -> None:
        self.rule = rule
        self.compiled = [compile_pattern(p, pipeline) for p in patterns]
        self.matcher = Matcher(pipeline.vocab, validate=True)
        for pattern, compiled in zip(patterns, self.compiled, strict=True):
            if compiled.is_regex:
                continue
            try:
                self.matcher.add(str(pattern.line), [list(compiled.tokens)], greedy="LONGEST")
            except (MatchPatternError, ValueError, TypeError) as exc:
                problem = " ".join(str(exc).split())
                raise RulePackError(rule.path, pattern.line, rule.id, f"invalid token pattern: {problem}") from None

    def spans(self, doc: Doc, timeout: float) -> list[tuple[int, int, int]]:
        """Return (start_char, end_char, tokens) of every match in *doc*."""
        found = []
        if len(self.matcher):
            for _, start, end in self.matcher(doc):
                span = doc[start:end]
                found.append((span.start_char, span.end_char, end - start))
        for compiled in self.compiled:
            if compiled.regex is not None:
                try:
                    for m in compiled.regex.finditer(doc.text, timeout=timeout):
                        if m.end() > m.start():
                            found.append((m.start(), m.end(), 1))
                except TimeoutError:
                    raise PatternTimeoutError(self.rule.id, timeout) from None
        return found


class _CompiledRule:
    def __init__(self, rule: Rule, pipeline: Pipeline) -> None:
        self.rule = rule
        self.main = _PatternGroup(rule, rule.patterns, pipeline)
        self.requires = [(scope, _PatternGroup(rule, p, pipeline)) for scope, p in rule.requires]
        self.unless = [(scope, _PatternGroup(rule, p, pipeline)) for scope, p in rule.unless]
        self.always = any(not c.anchors for c in self.main.compiled)

    def is_candidate(self, keys: set[str]) -> bool:
        return self.always or any(
            all(anchor & keys for anchor in c.anchors) for c in self.main.compiled
        )

    def groups(self) -> list[_PatternGroup]:
        return [self.main] + [g for _, g in self.requires] + [g for _, g in self.unless]


class RuleSet:
    """The compiled rules of one language, ready to match texts; safe to share between threads."""

    def __init__(self, rules: Sequence[Rule], pipeline: Pipeline, *, regex_timeout: float = 1.0) -> None:
        self.pipeline = pipeline
        self.regex_timeout = regex_timeout
        self.rules = tuple(rules)
        self._compiled = [_CompiledRule(r, pipeline) for r in rules]
        patterns = [c for cr in self._compiled for g in cr.groups() for c in g.compiled]
        self._lemmas = lemma_values(patterns)
        self._interesting = frozenset(k for c in patterns for a in c.anchors for k in a)
        self._forms: dict[int, _Form] = {}

    def match(self, doc: Doc) -> list[Hit]:
        """Return the resolved hits of every rule in *doc* (a Doc of this pipeline)."""
        with self.pipeline.lock:
            return self._match(doc)

    def _match(self, doc: Doc) -> list[Hit]:
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        forms = [self._form(h) for h in lowers]
        keys: set[str] = set()
        for form in forms:
            keys |= form.keys
        candidates = [c for c in self._compiled if c.is_candidate(keys)]
        if not candidates:
            return []
        values = numpy.array([(f.lemma, f.morph) for f in forms], dtype="uint64")
        doc.from_array([LEMMA, MORPH], values)  # type: ignore[arg-type]  # spaCy's stub wants its own Ints2d alias
        quoted = quoted_ranges(doc.text)
        sentences: list[tuple[int, int]] | None = None
        hits: list[Hit] = []
        for compiled in candidates:
            spans = [s for s in compiled.main.spans(doc, self.regex_timeout) if not is_within(s[0], s[1], quoted)]
            if not spans:
                continue
            if sentences is None and any(scope is Scope.SENTENCE for scope, _ in compiled.requires + compiled.unless):
                sentences = self.pipeline.sentences(doc)
            context = _Context(doc, sentences or [(0, len(doc.text))], self.regex_timeout)
            for start, end, weight in spans:
                if all(context.has(scope, group, start, end) for scope, group in compiled.requires) and not any(
                    context.has(scope, group, start, end) for scope, group in compiled.unless
                ):
                    hits.append(Hit(compiled.rule, start, end, weight))
        return resolve(hits)

    def _form(self, lower: int) -> _Form:
        form = self._forms.get(lower)
        if form is None:
            text = self.pipeline.vocab.strings[lower]
            analysis = self.pipeline.analyze(text)
            lemma = next((c for c in analysis.lemmas if c in self._lemmas), analysis.lemmas[0])
            keys = {"W:" + text, *("L:" + c for c in analysis.lemmas)}
            if analysis.morph:
                keys.update("M:" + f for f in analysis.morph.split("|"))
            morph = self.pipeline.vocab.morphology.add(analysis.morph) if analysis.morph else 0
            form = _Form(frozenset(keys & self._interesting), self.pipeline.vocab.strings.add(lemma), morph)
            if len(self._forms) >= _CACHE_LIMIT:
                self._forms.clear()
            self._forms[lower] = form
        return form


class _Context:
    """Context-condition lookups for the hits of one rule in one Doc, computed once per group."""

    def __init__(self, doc: Doc, sentences: list[tuple[int, int]], timeout: float) -> None:
        self.doc = doc
        self.sentences = sentences
        self.timeout = timeout
        self._spans: dict[int, list[tuple[int, int, int]]] = {}

    def has(self, scope: Scope, group: _PatternGroup, start: int, end: int) -> bool:
        spans = self._spans.get(id(group))
        if spans is None:
            spans = self._spans[id(group)] = group.spans(self.doc, self.timeout)
        if scope is Scope.MESSAGE:
            return bool(spans)
        lo, hi = next(((s, e) for s, e in self.sentences if s <= start < e), (0, len(self.doc.text)))
        return any(lo <= s and e <= hi for s, e, _ in spans)
