"""A language's compiled rules: anchors first, spaCy matchers only where an anchor hit."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy
import regex
from spacy.attrs import LEMMA, LOWER, MORPH
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.tokens import Doc

from phraselint.errors import PatternTimeoutError, RulePackError
from phraselint.lang.normalize import normalize
from phraselint.lang.pipeline import Pipeline
from phraselint.matching.compiler import EXCEPT, Anchor, CompiledPattern, compile_pattern, lemma_values
from phraselint.matching.hit import Hit
from phraselint.matching.overlap import resolve
from phraselint.matching.quotes import is_within, quoted_ranges
from phraselint.packs.schema import Pattern, Rule, Scope

# Word forms and chunks seen are remembered up to this many each, then forgotten all at once. Forms
# and chunks with digits (ids, sums, dates: new in almost every message) get half as much memory of
# their own, so they neither grow memory nor push out the words.
CACHE_LIMIT = 200_000
# The key a chunk of several tokens carries besides its anchor keys: two tokens of a match may share it.
_SEVERAL = "#several"


@dataclass(frozen=True, slots=True)
class _Form:
    """What one lower-cased word form means to these rules."""

    keys: frozenset[str]
    lemma: str | None  # None: the form is its own lemma
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

    def spans(
        self, doc: Doc, text: str, timeout: float, positions: dict[str, list[int]],
    ) -> list[tuple[int, int, int]]:
        """Return (start_char, end_char, tokens) of every match in *doc*, whose text is *text*.

        *positions* maps anchor keys to the tokens carrying them; token patterns whose anchors
        are missing or too far apart are not run.
        """
        windows = [w for c in self.compiled if not c.is_regex if (w := _anchored_window(c, positions, len(doc)))]
        window = (min(w[0] for w in windows), max(w[1] for w in windows)) if windows else (0, 0)
        found = self.token_spans(doc, window)
        for compiled in self.compiled:
            if compiled.regex is not None:
                found.extend(regex_spans(self.rule, compiled.regex, text, timeout))
        return found

    def token_spans(self, doc: Doc, window: tuple[int, int] | None) -> list[tuple[int, int, int]]:
        """Return the token-pattern matches in *doc*, looking only inside *window* when given."""
        low, high = window or (0, len(doc))
        if not len(self.matcher) or high <= low:
            return []
        found = []
        for _, start, end in self.matcher(doc[low:high]):
            span = doc[low + start:low + end]
            found.append((span.start_char, span.end_char, end - start))
        return found


def regex_spans(rule: Rule, pattern: regex.Pattern[str], text: str, timeout: float) -> list[tuple[int, int, int]]:
    """Return the non-empty matches of a rule's regex in *text*, stopping it after *timeout* seconds."""
    try:
        return [(m.start(), m.end(), 1) for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
    except TimeoutError:
        raise PatternTimeoutError(rule.id, timeout) from None


class _CompiledRule:
    def __init__(self, rule: Rule, pipeline: Pipeline, order: int) -> None:
        self.rule = rule
        self.order = order
        self.main = _PatternGroup(rule, rule.patterns, pipeline)
        self.requires = [(scope, _PatternGroup(rule, p, pipeline)) for scope, p in rule.requires]
        self.unless = [(scope, _PatternGroup(rule, p, pipeline)) for scope, p in rule.unless]

        self.needs_sentences = any(c.needs_sentences for c in self.main.compiled)
        self.unanchored = any(not c.anchors for c in self.main.compiled if not c.is_regex)

    def groups(self) -> list[_PatternGroup]:
        return [self.main] + [g for _, g in self.requires] + [g for _, g in self.unless]


class RuleSet:
    """The compiled rules of one language, ready to match texts; safe to share between threads."""

    def __init__(
        self, rules: Sequence[Rule], pipeline: Pipeline, *, regex_timeout: float = 1.0, cache_limit: int = CACHE_LIMIT,
    ) -> None:
        self.pipeline = pipeline
        self.cache_limit = cache_limit
        self.odd_limit = max(1, cache_limit // 2)
        self.regex_timeout = regex_timeout
        self.rules = tuple(rules)
        self._compiled = [_CompiledRule(r, pipeline, i) for i, r in enumerate(rules)]
        patterns = [c for cr in self._compiled for g in cr.groups() for c in g.compiled]
        self._lemmas = lemma_values(patterns)
        self._interesting = frozenset(k for c in patterns for a in c.anchors for k in a)
        self._feature_sets = [frozenset(k[2:].split("|")) for k in self._interesting if k.startswith("M:")]
        self._form_regexes = [
            (k, regex.compile(pattern), frozenset(excluded))
            for k in self._interesting if k.startswith("R:")
            for pattern, *excluded in [k[2:].split(EXCEPT)]
        ]
        self._forms: dict[int, _Form] = {}
        self._odd_forms: dict[int, _Form] = {}
        self._key_sets: dict[frozenset[str], frozenset[str]] = {}
        self._shared_forms: dict[frozenset[str], _Form] = {}
        # Token patterns run only on a text that carries every anchor of one of them (a rule with an
        # all-optional token pattern always runs). Regexes run on every text: the regex module's
        # literal-prefix search makes a shape regex cost well under a microsecond, while one
        # combined alternation of them measured 15x slower than all of them apart.
        self._unanchored = [c for c in self._compiled if c.unanchored]
        self._regexes = [(c, p.regex) for c in self._compiled for p in c.main.compiled if p.regex is not None]
        # Each token pattern is indexed under its rarest anchor, so a text of common words reaches
        # few patterns; a reached pattern runs only where all its anchors lie within its reach.
        # How rare a key is comes from the rules' own good examples and rewrites: natural text of
        # the language, at hand without any corpus.
        seen: Counter[str] = Counter()
        for rule in rules:
            for sample in (*(g.text for g in rule.good), *rule.rewrites):
                doc = pipeline.tokenize(sample)
                seen.update({k for h in doc.to_array(LOWER).tolist() for k in self._form(h).keys})
        self._by_key: dict[str, list[tuple[_CompiledRule, CompiledPattern, Anchor, Anchor]]] = {}
        for compiled in self._compiled:
            for pattern in compiled.main.compiled:
                if not pattern.anchors:
                    continue
                ranked = sorted(pattern.anchors, key=lambda a: sum(seen[k] for k in a))
                first, second = ranked[0], ranked[1] if len(ranked) > 1 else ranked[0]
                for key in first:
                    self._by_key.setdefault(key, []).append((compiled, pattern, first, second))
        # spaCy splits at whitespace before anything else (and the pipeline keeps no exception that
        # spans whitespace), so the anchor keys of a whitespace-free chunk depend on that chunk
        # alone: each chunk is looked at once, and a text whose chunks do not carry every anchor
        # of some pattern needs no tokens at all.
        self._prefilter = not self._unanchored
        self._clean_chunks: set[str] = set()
        self._odd_chunks: set[str] = set()
        self._chunk_keys: dict[str, frozenset[str]] = {}
        self._odd_chunk_keys: dict[str, frozenset[str]] = {}

    def _token_candidates(self, positions: dict[str, list[int]], size: int) -> dict[int, tuple[int, int]]:
        """Return the token window to search per rule whose anchors occur close enough together."""
        windows = {c.order: (0, size) for c in self._unanchored}
        seen: set[int] = set()
        by_key = self._by_key
        for key in positions:
            reached = by_key.get(key)
            if reached is None:
                continue
            for compiled, pattern, first, second in reached:
                # The second-rarest anchor is checked inline: most reached patterns stop here.
                if second.isdisjoint(positions) or (len(first) > 1 and id(pattern) in seen):
                    continue
                seen.add(id(pattern))
                found = _anchored_window(pattern, positions, size, first)
                if found is not None:
                    low, high = windows.get(compiled.order, found)
                    windows[compiled.order] = (min(low, found[0]), max(high, found[1]))
        return windows

    def may_match(self, text: str) -> bool:
        """Return False only when *text* cannot hold a hit: no pattern has all its anchors, no regex matches.

        The cheap test that lets most clean texts skip tokenising and matching altogether.
        """
        if not self._prefilter:
            return True
        text = normalize(text)
        with self.pipeline.lock:
            # Forget before looking up, never between: every chunk of this text must stay known.
            if len(self._clean_chunks) >= self.cache_limit:
                self._clean_chunks.clear()
            if len(self._odd_chunks) >= self.odd_limit:
                self._odd_chunks.clear()
            if len(self._chunk_keys) >= self.cache_limit:
                self._chunk_keys.clear()
            if len(self._odd_chunk_keys) >= self.odd_limit:
                self._odd_chunk_keys.clear()
            chunks = set(text.split())
            chunks -= self._clean_chunks
            chunks -= self._odd_chunks
            chunk_keys, odd_keys = self._chunk_keys, self._odd_chunk_keys
            # Not `chunks - chunk_keys.keys()`: set minus a keys view walks the whole view.
            if unseen := {c for c in chunks if c not in chunk_keys and c not in odd_keys}:
                self._sort_chunks(unseen)
                chunks -= self._clean_chunks
                chunks -= self._odd_chunks
            keys = frozenset().union(*[chunk_keys.get(c) or odd_keys[c] for c in chunks])
            # A pattern with all its anchors must also find them close enough: tokens of a match lie
            # fewer than its reach apart, and so do the chunks that hold them.
            places: dict[str, list[int]] | None = None
            several: set[int] = set()
            for key in keys:
                for _, pattern, _, _ in self._by_key.get(key, ()):
                    if all(not anchor.isdisjoint(keys) for anchor in pattern.anchors):
                        if places is None:
                            places = self._chunk_places(text)
                            several = set(places.get(_SEVERAL, ()))
                        if _in_order(pattern.gaps, places, several):
                            return True
            return next(self._matching_regexes(text), None) is not None

    def _chunk_places(self, text: str) -> dict[str, list[int]]:
        """Return the indices of the whitespace-separated chunks of *text* that carry each anchor key."""
        known, odd = self._chunk_keys.get, self._odd_chunk_keys.get
        places: dict[str, list[int]] = {}
        for i, chunk in enumerate(text.split()):
            for key in known(chunk) or odd(chunk) or ():
                places.setdefault(key, []).append(i)
        return places

    def _matching_regexes(self, text: str) -> Iterator[tuple[_CompiledRule, regex.Pattern[str]]]:
        """Yield each rule regex that matches *text*, stopping one that runs past the timeout."""
        timeout = self.regex_timeout
        for compiled, pattern in self._regexes:
            try:
                if pattern.search(text, timeout=timeout) is not None:
                    yield compiled, pattern
            except TimeoutError:
                raise PatternTimeoutError(compiled.rule.id, timeout) from None

    def _sort_chunks(self, chunks: set[str]) -> None:
        """Remember the anchor keys of each unseen chunk; chunks with none are simply clean."""
        ordered = list(chunks)
        doc = self.pipeline.tokenize(" ".join(ordered))
        ends = list(itertools.accumulate(len(c) + 1 for c in ordered))
        found: list[set[str]] = [set() for _ in ordered]
        sizes = [0] * len(ordered)
        chunk = 0
        for token, lower in zip(doc, doc.to_array(LOWER).tolist(), strict=True):
            while token.idx >= ends[chunk]:
                chunk += 1
            found[chunk].update((self._forms.get(lower) or self._form(lower)).keys)
            sizes[chunk] += 1
        for text, keys, size in zip(ordered, found, sizes, strict=True):
            odd = any(c.isdigit() for c in text)
            if keys:
                if size > 1:
                    keys.add(_SEVERAL)
                (self._odd_chunk_keys if odd else self._chunk_keys)[text] = self._shared(frozenset(keys))
            else:
                (self._odd_chunks if odd else self._clean_chunks).add(text)

    def _shared(self, keys: frozenset[str]) -> frozenset[str]:
        """Return the one stored copy of *keys*: the forms and chunks remembered share a few key sets."""
        if len(self._key_sets) >= self.cache_limit:
            self._key_sets.clear()
        return self._key_sets.setdefault(keys, keys)

    def match(self, doc: Doc, text: str) -> list[Hit]:
        """Return the resolved hits of every rule in *doc*, a Doc of this pipeline made from *text*."""
        with self.pipeline.lock:
            return self._match(doc, normalize(text))

    def _match(self, doc: Doc, text: str) -> list[Hit]:
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        known = self._forms.get
        forms = [known(h) or self._form(h) for h in lowers]
        positions: dict[str, list[int]] = {}
        for i, form in enumerate(forms):
            if form.keys:
                for key in form.keys:
                    positions.setdefault(key, []).append(i)
        found: dict[int, list[tuple[int, int, int]]] = {}
        for compiled, pattern in self._matching_regexes(text):
            spans = regex_spans(compiled.rule, pattern, text, self.regex_timeout)
            found.setdefault(compiled.order, []).extend(spans)
        token_rules = self._token_candidates(positions, len(doc))
        sentences: list[tuple[int, int]] | None = None
        if token_rules or found:
            # Lemma strings are added per use: one added inside an earlier memory zone is gone.
            add = self.pipeline.vocab.strings.add
            values = numpy.array(
                [(h if f.lemma is None else add(f.lemma), f.morph) for f, h in zip(forms, lowers, strict=True)],
                dtype="uint64",
            )
            doc.from_array([LEMMA, MORPH], values)  # type: ignore[arg-type]  # the stub wants spaCy's Ints2d
        if any(self._compiled[order].needs_sentences for order in token_rules):
            sentences = self.pipeline.sentences(doc)  # marks the sentence starts IS_SENT_START tests
        for order, window in token_rules.items():
            if spans := self._compiled[order].main.token_spans(doc, window):
                found.setdefault(order, []).extend(spans)
        if not found:
            return []
        quoted = quoted_ranges(text)
        hits: list[Hit] = []
        for order in sorted(found):
            compiled = self._compiled[order]
            spans = [s for s in found[order] if not is_within(s[0], s[1], quoted)]
            if not spans:
                continue
            if sentences is None and any(s is Scope.SENTENCE for s, _ in compiled.requires + compiled.unless):
                sentences = self.pipeline.sentences(doc)
            context = _Context(doc, text, sentences or [(0, len(text))], self.regex_timeout, positions)
            for start, end, weight in spans:
                if all(context.has(scope, group, start, end) for scope, group in compiled.requires) and not any(
                    context.has(scope, group, start, end) for scope, group in compiled.unless
                ):
                    hits.append(Hit(compiled.rule, start, end, weight))
        return resolve(hits)

    def _form(self, lower: int) -> _Form:
        form = self._forms.get(lower) or self._odd_forms.get(lower)
        if form is None:
            text = self.pipeline.vocab.strings[lower]
            matched = {key for key, pattern, excluded in self._form_regexes
                       if text not in excluded and pattern.search(text)}
            if len(self._forms) >= self.cache_limit:
                self._forms.clear()
            if len(self._odd_forms) >= self.odd_limit:
                self._odd_forms.clear()
            if not self.pipeline.is_wordlike(text):
                # Numbers, ids and punctuation are their own lemma, so forms with the same keys are one.
                found = frozenset({"W:" + text, *matched}) & self._interesting
                form = self._shared_forms.setdefault(found, _Form(found, None, 0))
                (self._odd_forms if any(c.isdigit() for c in text) else self._forms)[lower] = form
                return form
            analysis = self.pipeline.analyze(text)
            # An analyser picks one lemma per form where a form can belong to several (simplemma
            # reads ru «политика» as «политик»); the form itself is a candidate too, and the token
            # carries whichever candidate a rule asks for.
            candidates = (*analysis.lemmas, text)
            lemma = next((c for c in candidates if c in self._lemmas), candidates[0])
            keys = {"W:" + text, *("L:" + c for c in candidates), *matched}
            if analysis.morph:
                features = set(analysis.morph.split("|"))
                keys.update("M:" + "|".join(sorted(s)) for s in self._feature_sets if s <= features)
            morph = self.pipeline.vocab.morphology.add(analysis.morph) if analysis.morph else 0
            form = _Form(self._shared(frozenset(keys & self._interesting)), lemma, morph)
            self._forms[lower] = form
        return form


def _anchored_window(
    pattern: CompiledPattern, positions: dict[str, list[int]], size: int, first: Anchor | None = None,
) -> tuple[int, int] | None:
    """Return the token range where *pattern* can match, or None when its anchors rule it out.

    Candidate places are the occurrences of *first* (default: the pattern's first anchor).
    """
    if not pattern.anchors:
        return 0, size
    for anchor in pattern.anchors:
        if anchor.isdisjoint(positions):
            return None
    if pattern.reach is None:
        # Unbounded in the middle: the match still lies between its outermost anchors, give or
        # take what the pattern allows before the first and after the last anchored token.
        before, after = pattern.margins
        places = [p for anchor in pattern.anchors for key in anchor for p in positions.get(key, ())]
        low = 0 if before is None else max(0, min(places) - before)
        high = size if after is None else min(size, max(places) + after + 1)
        return low, high
    if pattern.offsets:
        return _aligned_window(pattern.offsets, pattern.reach, positions, size)
    reach = pattern.reach
    near = _near(pattern.anchors, first or pattern.anchors[0], reach, positions)
    if not near:
        return None
    return max(0, near[0] - reach + 1), min(size, near[-1] + reach)


def _in_order(
    gaps: tuple[tuple[int | None, Anchor], ...], places: dict[str, list[int]], several: set[int],
) -> bool:
    """Return True when some chunk of the first anchor has every later anchor after it, within its gap.

    A later token of a match sits in a later chunk, no more chunks on than it is tokens on (a gap
    of n tokens between), or in the same chunk when that chunk holds several tokens: *several*
    lists those chunks.
    """
    (_, anchor), later = gaps[0], gaps[1:]
    return any(
        all(any(0 < q - p <= (math.inf if most is None else most + 1) or (q == p and p in several)
                for k in a for q in places.get(k, ()))
            for most, a in later)
        for p in {p for k in anchor for p in places.get(k, ())}
    )


def _near(anchors: tuple[Anchor, ...], first: Anchor, reach: int, positions: dict[str, list[int]]) -> list[int]:
    """Return the sorted places of *first* that have every anchor fewer than *reach* places away."""
    places = sorted({p for key in first for p in positions.get(key, ())})
    others = [sorted({q for key in anchor for q in positions.get(key, ())}) for anchor in anchors]
    return [p for p in places if all(_any_between(qs, p - reach + 1, p + reach - 1) for qs in others)]


def _any_between(ordered: list[int], low: int, high: int) -> bool:
    """Return True when the sorted list *ordered* holds a value from *low* to *high*."""
    i = bisect.bisect_left(ordered, low)
    return i < len(ordered) and ordered[i] <= high


def _aligned_window(
    offsets: tuple[tuple[int, Anchor], ...], length: int, positions: dict[str, list[int]], size: int,
) -> tuple[int, int] | None:
    """Return the range of the starts where every anchor sits at its own offset, or None."""
    at = [(i, {p for key in anchor for p in positions.get(key, ())}) for i, anchor in offsets]
    first, places = at[0]
    starts = [p - first for p in places if all(p - first + i in found for i, found in at[1:])]
    if not starts:
        return None
    return max(0, min(starts)), min(size, max(starts) + length)


class _Context:
    """Context-condition lookups for the hits of one rule in one Doc, computed once per group."""

    def __init__(
        self, doc: Doc, text: str, sentences: list[tuple[int, int]], timeout: float, positions: dict[str, list[int]],
    ) -> None:
        self.doc = doc
        self.text = text
        self.positions = positions
        self.sentences = sentences
        self._sentence_starts = [s for s, _ in sentences]
        self.timeout = timeout
        self._spans: dict[int, list[tuple[int, int, int]]] = {}

    def has(self, scope: Scope, group: _PatternGroup, start: int, end: int) -> bool:
        spans = self._spans.get(id(group))
        if spans is None:
            found = group.spans(self.doc, self.text, self.timeout, self.positions)
            spans = self._spans[id(group)] = sorted(found)
        if scope is Scope.MESSAGE:
            return bool(spans)
        # Sentences and spans are sorted by start: both look-ups are bisections, not scans.
        i = bisect.bisect_right(self._sentence_starts, start) - 1
        lo, hi = self.sentences[i] if i >= 0 and start < self.sentences[i][1] else (0, len(self.text))
        for j in range(bisect.bisect_left(spans, (lo,)), len(spans)):
            s, e, _ = spans[j]
            if s >= hi:
                return False
            if e <= hi:
                return True
        return False
